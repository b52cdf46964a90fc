// The request log (app.ts): a line per request at `debug` only (issue 23: the terminal of `npm start` stays quiet), and
// never a contact link's token (issue 19 item 4: an unopened link is a secret until it is used).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { pino, type Level } from 'pino';
import { createApp } from '../app.js';
import { testDeps } from '../testing/deps.js';

type Line = { level: number; msg: string; method?: string; path?: string; status?: number; ms?: number };

const deps = await testDeps();
after(() => deps.cleanup());

/** An app whose log goes to `lines`, at `level`. */
function logged(level: Level) {
  const lines: Line[] = [];
  const out = new (class extends Writable {
    override _write(chunk: Buffer, _: BufferEncoding, done: () => void) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      this.emit('line');
      done();
    }
  })();
  const logger = pino({ level }, out);
  const app = createApp({ ...deps, logger });
  /** Resolves once a line written after everything so far has arrived: what came before it is all there is. */
  const settled = async () => {
    logger.fatal('marker');
    while (!lines.some((l) => l.msg === 'marker')) await once(out, 'line');
    return lines.filter((l) => l.msg !== 'marker');
  };
  return { app, settled };
}

const TOKEN = 'a-contact-link-token-that-must-never-be-logged';

test("at debug, a line per request — and a contact link's token is not in it", async () => {
  const { app, settled } = logged('debug');
  assert.equal((await app.request('/healthz')).status, 200);
  await app.request(`/conversation/open/${TOKEN}`);
  const lines = await settled();
  const requests = lines.filter((l) => l.msg === 'request');
  assert.deepEqual(
    requests.map(({ method, path, status }) => ({ method, path, status })),
    [
      { method: 'GET', path: '/healthz', status: 200 },
      { method: 'GET', path: '/conversation/open/…', status: requests[1]?.status },
    ],
  );
  assert.ok(requests.every((l) => typeof l.ms === 'number' && l.ms >= 0));
  assert.ok(!JSON.stringify(lines).includes(TOKEN), 'the token appears in no line');
});

test('at info (the default), a request writes no line', async () => {
  const { app, settled } = logged('info');
  assert.equal((await app.request('/healthz')).status, 200);
  await app.request(`/conversation/open/${TOKEN}`);
  assert.deepEqual(await settled(), []);
});
