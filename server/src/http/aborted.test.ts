// Issue 22: a client that drops its upload half-way is logged as such, at info level — not as an "unhandled error".
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import type { Browser } from '../testing/http.js';

type Line = { level: number; msg: string; path?: string };

describe('issue 22: aborted uploads', { timeout: 120_000 }, () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let server: ServerType;
  let base: string;
  let admin: Browser;
  const lines: Line[] = [];
  const logged = new (class extends Writable {
    override _write(chunk: Buffer, _: BufferEncoding, done: () => void) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(l) as Line);
        this.emit('line');
      }
      done();
    }
  })();

  before(async () => {
    deps = await testDeps();
    deps.logger = pino({ level: 'debug' }, logged); // request lines are at debug (issue 23: a quiet terminal)
    const app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  after(() => {
    server.close();
    deps.cleanup();
  });

  /**
   * Starts an upload, waits until the server is reading its body, then drops the connection; resolves once the server
   * logged the request.
   */
  async function dropMidway(path: string, headers: Record<string, string>) {
    const started = new Promise<void>((resolve) => {
      const original = deps.blobs.put;
      deps.blobs.put = async (key, source) => {
        deps.blobs.put = original;
        resolve();
        return original.call(deps.blobs, key, source);
      };
    });
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'transfer-encoding': 'chunked', ...headers },
    });
    req.on('error', () => {});
    req.write(Buffer.from('%PDF-1.4\n'));
    req.write(Buffer.alloc(1024 * 1024, 0x20));
    await started;
    req.destroy();
    while (!lines.some((l) => l.msg === 'request' && l.path === path.split('?')[0])) await once(logged, 'line');
  }

  test('issue 22: an attachment upload cut by the client is an info line, not an unhandled error', async () => {
    await dropMidway('/api/v1/attachments?name=cut.pdf', { 'content-type': 'application/octet-stream' });
    assert.deepEqual(
      lines.filter((l) => l.level >= 50).map((l) => l.msg),
      [],
      'nothing at error level',
    );
    const aborted = lines.find((l) => l.msg === 'request aborted by the client');
    assert.equal(aborted?.level, 30);
    assert.equal(aborted?.path, '/api/v1/attachments');
  });
});
