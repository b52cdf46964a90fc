// Issue 17 item 3: Herald started as a real process on a bad data folder says in one line which file is wrong and
// why (no stack trace), and an empty or missing database beside existing attachments is not set up as a new install.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { startupFailureLine } from './ops/startup-check.js';
import { garblePagesOf } from './testing/damage.js';
import { sqliteOnly } from './testing/engine-only.js';

const root = mkdtempSync(join(tmpdir(), 'herald-startup-'));
after(() => rmSync(root, { recursive: true, force: true }));
const template = join(root, 'template.db');
let folders = 0;

/** A fresh data folder, optionally with a database file made from the migrated template. */
function folder(db?: (file: string) => void | Promise<void>) {
  const dir = join(root, `data-${++folders}`);
  mkdirSync(dir);
  return { dir, file: join(dir, 'herald.db'), ready: db?.(join(dir, 'herald.db')) };
}

/** Runs main.ts on `dir` until it prints the banner (then stops it) or exits; everything it wrote to the terminal. */
function start(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url)), ...args],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        HERALD_DATA_DIR: dir,
        HERALD_LOG_LEVEL: 'warn',
        HERALD_SEED_DEMO: 'false',
        HERALD_DEMO_PORTAL_PORT: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('Log:')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise<{ code: number | null; started: boolean; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, started: out.includes('Herald is running'), stderr: err }));
  });
}

const oneLine = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, no stack trace:\n${stderr}`);
  return lines[0]!;
};

describe(
  'issue 17: start-up checks',
  sqliteOnly('checks of the embedded database file at start; a postgres:// URL has no file to check'),
  () => {
    before(async () => {
      const db = openDatabase(`file:${template}`);
      await migrateDatabase(db);
      await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      db.$client.close();
    });

    test('a garbage header: "is not a SQLite database", naming the file', async () => {
      const { dir } = folder((f) => writeFileSync(f, Buffer.alloc(64 * 1024, 'garbage ')));
      const run = await start(dir);
      assert.equal(run.code, 1);
      const line = oneLine(run.stderr);
      assert.match(line, /herald\.db is not a SQLite database \(it begins "garbage garbage "/);
      assert.match(line, /pnpm herald verify/);
      assert.match(line, /pnpm herald restore/);
    });

    test('a truncated file: "is truncated", with its size and what the header says', async () => {
      const { dir } = folder((f) => {
        copyFileSync(template, f);
        truncateSync(f, 20_000);
      });
      const run = await start(dir);
      assert.equal(run.code, 1);
      assert.match(
        oneLine(run.stderr),
        /herald\.db is truncated \(20000 bytes, where its header says \d+ pages of 4096 bytes/,
      );
    });

    test('garbage pages in the middle: the quick check at start finds them', async () => {
      const { dir, ready } = folder(async (f) => {
        copyFileSync(template, f);
        await garblePagesOf(f, 'members');
      });
      await ready;
      const run = await start(dir);
      assert.equal(run.code, 1);
      assert.match(oneLine(run.stderr), /herald\.db is damaged \((quick_check|SQLITE_CORRUPT)/);
    });

    test('a file locked by another program: "is locked", no restore advice', async () => {
      const { dir, file } = folder((f) => copyFileSync(template, f));
      // Another program holds the database exclusively: an exclusive transaction left open (a sqlite3 shell, a tool).
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `
      import Database from 'libsql';
      const db = new Database(${JSON.stringify(file)});
      db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE held(x)");
      process.stdout.write('held\\n');
      setInterval(() => db, 1000); // keeps the connection (and its lock) from being collected`,
        ],
        { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise((resolve) => holder.stdout.once('data', resolve));
        const run = await start(dir);
        assert.equal(run.code, 1, JSON.stringify(run));
        const line = oneLine(run.stderr);
        assert.match(line, /herald\.db is locked by another program \(SQLITE_BUSY/);
        assert.doesNotMatch(line, /restore/);
      } finally {
        holder.kill();
      }
    });

    test('an empty database beside existing attachments is a lost database: refused, unless --init', async () => {
      const { dir, file } = folder((f) => writeFileSync(f, ''));
      mkdirSync(join(dir, 'blobs', 'ab'), { recursive: true });
      writeFileSync(join(dir, 'blobs', 'ab', '0190aaaaaaaaaaab'), 'the bytes of an attachment');
      const refused = await start(dir);
      assert.equal(refused.code, 1);
      assert.equal(refused.started, false);
      const line = oneLine(refused.stderr);
      assert.match(line, /herald\.db is empty, but .*blobs holds data — a lost database, not a new install/);
      assert.match(line, /--init/);

      rmSync(file); // missing instead of empty: the same
      assert.match(oneLine((await start(dir)).stderr), /herald\.db is missing, but/);

      const told = await start(dir, ['--init']);
      assert.equal(told.started, true, told.stderr);
      assert.equal(told.code, 0);
    });

    test('a new install (no database, no attachments) and a sound database start; --check waits for the full quick \
check', async () => {
      assert.equal((await start(folder().dir)).started, true);
      const { dir } = folder((f) => copyFileSync(template, f));
      const run = await start(dir, ['--check']);
      assert.equal(run.started, true, run.stderr);
    });

    test('other start-up failures are one line too; HERALD_LOG_LEVEL=debug adds the stack', () => {
      const err = Object.assign(new Error('no such table: members\nmore'), { code: 'SQLITE_ERROR' });
      assert.equal(
        startupFailureLine(err, {}),
        'Herald could not start: no such table: members (SQLITE_ERROR) — HERALD_LOG_LEVEL=debug shows where',
      );
      assert.match(
        startupFailureLine(err, { HERALD_LOG_LEVEL: 'debug' }),
        /^Herald could not start: Error: no such table[\s\S]*\n\s+at /,
      );
    });
  },
);
