// Issue 17 item 4: busy is never a 500. Another process holds the database's write lock (a real child process with
// its own connection, as a second Herald or a sqlite3 shell would); this process's send waits for it asynchronously —
// its event loop keeps turning — and succeeds once the lock goes, or answers 503 busy with Retry-After past its
// deadline, having written nothing.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { memberBrowser } from '../testing/matrix.js';
import { databaseFile } from '../ops/data-folder.js';
import { busyDeadline, busyWaits } from './busy.js';
import { until } from '../testing/until.js';
import { sqliteOnly } from '../testing/engine-only.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let admin: Browser;
let recipientId: string;
const deadline = busyDeadline.ms;

before(async () => {
  deps = await testDeps();
  const app = createApp(deps);
  admin = await adminBrowser(app, deps.db);
  const root = await body(
    await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }),
  );
  recipientId = (await memberBrowser(app, admin, { employeeNo: 'busy-1', name: '收件人', departmentId: root.id })).id;
});
after(() => {
  busyDeadline.ms = deadline;
  deps.cleanup();
});

/** Another process holding the write lock (`BEGIN IMMEDIATE`) until it is told to commit. */
async function lockHolder(path: string): Promise<{ commit: () => Promise<void>; child: ChildProcess }> {
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const script = `const Database = require(${JSON.stringify(libsql)});
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => {
      db.exec('COMMIT'); db.close(); process.stdout.write('committed\\n'); process.exit(0);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes(word)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before saying ${word}`)));
    });
  await said('locked');
  return {
    child,
    commit: async () => {
      const done = said('committed');
      child.stdin!.write('commit\n');
      await done;
    },
  };
}

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const send = (subject: string, key: string) =>
  admin.request('/api/v1/messages', {
    method: 'POST',
    headers: { 'Idempotency-Key': key },
    json: { kind: 'internal', subject, body: doc('hello'), audience: [{ kind: 'member', targetId: recipientId }] },
  });
const sentWith = async (subject: string) =>
  (await deps.db.all<{ n: number }>(sql`select count(*) as n from messages where subject = ${subject}`))[0]!.n;
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

test(
  "issue 17 item 4: a send that meets another process's lock waits without stopping the process, then \
succeeds",
  sqliteOnly("a second process holds the embedded file's write lock; PostgreSQL has row locks and retries"),
  async () => {
    busyDeadline.ms = 120_000; // longer than any test may take: the lock's release decides, not the clock
    const holder = await lockHolder(databaseFile(deps.config)!);
    const waitsBefore = busyWaits.count;
    let settled = false;
    const sending = send('waited for the lock', 'busy-wait-1').finally(() => {
      settled = true;
    });
    await until(() => busyWaits.count > waitsBefore + 1, 'the send to meet the lock');
    // The positive signal: a timer set now fires while the send is still waiting (the old busy_timeout slept inside
    // SQLite, holding the whole process).
    await turn();
    assert.equal(settled, false, 'a timer fired while the send waited for the lock');
    assert.equal(await sentWith('waited for the lock'), 0, 'a read meanwhile goes on (WAL) and sees nothing yet');
    await holder.commit();
    const res = await sending;
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(await sentWith('waited for the lock'), 1);
  },
);

test(
  'issue 17 item 4: past its deadline the send answers 503 busy with Retry-After, never 500, and saved \
nothing',
  sqliteOnly("a second process holds the embedded file's write lock; PostgreSQL has row locks and retries"),
  async () => {
    busyDeadline.ms = 0; // one attempt
    const holder = await lockHolder(databaseFile(deps.config)!);
    let res: Response;
    try {
      res = await send('gave up on the lock', 'busy-deadline-1');
    } finally {
      await holder.commit();
    }
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.headers.get('retry-after'), '2');
    const problem = await body(res);
    assert.equal(problem.code, 'busy');
    assert.equal(problem.retryAfter, 2);
    assert.equal(await sentWith('gave up on the lock'), 0);
    // The lock is gone: the widget's retry with the same Idempotency-Key sends it, once.
    busyDeadline.ms = deadline;
    assert.equal((await send('gave up on the lock', 'busy-deadline-1')).status, 201);
    assert.equal(await sentWith('gave up on the lock'), 1);
  },
);
