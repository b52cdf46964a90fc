// Issue 23 item 10: a quiet first start. The terminal shows a banner (URL, the one-time admin password, where the log
// goes) and no request lines; the one-time password can be shown again with `pnpm herald admin-password` while it is
// unchanged — kept in a 0600 file in the data folder that the first change deletes.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINE } from './db/engine.js';
import { emptyPgDatabase } from './testing/pg-database.js';

const dir = mkdtempSync(join(tmpdir(), 'herald-first-start-'));
let dropDatabase = async () => {};
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase();
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  HERALD_DATA_DIR: dir,
  HERALD_SEED_DEMO: 'false',
  HERALD_DEMO_PORTAL_PORT: 'off',
};
const logFile = join(dir, 'herald.log');
// On PostgreSQL (HERALD_TEST_ENGINE=pg, issue 18) npm start and the CLI share a new, empty database of the test
// cluster.
before(async () => {
  if (ENGINE !== 'pg') return;
  const database = await emptyPgDatabase();
  env.DATABASE_URL = database.url;
  dropDatabase = database.drop;
});

const cli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./cli.ts', import.meta.url)), ...args],
    { env },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout + err.stderr }),
  );

test('issue 23: npm start prints a banner and no request lines; admin-password shows the one-time password until it is \
changed', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))], {
    env: { ...env, HERALD_LOG_FILE: logFile, HERALD_LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  try {
    let terminal = '';
    child.stderr.on('data', (d) => {
      terminal += d;
    });
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        terminal += d;
        if (terminal.includes('Log:')) resolve();
      }),
    );
    await ready;
    const url = /Herald is running: (http:\/\/\S+?)\/examples\/intranet\//.exec(terminal)?.[1];
    const password = /Super admin:\s+admin \/ (\S+)/.exec(terminal)?.[1];
    assert.ok(url && password, terminal);
    assert.match(terminal, /npm run herald admin-password/);
    assert.ok(terminal.includes(`Log:               ${logFile} (debug, with every request)`), terminal);

    const file = join(dir, 'admin-password');
    assert.equal(statSync(file).mode & 0o777, 0o600, "readable by the server's user only");
    // The folder, the database (embed app secrets) and the log are this OS user's only too (review of issue 23).
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const name of [...(ENGINE === 'sqlite' ? ['herald.db'] : []), logFile])
      assert.equal(statSync(name.startsWith('/') ? name : join(dir, name)).mode & 0o077, 0, name);
    assert.deepEqual(await cli('admin-password'), {
      code: 0,
      stdout: `admin / ${password}\n(one-time: you choose your own at first sign-in; then it is forgotten)\n`,
    });

    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await signIn.json();
    const changed = await fetch(`${url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: password, newPassword: 'Lantern-Harbour-2026!' }),
    });
    assert.equal(changed.status, 200);
    // Requests went to the log file (written before each answer), never to the terminal.
    assert.match(readFileSync(logFile, 'utf8'), /"path":"\/api\/v1\/auth\/password","status":200/);
    assert.doesNotMatch(terminal, /"msg":"request"|\{"level"/, terminal);

    assert.equal(existsSync(file), false, 'the first change deletes the kept password');
    const after = await cli('admin-password');
    assert.equal(after.code, 1);
    assert.match(after.stdout, /not kept any more/);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});

test('issue 23: a kept password that no longer signs in is never shown (and is deleted)', async () => {
  // The previous test changed the password; an old copy of the file (say, restored from a backup) is refused.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'admin-password'), 'stale-password-123\n', { mode: 0o600 });
  const shown = await cli('admin-password');
  assert.equal(shown.code, 1);
  assert.doesNotMatch(shown.stdout, /stale-password-123/);
  assert.equal(existsSync(join(dir, 'admin-password')), false);
});
