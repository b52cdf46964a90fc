// Issue 18 item 3 (review): restoring into a store shared with other databases (a folder named by HERALD_BLOB_URL, or
// a bucket) puts back a blob the store holds damaged, whether its size differs or not, the same on both stores:
// the same size is not the same bytes, and a folder's `put` never overwrites.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { openBlobStore } from '../blob-store/open.js';
import type { BlobStore } from '../blob-store/store.js';
import { loadConfig } from '../config.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body } from '../testing/http.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { backup } from './backup.js';
import { restore } from './restore.js';
import { sqliteOnly } from '../testing/engine-only.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const root = mkdtempSync(join(tmpdir(), 'herald-restore-shared-'));
let s3: FakeS3;
before(async () => {
  s3 = await startFakeS3();
});
after(async () => {
  await s3.close();
  rmSync(root, { recursive: true, force: true });
});

async function read(store: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await store.get(key))!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
const replace = async (store: BlobStore, key: string, bytes: string) => {
  await store.delete(key);
  await store.put(key, Readable.from([Buffer.from(bytes)]));
};

for (const [name, env] of [
  ['shared folder', () => ({ HERALD_BLOB_URL: `file:${join(root, 'shared')}` })],
  ['bucket (s3rver)', () => s3.env('restore-shared')],
] as const) {
  describe(
    `issue 18: restore into a ${name} that holds damaged blobs`,
    sqliteOnly('backup and restore copy the embedded database file (PostgreSQL: pg_dump)'),
    () => {
      let deps: Awaited<ReturnType<typeof testDeps>>;
      before(async () => {
        mkdirSync(join(root, 'shared'), { recursive: true });
        deps = await testDeps(env());
      });
      after(() => deps.cleanup());

      test('a blob of another size and one of the same size but other bytes are put back; a whole one is \
kept', async () => {
        const admin = await adminBrowser(createApp(deps), deps.db);
        const files = ['first attachment\n', 'second attachment\n', 'third attachment\n'].map((t) => Buffer.from(t));
        const ids: string[] = [];
        for (const [i, file] of files.entries()) {
          const res = await admin.request(`/api/v1/attachments?name=f${i}.txt`, { method: 'POST', body: file });
          assert.equal(res.status, 201);
          ids.push((await body<{ id: string }>(res)).id);
        }
        const target = join(root, `backup-${name.split(' ')[0]}`);
        await backup(deps.config, target);

        const store = deps.blobs;
        await replace(store, ids[0]!, 'truncated'); // another size
        await replace(store, ids[1]!, 'SECOND ATTACHMENT\n'); // the same size, other bytes
        assert.equal((await store.stat(ids[1]!))?.size, files[1]!.length);

        const config = loadConfig({ ...env(), HERALD_DATA_DIR: join(root, `restored-${name.split(' ')[0]}`) });
        const result = await restore(config, target);
        assert.equal(result.uploaded, 2, 'the two damaged blobs, not the whole one');
        const restored = await openBlobStore(config.blobs);
        for (const [i, id] of ids.entries()) assert.equal(sha(await read(restored, id)), sha(files[i]!), `blob ${i}`);
      });
    },
  );
}
