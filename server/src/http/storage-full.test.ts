// Issue 17 item 2 on a real full disk: the data folder on a small tmpfs, filled to the last block. An upload and a
// send answer 507 storage-full (never 500), nothing half-written is left, the database stays intact, reads go on,
// and once space is freed both work again. Needs `mount` (root); skipped with a message where it is not permitted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statfsSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { LocalBlobStore } from '../blob-store/local.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { memberBrowser } from '../testing/matrix.js';
import { sqliteOnly } from '../testing/engine-only.js';

const MB = 1024 * 1024;
const mountPoint = mkdtempSync(join(tmpdir(), 'herald-tmpfs-'));
let mounted = false;
// The database file on the full disk is the embedded engine's; PostgreSQL's disk is its server's (SQLSTATE 53100 is
// mapped to 507 in http/storage-faults.ts).
const FILE_ONLY = sqliteOnly("the embedded database file on a full disk; PostgreSQL's disk is its server's");
if (!FILE_ONLY.skip) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (err) {
    process.stdout.write(
      `# skipped: mounting a 16 MB tmpfs is not permitted here (${String((err as Error).message).split('\n')[0]}); ` +
        'run as root to test a full disk\n',
    );
  }
}

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe(
  'issue 17: a full disk',
  { skip: FILE_ONLY.skip || (mounted ? false : 'mount -t tmpfs is not permitted here (needs root)') },
  () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let server: ServerType;
    let base: string;
    let admin: Browser;
    let recipientId: string;
    const filler = join(mountPoint, 'filler');
    const logLines: Array<{ level: number; msg: string }> = [];
    const blobFiles = () =>
      readdirSync(join(mountPoint, 'blobs'), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name);

    /** Writes zeros until the disk refuses (ENOSPC): nothing is left for the database or the blobs. */
    const fillDisk = () => {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;)
          writeSync(
            fd,
            chunk,
            0,
            Math.min(chunk.length, Math.max(statfsSync(mountPoint).bavail * statfsSync(mountPoint).bsize, 1)),
          );
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    };
    const upload = (size: number) =>
      fetch(`${base}/api/v1/attachments?name=report.pdf`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' },
        body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20)]),
      });
    const send = (subject: string, text = 'x'.repeat(90_000)) =>
      admin.request('/api/v1/messages', {
        method: 'POST',
        json: { kind: 'internal', subject, body: doc(text), audience: [{ kind: 'member', targetId: recipientId }] },
      });

    before(async () => {
      deps = await testDeps({ HERALD_DATA_DIR: mountPoint });
      const logger = pino(
        { level: 'info' },
        {
          write: (line: string) => {
            logLines.push(JSON.parse(line));
          },
        },
      );
      const app = createApp({ ...deps, blobs: new LocalBlobStore(join(mountPoint, 'blobs')), logger });
      await new Promise<void>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
          base = `http://127.0.0.1:${info.port}`;
          resolve();
        });
      });
      admin = await adminBrowser(app, deps.db);
      const root = await body(
        await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }),
      );
      recipientId = (await memberBrowser(app, admin, { employeeNo: 'disk-1', name: '收件人', departmentId: root.id }))
        .id;
      assert.equal((await send('before the disk filled', 'ok')).status, 201);
      assert.equal((await upload(MB)).status, 201);
      // The WAL is emptied, so that the next write needs new space rather than reusing the WAL's old frames.
      await deps.db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      fillDisk();
    });
    after(async () => {
      if (server) await new Promise((resolve) => server.close(resolve));
      deps?.cleanup();
      if (mounted) execFileSync('umount', ['-l', mountPoint]); // lazy: a pooled connection may still be closing
      rmSync(mountPoint, { recursive: true, force: true });
    });

    test('an upload answers 507 storage-full and leaves no partial file behind', async () => {
      const res = await upload(4 * MB);
      const problem = await body(res);
      assert.equal(res.status, 507, JSON.stringify(problem));
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(problem.code, 'storage-full');
      assert.equal(blobFiles().length, 1, 'only the upload made before the disk filled');
    });

    test('a send answers 507 storage-full; reads go on and the database stays intact', async () => {
      const res = await send('while the disk is full');
      const problem = await body(res);
      assert.equal(res.status, 507, JSON.stringify(problem));
      assert.equal(problem.code, 'storage-full');
      const sent = await body(await admin.request('/api/v1/sent'));
      assert.deepEqual(
        sent.items.map((i: { message: { subject: string } }) => i.message.subject),
        ['before the disk filled'],
        'nothing half-sent',
      );
      const [check] = (await deps.db.$client.execute('PRAGMA integrity_check')).rows;
      assert.equal(check![0], 'ok');
    });

    test('the operator reads one line naming where the disk is full', () => {
      const lines = logLines.filter((l) => l.level >= 50);
      assert.equal(lines.length, 1, JSON.stringify(logLines));
      assert.match(
        lines[0]!.msg,
        /^storage full \((ENOSPC|SQLITE_FULL)\) at .*herald-tmpfs-.*: free space on that disk/,
      );
    });

    test('once space is freed, uploads and sends work again', async () => {
      rmSync(filler);
      assert.equal((await upload(MB)).status, 201);
      assert.equal((await send('after space was freed')).status, 201);
      assert.equal(blobFiles().length, 2);
    });
  },
);
