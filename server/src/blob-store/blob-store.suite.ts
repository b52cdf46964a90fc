// Issue 18 item 3: one behavioural suite that every blob store must pass, run against the local folder and against S3
// (s3rver) by blob-store.test.ts. The store alone first, then through the API (upload, download, refusals, delete, a
// lost blob), then backup → verify → restore with that store configured.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { MAX_FILE_BYTES } from '../modules/attachments/service.js';
import { backup } from '../ops/backup.js';
import { restore } from '../ops/restore.js';
import { verifyDataFolder } from '../ops/verify.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { openBlobStore } from './open.js';
import type { BlobStore } from './store.js';
import { sqliteOnly } from '../testing/engine-only.js';

const MB = 1024 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const MZ = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(200),
]);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `mb` MB of bytes that differ per MB (a part swapped or repeated would show), in 1 MB chunks. */
async function* counted(mb: number, failAfter?: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < mb; i++) {
    if (i === failAfter) throw new Error('the source gave up');
    yield Buffer.alloc(MB, i % 251);
  }
}
const countedBytes = (mb: number) => Buffer.concat(Array.from({ length: mb }, (_, i) => Buffer.alloc(MB, i % 251)));

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A PDF of `size` bytes made chunk by chunk, never held whole. */
function generated(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= size) return controller.close();
        const n = Math.min(256 * 1024, size - sent);
        const bytes = new Uint8Array(n).fill(0x20);
        if (sent === 0) bytes.set(PDF.subarray(0, n));
        sent += n;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
}

async function keys(store: BlobStore): Promise<string[]> {
  const found: string[] = [];
  for await (const blob of store.list()) found.push(blob.key);
  return found.sort();
}

/**
 * Runs the suite against the store that `env()` configures (evaluated in `before`, so a server the caller starts in
 * its own `before` is up by then). Each call must name a store of its own: the suite expects it empty.
 */
export function blobStoreSuite(name: string, env: () => Record<string, string>) {
  describe(`issue 18: the ${name} blob store`, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let store: BlobStore;
    let app: ReturnType<typeof createApp>;
    let admin: Browser;
    const scratch = mkdtempSync(join(tmpdir(), 'herald-blob-suite-'));

    before(async () => {
      deps = await testDeps(env());
      store = deps.blobs;
      app = createApp(deps);
      admin = await adminBrowser(app, deps.db);
    });
    after(() => {
      deps.cleanup();
      rmSync(scratch, { recursive: true, force: true });
    });

    const upload = (name: string, file: Uint8Array | ReadableStream<Uint8Array>) =>
      admin.request(`/api/v1/attachments?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        body: file as BodyInit,
        headers: { 'content-type': 'application/octet-stream' },
        ...(file instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    const uploaded = async (name: string, file: Uint8Array) => {
      const res = await upload(name, file);
      const json = await body<{ id: string; size: number }>(res);
      assert.equal(res.status, 201, JSON.stringify(json));
      return json;
    };
    /** Refused with `status`/`code`, and the store holds exactly what it held before. */
    const refusedLeavingNothing = async (res: Response, status: number, code: string, held: string[]) => {
      const problem = await body(res);
      assert.equal(res.status, status, JSON.stringify(problem));
      assert.equal(problem.code, code);
      assert.deepEqual(await keys(store), held, 'nothing of the refused upload is kept');
    };

    test('put, stat, list, get and delete: 1 MB (one request) and 11 MB (several parts) come back byte for \
byte', async () => {
      await store.put('0190aaaaaaaa0001', counted(1));
      await store.put('0190aaaaaaaa0011', counted(11));
      assert.deepEqual(await store.stat('0190aaaaaaaa0011'), { size: 11 * MB });
      const listed = new Map<string, number>();
      for await (const blob of store.list()) listed.set(blob.key, blob.size);
      assert.deepEqual([...listed].sort(), [
        ['0190aaaaaaaa0001', MB],
        ['0190aaaaaaaa0011', 11 * MB],
      ]);
      assert.equal(sha(await readAll((await store.get('0190aaaaaaaa0011'))!)), sha(countedBytes(11)));
      assert.equal(sha(await readAll((await store.get('0190aaaaaaaa0001'))!)), sha(countedBytes(1)));

      await store.delete('0190aaaaaaaa0001');
      await store.delete('0190aaaaaaaa0011');
      await store.delete('0190aaaaaaaa0011'); // twice: no error
      assert.equal(await store.stat('0190aaaaaaaa0001'), null);
      assert.equal(await store.get('0190aaaaaaaa0011'), null);
      assert.deepEqual(await keys(store), []);
    });

    test('a source that fails early or after several parts leaves nothing, and its own error comes back', async () => {
      await assert.rejects(store.put('0190aaaaaaaa0002', counted(3, 0)), /the source gave up/);
      await assert.rejects(store.put('0190aaaaaaaa0012', counted(12, 7)), /the source gave up/);
      assert.equal(await store.stat('0190aaaaaaaa0002'), null);
      assert.equal(await store.stat('0190aaaaaaaa0012'), null);
      assert.deepEqual(await keys(store), []);
      await assert.rejects(store.put('../../etc/passwd', counted(1)), /Bad blob key/);
    });

    test('through the API: upload, download whole, delete; refused oversize and refused types leave \
nothing', async () => {
      const file = Buffer.concat([PDF, Buffer.alloc(3 * MB, 0x20)]);
      const stored = await uploaded('报告.pdf', file);
      assert.deepEqual(await store.stat(stored.id), { size: file.length });
      const res = await admin.request(`/api/v1/attachments/${stored.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.headers.get('content-length'), String(file.length));
      assert.equal(sha(Buffer.from(await res.arrayBuffer())), sha(file));

      const held = await keys(store);
      await refusedLeavingNothing(
        await upload('big.pdf', generated(MAX_FILE_BYTES + 1)),
        413,
        'attachment-too-large',
        held,
      );
      await refusedLeavingNothing(await upload('invoice.pdf', MZ), 415, 'file-type-refused', held);

      assert.equal((await admin.request(`/api/v1/attachments/${stored.id}`, { method: 'DELETE' })).status, 204);
      assert.equal(await store.stat(stored.id), null);
      assert.deepEqual(await keys(store), []);
    });

    test('an attachment whose bytes are gone from the store is a problem+json 404', async () => {
      const stored = await uploaded('lost.txt', Buffer.from('soon gone\n'));
      await store.delete(stored.id);
      const res = await admin.request(`/api/v1/attachments/${stored.id}`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal((await body(res)).code, 'not-found');
      assert.equal((await admin.request(`/api/v1/attachments/${stored.id}`, { method: 'DELETE' })).status, 204);
    });

    test(
      'backup reads the blobs from the store, verify checks them there, restore puts them back (issue \
17)',
      sqliteOnly('backup and restore copy the embedded database file (PostgreSQL: pg_dump)'),
      async () => {
        const kept = await uploaded('keep.txt', Buffer.from('kept across a restore\n'));
        const target = join(scratch, 'backup');
        const done = await backup(deps.config, target);
        assert.deepEqual(done.missing, []);
        assert.deepEqual(
          done.manifest.blobs.map((b) => [b.attachmentId, b.sha256]),
          [[kept.id, sha(Buffer.from('kept across a restore\n'))]],
        );
        const database = join(deps.dir, 'herald.db');
        assert.equal((await verifyDataFolder(database, store, { full: true })).ok, true);

        await store.delete(kept.id);
        const broken = await verifyDataFolder(database, store);
        assert.equal(broken.ok, false);
        assert.match(broken.findings.find((f) => !f.ok)!.details!.join('\n'), new RegExp(`${kept.id}: missing`));

        // Into a second data folder (this one's database is open), with the same store settings.
        const dataDir = join(scratch, 'restored');
        const config = loadConfig({ ...env(), HERALD_DATA_DIR: dataDir });
        await restore(config, target);
        const restoredStore = await openBlobStore(config.blobs);
        const report = await verifyDataFolder(join(dataDir, 'herald.db'), restoredStore, { full: true });
        assert.equal(report.ok, true, JSON.stringify(report.findings));
        assert.equal((await readAll((await restoredStore.get(kept.id))!)).toString(), 'kept across a restore\n');
      },
    );
  });
}
