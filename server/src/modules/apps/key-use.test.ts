// Review of issue 17 item 4: noting an API key's use (`last_used_at`) never makes a request wait or fail. Another
// process (a second app on its own connections to the file) holds the database's write lock; a GET by a key still
// answers, and the use is written once the lock is gone.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createApp } from '../../app.js';
import { busyDeadline, busyWaits } from '../../db/busy.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { secondProcess } from '../../testing/second-process.js';
import { until } from '../../testing/until.js';
import { captureLog } from '../../testing/log-capture.js';
import { sqliteOnly } from '../../testing/engine-only.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let app: ReturnType<typeof createApp>;
let other: ReturnType<typeof secondProcess>;
let admin: Browser;
const log = captureLog('warn');
const deadline = busyDeadline.ms;
const WHOLE_FILE_LOCK =
  "another process's whole-database write lock is the embedded engine's; on PostgreSQL readers never wait for writers";

before(async () => {
  deps = await testDeps();
  app = createApp({ ...deps, logger: log.logger });
  other = secondProcess(deps);
  admin = await adminBrowser(app, deps.db);
});
beforeEach(() => {
  busyDeadline.ms = deadline;
});
after(() => {
  busyDeadline.ms = deadline;
  other.close();
  deps.cleanup();
});

const newKey = async (name: string) =>
  body(
    await admin.request('/api/v1/api-keys', { method: 'POST', json: { name, permissions: ['message.send.internal'] } }),
  ) as Promise<{ id: string; key: string }>;
const sentList = (key: string) => app.request('/api/v1/sent', { headers: { authorization: `Bearer ${key}` } });
const lastUsedAt = async (id: string) =>
  (
    await deps.db.$client.execute({
      sql: 'select last_used_at from api_keys where id = ?',
      args: [id],
    })
  ).rows[0]!.last_used_at as number | null;

/** The other process's `BEGIN IMMEDIATE`, held until `release`. */
async function otherProcessHoldsTheLock() {
  const tx = await other.db.$client.transaction('write');
  return { release: () => tx.rollback() };
}

test(
  'review (issue 17 item 4): a GET by an API key answers while another process holds the write lock; ' +
    'its use is written once the lock is gone',
  sqliteOnly(WHOLE_FILE_LOCK),
  async () => {
    const { id, key } = await newKey('Reader while locked');
    busyDeadline.ms = 120_000; // longer than any test may take: the lock's release decides, not the clock
    const lock = await otherProcessHoldsTheLock();
    const waitsBefore = busyWaits.count;
    try {
      const res = await sentList(key);
      assert.equal(res.status, 200, await res.clone().text());
      await until(() => busyWaits.count > waitsBefore, "the use's write to meet the lock");
      assert.equal(await lastUsedAt(id), null, 'nothing written while the lock is held');
    } finally {
      await lock.release();
    }
    await until(async () => (await lastUsedAt(id)) !== null, 'the use to be written after the lock went');
  },
);

test(
  "review (issue 17 item 4): a use whose write gave up on the lock is written at the key's next use",
  sqliteOnly(WHOLE_FILE_LOCK),
  async () => {
    const { id, key } = await newKey('Reader after a refusal');
    busyDeadline.ms = 0; // one attempt: the write gives up at once
    const lock = await otherProcessHoldsTheLock();
    const warned = () =>
      log.lines.filter((l) => l.keyId === id && String(l.msg).includes("could not note an API key's use"));
    try {
      assert.equal((await sentList(key)).status, 200, 'the request does not answer 503 for its bookkeeping');
      await until(() => warned().length > 0, "the log to say the use's write gave up on the lock");
      assert.equal(await lastUsedAt(id), null);
    } finally {
      await lock.release();
    }
    busyDeadline.ms = deadline;
    assert.equal((await sentList(key)).status, 200);
    await until(async () => (await lastUsedAt(id)) !== null, 'the next use to be written');
  },
);

test(
  'review of issue 15: a use whose write gave up on the lock leaves its connection fit for what comes after',
  sqliteOnly(WHOLE_FILE_LOCK),
  async () => {
    // libsql leaves a statement SQLite answered SQLITE_BUSY half-run on its connection: the writes after it there were
    // never committed, and their transactions' COMMIT failed (db/client.ts `ConfiguredPool.release`).
    const { id, key } = await newKey('Reader whose write gave up');
    busyDeadline.ms = 0;
    const lock = await otherProcessHoldsTheLock();
    const warned = () =>
      log.lines.filter((l) => l.keyId === id && String(l.msg).includes("could not note an API key's use"));
    try {
      assert.equal((await sentList(key)).status, 200);
      await until(() => warned().length > 0, "the use's write to give up on the lock");
    } finally {
      await lock.release();
    }
    busyDeadline.ms = deadline;
    // Many other statements since (the kept half-run one would have been dropped from its connection's cache).
    for (let i = 0; i < 310; i++) await deps.db.$client.execute(`select ${i} as n`);
    const created = await admin.request('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'After the give-up', permissions: ['message.send.internal'] },
    });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal((await sentList(key)).status, 200);
    const seenByTheOther = async () =>
      (await other.db.$client.execute({ sql: 'select last_used_at from api_keys where id = ?', args: [id] })).rows[0]!
        .last_used_at;
    await until(async () => (await seenByTheOther()) !== null, 'the next use, committed: seen by the other process');
  },
);
