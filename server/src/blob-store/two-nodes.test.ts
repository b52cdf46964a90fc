// Issue 18 item 3: two Herald nodes (two apps, each with its own database connections and blob store, on their own
// loopback ports) on one data folder: an attachment uploaded through node B downloads through node A. Once with the
// shared local folder (the data folder's blobs/), once with a shared bucket (s3rver).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { closeDatabase } from '../db/client.js';

type Node = { deps: Awaited<ReturnType<typeof testDeps>>; server: ServerType; url: string };

async function startNode(env: Record<string, string>, dir?: string): Promise<Node> {
  const deps = await testDeps(env, dir);
  const app = createApp(deps);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ deps, server, url: `http://127.0.0.1:${info.port}/api/v1` }),
    );
  });
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let s3: FakeS3;
before(async () => {
  s3 = await startFakeS3();
});
after(() => s3.close());

for (const [name, env] of [
  ['one shared data folder', () => ({})],
  ['one shared bucket', () => s3.env('two-nodes')],
] as const) {
  describe(`issue 18: two nodes on ${name}`, () => {
    let a: Node;
    let b: Node;
    before(async () => {
      a = await startNode(env());
      // The same database (file, or PostgreSQL database) and blobs folder.
      b = await startNode({ ...env(), DATABASE_URL: a.deps.config.databaseUrl }, a.deps.dir);
    });
    after(async () => {
      for (const node of [b, a]) await new Promise((resolve) => node.server.close(resolve));
      b.deps.live.close();
      await closeDatabase(b.deps.db);
      a.deps.cleanup();
    });

    test('an attachment uploaded through node B downloads through node A, byte for byte; removed through A, gone on \
B', async () => {
      const admin = await adminBrowser(createApp(b.deps), b.deps.db); // a session in the shared database
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
      const file = Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(6 * 1024 * 1024, 0x41),
        Buffer.from('%%EOF\n'),
      ]);
      const res = await fetch(`${b.url}/attachments?name=${encodeURIComponent('两个节点.pdf')}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: file,
      });
      const stored = (await res.json()) as { id: string };
      assert.equal(res.status, 201, JSON.stringify(stored));

      const download = await fetch(`${a.url}/attachments/${stored.id}`, { headers });
      assert.equal(download.status, 200);
      assert.equal(sha(new Uint8Array(await download.arrayBuffer())), sha(file));

      assert.equal((await fetch(`${a.url}/attachments/${stored.id}`, { method: 'DELETE', headers })).status, 204);
      const gone = await fetch(`${b.url}/attachments/${stored.id}`, { headers });
      assert.equal(gone.status, 404);
      assert.equal(await b.deps.blobs.stat(stored.id), null);
    });
  });
}
