// Issue 17 item 1: `pnpm herald backup` while people send, `restore` into a second data folder, and a real Herald
// process started there serves every message and attachment acknowledged before the backup began.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { TEST_ADMIN_PASSWORD, testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { memberBrowser } from '../testing/matrix.js';
import { blobFile } from './manifest.js';
import { sqliteOnly } from '../testing/engine-only.js';

const FILE_ONLY = 'backup, restore and verify copy and check the embedded database file (PostgreSQL: pg_dump)';
const root = mkdtempSync(join(tmpdir(), 'herald-backup-'));
const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
const mainPath = fileURLToPath(new URL('../main.ts', import.meta.url));

/** `pnpm herald …` as a separate process on `dataDir`. */
const herald = (dataDir: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    env: { ...process.env, HERALD_DATA_DIR: dataDir },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Acked = { messageId: string; attachmentId: string; sha256: string };

test('issue 18: on PostgreSQL, backup, restore and verify say they are for the embedded file (pg_dump)', async () => {
  const url = 'postgres://herald@127.0.0.1:1/herald'; // never connected to: the commands refuse before opening it
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', cliPath, ...args], {
      env: { ...process.env, HERALD_DATA_DIR: join(root, 'pg'), DATABASE_URL: url },
    }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const backedUp = await run('backup', join(root, 'pg-backup'));
  assert.equal(backedUp.code, 1);
  assert.match(backedUp.out, /points at PostgreSQL: `pnpm herald backup` is for the embedded database file/);
  assert.match(backedUp.out, /pg_dump -Fc/);
  assert.ok(!existsSync(join(root, 'pg-backup')), 'nothing written');
  assert.match((await run('restore', join(root, 'pg-backup'))).out, /pg_restore/);
  const verified = await run('verify');
  assert.equal(verified.code, 2);
  assert.match(verified.out, /pg_amcheck/);
});

describe('issue 17: backup under load, restore, verify', sqliteOnly(FILE_ONLY), () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  let recipientId: string;
  const acked: Acked[] = [];
  let ackedBeforeBackup = 0;
  let ackedDuringBackup = 0;
  const backupDir = join(root, 'backup-1');
  const restoredDir = join(root, 'restored');

  /** One sender: upload a file, send it; every 201 is an acknowledgement the backup may be asked about. */
  async function sendUntil(stop: () => boolean, who: number) {
    for (let n = 0; !stop(); n++) {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000 + n * 97)]);
      const up = await admin.request(`/api/v1/attachments?name=s${who}-${n}.pdf`, {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      });
      assert.equal(up.status, 201, await up.clone().text());
      const attachmentId = (await body(up)).id as string;
      const sent = await admin.request('/api/v1/messages', {
        method: 'POST',
        json: {
          kind: 'internal',
          subject: `load ${who}-${n}`,
          body: doc(`message ${n}`),
          attachmentIds: [attachmentId],
          audience: [{ kind: 'member', targetId: recipientId }],
        },
      });
      assert.equal(sent.status, 201, await sent.clone().text());
      acked.push({ messageId: (await body(sent)).id as string, attachmentId, sha256: sha(bytes) });
    }
  }

  before(async () => {
    deps = await testDeps();
    const app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    const dept = await body(
      await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }),
    );
    recipientId = (await memberBrowser(app, admin, { employeeNo: 'bk-1', name: '收件人', departmentId: dept.id })).id;
  });
  after(() => {
    deps?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  test('a backup taken while four senders send is consistent; restore refuses the folder Herald runs on', async () => {
    let stop = false;
    const senders = [1, 2, 3, 4].map((who) => sendUntil(() => stop, who));
    while (acked.length < 8) await new Promise((r) => setTimeout(r, 20)); // a positive signal: sends are flowing
    ackedBeforeBackup = acked.length;
    const made = await herald(deps.dir, 'backup', backupDir);
    ackedDuringBackup = acked.length - ackedBeforeBackup;
    stop = true;
    await Promise.all(senders);
    assert.equal(made.code, 0, made.out);
    assert.match(made.out, /^Backed up .*herald\.db \(.* MB, schema \d{4}_\w+\) and \d+ attachments/);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.format, 'herald-backup');
    assert.match(manifest.database.sha256, /^[0-9a-f]{64}$/);
    assert.ok(manifest.blobs.length >= ackedBeforeBackup, `${manifest.blobs.length} blobs`);
    assert.equal(readdirSync(root).filter((n) => n.includes('partial')).length, 0, 'no half-made backup folder left');

    const verified = await herald(deps.dir, 'verify', backupDir);
    assert.equal(verified.code, 0, verified.out);
    assert.match(verified.out, /✔ checksums: all \d+ files match the manifest/);
    assert.match(verified.out, /✔ integrity_check: ok/);

    // Herald (this test's app) has the database open: a restore onto its folder changes nothing.
    const before = statSync(join(deps.dir, 'herald.db')).ino;
    const refused = await herald(deps.dir, 'restore', backupDir);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /Nothing was changed: .*herald\.db is open in another process/);
    assert.equal(statSync(join(deps.dir, 'herald.db')).ino, before);
    process.stdout.write(
      `# ${ackedBeforeBackup} sends acknowledged before the backup, ${ackedDuringBackup} while it ran\n`,
    );
  });

  test('restored into a second folder, a real Herald serves every message and attachment acknowledged before the \
backup', async () => {
    const restored = await herald(restoredDir, 'restore', backupDir);
    assert.equal(restored.code, 0, restored.out);
    const child = spawn(process.execPath, ['--import', 'tsx', mainPath], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        HERALD_DATA_DIR: restoredDir,
        HERALD_LOG_LEVEL: 'warn',
        HERALD_SEED_DEMO: 'false',
        HERALD_DEMO_PORTAL_PORT: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      let out = '';
      child.stderr.on('data', (d) => {
        out += d;
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          const m = /Herald is running: (http:\/\/\S+?)\/examples/.exec(out);
          if (m && out.includes('Log:')) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`Herald did not start on the restored folder:\n${out}`)));
      });
      const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      assert.equal(signIn.status, 200, await signIn.clone().text());
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const get = (path: string) => fetch(`${url}/api/v1${path}`, { headers: { cookie } });
      let present = 0;
      for (const [i, sent] of acked.entries()) {
        const message = await get(`/messages/${sent.messageId}`);
        // Acknowledged after the copy's moment: absent whole.
        if (i >= ackedBeforeBackup && message.status === 404) continue;
        assert.equal(message.status, 200, `message ${i} (${i < ackedBeforeBackup ? 'before' : 'during'} the backup)`);
        const file = await get(`/attachments/${sent.attachmentId}`);
        assert.equal(file.status, 200, `attachment of message ${i}`);
        assert.equal(sha(new Uint8Array(await file.arrayBuffer())), sent.sha256, `the bytes of attachment ${i}`);
        present++;
      }
      assert.ok(present >= ackedBeforeBackup);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const verified = await herald(restoredDir, 'verify', '--full');
    assert.equal(verified.code, 0, verified.out);
    assert.match(verified.out, /attachments: all \d+ have their bytes \(SHA-256 checked\)\nverify: OK/);
  });

  test('a backup with a changed byte is refused before anything is replaced', async () => {
    const tampered = join(root, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(tampered, 'manifest.json'), 'utf8'));
    const victim = join(tampered, manifest.blobs[0].path);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(victim, bytes);
    const target = join(root, 'untouched');
    const refused = await herald(target, 'restore', tampered);
    assert.equal(refused.code, 1);
    assert.match(
      refused.out,
      /Nothing was changed: the backup does not check out[\s\S]*✖ checksums: 1 of \d+ files differ from the manifest/,
    );
    assert.equal(existsSync(join(target, 'herald.db')), false);
  });

  test('a manifest pointing outside the backup is refused: verify never vouches for a file from \
elsewhere', async () => {
    const crafted = join(root, 'crafted');
    cpSync(backupDir, crafted, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(crafted, 'manifest.json'), 'utf8'));
    // The path of a real file outside the folder, with that file's true checksum (the review's reproduction).
    const outside = join(root, 'outside.bin');
    writeFileSync(outside, 'not an attachment');
    const sum = createHash('sha256').update('not an attachment').digest('hex');
    manifest.blobs[0] = { ...manifest.blobs[0], path: relative(crafted, outside), size: 17, sha256: sum };
    writeFileSync(join(crafted, 'manifest.json'), JSON.stringify(manifest));
    const target = join(root, 'untouched-2');
    const refused = await herald(target, 'restore', crafted);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /outside the backup's blobs\//);
    assert.equal(existsSync(join(target, 'herald.db')), false);
  });

  test('verify finds an attachment whose bytes are gone, and says which', async () => {
    const gone = acked[0]!;
    rmSync(blobFile(join(restoredDir, 'blobs'), gone.attachmentId));
    const run = await herald(restoredDir, 'verify');
    assert.equal(run.code, 1);
    assert.match(
      run.out,
      new RegExp(
        `✖ attachments: 1 of \\d+ without their bytes[\\s\\S]*${gone.attachmentId}: missing[\\s\\S]*verify: FAILED \
\\(1 problem\\)`,
      ),
    );
  });
});
