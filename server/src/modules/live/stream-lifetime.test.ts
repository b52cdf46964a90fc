// Review of issue 15: a stream written straight to the connection must not outlive its client. A client that leaves
// before the route runs (during authentication, in a reconnect storm) leaves no subscription behind; HEAD gets a head;
// and an open stream keeps no more than it must (its answer is the route's to return, not the stream's to keep).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { createApp } from '../../app.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import type { LiveHub } from './hub.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let server: ServerType;
let port = 0;
let cookie = '';
let active = 0;
/** Resolves with each request's outcome once the app has answered it. */
let answered: (() => void) | undefined;
/** The answer to the latest request marked `x-watch`, held weakly: whether anything else still holds it. */
let watched: WeakRef<Response> | undefined;

before(async () => {
  deps = await testDeps();
  const real = deps.live;
  // Counts subscriptions the hub holds (subscribe / its unsubscribe), as the streams use it.
  const live = new Proxy(real, {
    get(target, key) {
      if (key === 'subscribe') {
        return async (...args: Parameters<LiveHub['subscribe']>) => {
          const unsubscribe = await target.subscribe(...args);
          active++;
          return () => {
            active--;
            unsubscribe();
          };
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as LiveHub;
  const app = createApp({ ...deps, live });
  cookie = (await adminBrowser(app, deps.db)).cookie;
  // The live route's own answer, as `app.ts` is handed it to write the head (`respondDirectly`), held weakly. (Were a
  // middleware to set a header after the route, `c.res` would be a copy and this would watch the copy: none does.)
  const watching = new Hono().use(async (c, next) => {
    const set = c.set.bind(c) as (key: string, value: unknown) => void;
    (c as { set: typeof set }).set = (key, value) => {
      if (key !== 'respondDirectly') return set(key, value);
      const respond = value as (c: Context) => void;
      set(key, (c: Context) => {
        watched = new WeakRef(c.res);
        respond(c);
      });
    };
    await next();
  });
  watching.route('/', app);
  server = serve({
    // The app runs only once the client has gone: as when it leaves while a busy server authenticates it. A request
    // marked `x-watch` goes through `watching`.
    fetch: async (req, env) => {
      const { incoming } = env as { incoming: IncomingMessage };
      if (req.headers.get('x-leave-first')) await once(incoming.socket, 'close');
      const res = await (req.headers.get('x-watch') ? watching : app).fetch(req, env);
      answered?.();
      return res;
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => {
  (server as unknown as { closeAllConnections(): void }).closeAllConnections();
  server.close();
  deps.cleanup();
});

const raw = async (request: string) => {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(request);
  return socket;
};

test('a client that leaves before its stream opens leaves no subscription behind', async () => {
  const done = new Promise<void>((r) => {
    answered = r;
  });
  const socket = await raw(`GET /api/v1/live HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nX-Leave-First: 1\r\n\r\n`);
  socket.destroy();
  await done;
  assert.equal(active, 0);
});

test('HEAD /api/v1/live answers a head and the connection serves the next request', async () => {
  const socket = await raw(
    `HEAD /api/v1/live HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n` + 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
  );
  let text = '';
  socket.on('data', (d: Buffer) => {
    text += d;
  });
  while (!/\r\n\r\n\{.*\}/s.test(text)) await once(socket, 'data');
  socket.destroy();
  assert.match(text, /^HTTP\/1\.1 200 OK\r\n[\s\S]*content-type: text\/event-stream/);
  assert.match(text, /HTTP\/1\.1 200 OK[\s\S]*\{"ok":true\}/);
  assert.equal(active, 0);
});

// Issue 15: the marker answer (a fetch `Response` with its `Headers`) was ≈ 1 KB of every open stream's memory, kept by
// the stream's closures; with 5,000 streams open the garbage collector copied it around on every young collection.
test('an open stream does not keep its answer (issue 15: memory per stream)', { timeout: 30_000 }, async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const socket = await raw(`GET /api/v1/live HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nX-Watch: 1\r\n\r\n`);
  let text = '';
  socket.on('data', (d: Buffer) => {
    text += d;
  });
  while (!text.includes('event: ready')) {
    // Any other answer fails here rather than waiting for a frame that will not come.
    if (/^HTTP\/1\.1 (?!200 )/.test(text)) assert.fail(`the stream did not open:\n${text}`);
    await once(socket, 'data');
  }
  assert.equal(active, 1, 'the stream is open');
  assert.equal(watched?.deref()?.headers.get('x-hono-already-sent'), 'true', "the route's answer is watched");
  // A WeakRef's target lives until the end of the turn that made or read it: collect in later turns.
  for (let i = 0; i < 5 && watched?.deref() !== undefined; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  assert.equal(watched?.deref(), undefined, 'the answer was collected while its stream is open');
  assert.equal(active, 1, 'and the stream is still open');
  socket.destroy();
});
