// Review of issue 15 (the live stream rewritten for speed): what a failed start, a hub stopped mid-poll, a bad row,
// pruned events, a long backlog and a reader that stops reading must not do to the streams of a process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, mock, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import Database from 'libsql';
import { createApp } from '../../app.js';
import { until } from '../../testing/until.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { readSse } from '../../testing/sse.js';
import { members } from '../org/schema.js';
import { MAX_BUFFERED_BYTES } from './event-stream.js';
import { LiveHub } from './hub.js';
import { MAX_BACKLOG_BYTES } from './routes.js';
import { execute, readRows } from '../../db/prepared.js';
import { ENGINE } from '../../db/engine.js';
import { PG_BIN } from '../../testing/pg-cluster.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let server: ServerType;
let url = '';
let cookie = '';
let adminId = '';

before(async () => {
  deps = await testDeps();
  const app = createApp(deps);
  cookie = (await adminBrowser(app, deps.db)).cookie;
  [{ id: adminId }] = (await deps.db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.employeeNo, 'admin'))) as [{ id: string }];
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  (server as unknown as { closeAllConnections(): void }).closeAllConnections();
  deps.cleanup();
});

/**
 * When the rows below are dated: now, not 1970. The hub deletes events older than 7 days (its prune, once per 10
 * minutes and at its first poll), so rows dated 1000 were fair game: a resume across them found them gone, and on
 * PostgreSQL a row that committed between a first poll's read and its prune was never seen (the stream hung).
 */
const AT = Date.now();

/** Writes events as any process would (hand-made rows: the payload as given). */
async function insert(audienceId: string, type: string, payload = '{}', count = 1): Promise<number> {
  for (let i = 0; i < count; i++) {
    await execute(
      deps.db,
      `insert into events (at, audience_kind, audience_id, type, payload) values (?, 'member', ?, ?, ?)`,
      [AT, audienceId, type, payload],
    );
  }
  return Number((await execute(deps.db, 'select max(seq) from events')).rows[0]![0]);
}
/**
 * Deletes `type`'s events from the table, then asserts that a resume from `from` finds none of them (the hub did not
 * keep them in memory), and that an event written now still reaches the hub (kept after `position`).
 */
async function keptNoneOf(hub: LiveHub, audienceId: string, type: string, from: number, position: number) {
  await execute(deps.db, 'delete from events where type = ?', [type]);
  assert.deepEqual(await hub.since(member(audienceId), from), []);
  const next = await insert(audienceId, `${type}.after`);
  await until(
    async () => (await hub.since(member(audienceId), position)).some((e) => e.seq === next),
    'what came after',
  );
}
const open = (headers: Record<string, string> = {}) => fetch(`${url}/api/v1/live`, { headers: { cookie, ...headers } });
const member = (id: string) => ({ kind: 'member' as const, id });

describe('the hub', () => {
  test('a start that failed is not kept: the next stream starts the hub (a busy database blocks none)', async () => {
    const hub = new LiveHub(deps.db, 25);
    await execute(deps.db, 'alter table events rename to events_away');
    try {
      await assert.rejects(hub.subscribe(member('a'), { push() {}, close() {} }), /no such table|does not exist/);
    } finally {
      await execute(deps.db, 'alter table events_away rename to events');
    }
    const seq = await insert('b', 'test.after-failure');
    const got: number[] = [];
    const off = await hub.subscribe(member('b'), { push: (e) => got.push(e.seq), close() {} });
    assert.deepEqual(
      (await hub.since(member('b'), seq - 1)).map((e) => e.seq),
      [seq],
    );
    const next = await insert('b', 'test.live');
    await until(() => got.includes(next), 'the live event reached the stream');
    off();
    hub.close();
  });

  test('stopped while a poll yields and started again: every event kept once, in order', async () => {
    const hub = new LiveHub(deps.db, 25);
    const base = await insert('x', 'test.base');
    let offA: () => void = () => {};
    let offX: (() => void) | undefined;
    let left = false;
    offA = await hub.subscribe(member('a'), {
      push: (e) => {
        if (e.type !== 'test.trigger' || left) return;
        left = true;
        const until = performance.now() + 30;
        while (performance.now() < until); // past the loop budget: the poll yields at its next event
        offA(); // the last stream leaves mid-poll: the hub stops ...
        // ... and a new one starts it again while the old poll is still in its loop
        void hub.subscribe(member('x'), { push() {}, close() {} }).then((off) => (offX = off));
      },
      close() {},
    });
    await insert('a', 'test.trigger');
    const last = await insert('x', 'test.x', '{}', 5);
    await until(() => offX !== undefined, 'the second subscriber started the hub');
    await until(async () => (await hub.since(member('x'), base)).at(-1)?.seq === last, 'the hub read them all');
    const seqs = (await hub.since(member('x'), base)).map((e) => e.seq);
    assert.deepEqual(seqs, [last - 4, last - 3, last - 2, last - 1, last]);
    offX!();
    hub.close();
  });

  test('issue 15: events loaded before any stream (a start) are kept: the first stream reads only what came \
after', async () => {
    const hub = new LiveHub(deps.db, 25);
    const first = await insert('p', 'test.before-start', '{}', 2);
    await hub.preload();
    // Gone from the table now: a resume can replay them only from what the preload kept, not from a load at the first
    // stream.
    await execute(deps.db, `delete from events where type = 'test.before-start'`);
    const later = await insert('p', 'test.after-start');
    const off = await hub.subscribe(member('p'), { push() {}, close() {} });
    assert.equal(await hub.position(), later);
    assert.deepEqual(
      (await hub.since(member('p'), first - 2)).map((e) => [e.seq, e.type]),
      [
        [first - 1, 'test.before-start'],
        [first, 'test.before-start'],
        [later, 'test.after-start'],
      ],
    );
    off();
    hub.close();
  });

  test('issue 15: a stream that opens while the events load ahead waits for that load: each event kept \
once', async () => {
    const hub = new LiveHub(deps.db, 25);
    const first = await insert('r', 'test.during-preload', '{}', 3);
    const preloading = hub.preload();
    const off = await hub.subscribe(member('r'), { push() {}, close() {} });
    await preloading;
    assert.deepEqual(
      (await hub.since(member('r'), first - 3)).map((e) => e.seq),
      [first - 2, first - 1, first],
    );
    off();
    hub.close();
  });

  test('issue 15: a second preload while the first runs answers with the first: each event kept once', async () => {
    const hub = new LiveHub(deps.db, 25);
    const first = await insert('t', 'test.preloaded-twice', '{}', 2);
    const [a, b] = [hub.preload(), hub.preload()];
    await Promise.all([a, b]);
    const off = await hub.subscribe(member('t'), { push() {}, close() {} });
    assert.deepEqual(
      (await hub.since(member('t'), first - 2)).map((e) => e.seq),
      [first - 1, first],
    );
    off();
    hub.close();
  });

  test('issue 15: a start with nothing kept loads none of the older events: a resume from before it reads them from \
the table', async () => {
    const hub = new LiveHub(deps.db, 25);
    const first = await insert('s', 'test.before-first-start', '{}', 2);
    const off = await hub.subscribe(member('s'), { push() {}, close() {} });
    assert.equal(await hub.position(), first, 'a stream opened now starts at the newest event');
    assert.deepEqual(
      (await hub.since(member('s'), first - 2)).map((e) => e.seq),
      [first - 1, first],
    );
    // A resume from before the start no longer finds them once they are gone from the table: it kept none of them.
    await keptNoneOf(hub, 's', 'test.before-first-start', first - 2, first);
    off();
    hub.close();
  });

  test('issue 15: a hub more than recentMax events behind starts again at the newest: an older resume reads the \
table', async () => {
    const hub = new LiveHub(deps.db, 25, undefined, { recentMax: 3 });
    const off = await hub.subscribe(member('t'), { push() {}, close() {} });
    off(); // the last stream left: the hub stops
    const last = await insert('t', 'test.while-away', '{}', 5); // more than it would keep
    const off2 = await hub.subscribe(member('t'), { push() {}, close() {} });
    assert.equal(await hub.position(), last);
    assert.deepEqual(
      (await hub.since(member('t'), last - 5)).map((e) => e.seq),
      [last - 4, last - 3, last - 2, last - 1, last],
    );
    // The start neither caught up with them nor loaded the newest: either would have kept the last three, which a
    // resume from `last - 3` would still find once they are gone from the table.
    await keptNoneOf(hub, 't', 'test.while-away', last - 3, last);
    off2();
    hub.close();
  });

  test('events written while nobody listened are replayed after the hub starts again', async () => {
    const hub = new LiveHub(deps.db, 25);
    const first = await insert('q', 'test.before');
    const off = await hub.subscribe(member('q'), { push() {}, close() {} });
    off(); // the last stream left: the hub stops, keeping what it read
    const later = await insert('q', 'test.while-stopped', '{}', 3);
    const off2 = await hub.subscribe(member('q'), { push() {}, close() {} });
    assert.equal(await hub.position(), later, 'it caught up with what was written meanwhile');
    assert.deepEqual(
      (await hub.since(member('q'), first - 1)).map((e) => e.type),
      ['test.before', 'test.while-stopped', 'test.while-stopped', 'test.while-stopped'],
    );
    off2();
    hub.close();
  });
});

/**
 * Commits a row dated 1970 (past the retention) before it returns, blocking the event loop: written from a hub's poll
 * hook, it lands between that poll's read and its prune, deterministically.
 */
function insertOldNow(audienceId: string, type: string, into: { config: { databaseUrl: string } } = deps) {
  const sql =
    'insert into events (at, audience_kind, audience_id, type, payload) ' +
    `values (1000, 'member', '${audienceId}', '${type}', '{}')`;
  if (ENGINE === 'pg') {
    execFileSync(join(PG_BIN, 'psql'), [into.config.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
    return;
  }
  const file = new Database(into.config.databaseUrl.replace(/^file:/, ''));
  try {
    file.exec(sql);
  } finally {
    file.close();
  }
}

test('the retention prune deletes only events the hub read: an old-dated row written meanwhile arrives', async () => {
  const hub = new LiveHub(deps.db, 25, undefined, { listen: false });
  const got: string[] = [];
  const off = await hub.subscribe(member('p'), { push: (e) => got.push(e.type), close() {} });
  let written = false;
  // Hooks run after each poll's read and before its prune; a new hub prunes at its first poll.
  const unhook = hub.onPoll(() => {
    if (written) return;
    written = true;
    insertOldNow('p', 'test.old-dated');
  });
  await until(() => got.includes('test.old-dated'), 'the old-dated row reached the stream (not pruned unread)');
  unhook();
  off();
  hub.close();
});

describe('the retention prune', () => {
  /** A database of its own: which events the prune deletes depends on every event before them. */
  let own: Awaited<ReturnType<typeof testDeps>>;
  before(async () => {
    own = await testDeps();
  });
  after(() => own.cleanup());
  /** A hub on this database, closed after its test whatever the outcome (a pruning hub must not outlive it). */
  const hubs: LiveHub[] = [];
  const ownHub = (options: ConstructorParameters<typeof LiveHub>[3]) => {
    const hub = new LiveHub(own.db, 25, undefined, options);
    hubs.push(hub);
    return hub;
  };
  afterEach(() => {
    for (const hub of hubs.splice(0)) hub.close();
  });
  /** Writes an event for `audienceId` dated `at`, answering its `seq`. */
  const dated = async (audienceId: string, type: string, at: number) => {
    await execute(
      own.db,
      `insert into events (at, audience_kind, audience_id, type, payload) values (?, 'member', ?, ?, '{}')`,
      [at, audienceId, type],
    );
    return Number((await execute(own.db, 'select max(seq) from events')).rows[0]![0]);
  };
  const left = async () => (await readRows(own.db, 'select seq from events order by seq')).map((r) => Number(r[0]));
  const OLD = 1000; // 1970: past the 7-day retention

  test('deletes old events a period after the hub read them (other nodes read them too), not the newest', async () => {
    const hub = ownHub({ listen: false, pruneEveryMs: 0 });
    const got: string[] = [];
    const off = await hub.subscribe(member('q'), { push: (e) => got.push(e.type), close() {} });
    await dated('q', 'test.old-read', OLD);
    const newest = await dated('q', 'test.old-read', OLD);
    await until(() => got.length === 2, 'the old-dated rows arrived');
    await until(async () => (await left()).length === 1, 'deleted by a later prune');
    assert.deepEqual(await left(), [newest]);
    off();
    hub.close();
  });

  test('after a quiet week, a resume from before the pruned events is no resume: the newest is kept', async () => {
    // Had the prune deleted every event, a restart would find an empty table and take it for one that never held any:
    // a resume from before the deleted events said `resumed: true` over them (review of issue 15). Numbering goes on
    // after them, so the newest event held tells what went.
    await execute(own.db, 'delete from events');
    const first = await dated('s', 'test.pruned', OLD);
    await dated('s', 'test.pruned', OLD);
    const last = await dated('s', 'test.pruned', OLD);
    const pruning = ownHub({ listen: false, pruneEveryMs: 0 });
    const off = await pruning.subscribe(member('s'), { push() {}, close() {} });
    await until(async () => (await left()).length === 1, 'every event but the newest pruned');
    off();
    pruning.close();
    for (const start of ['preload', 'subscribe'] as const) {
      // After a restart (the events loaded ahead), and in a process with no stream open until now.
      const hub = ownHub({ listen: false });
      if (start === 'preload') await hub.preload();
      const unsubscribe = await hub.subscribe(member('s'), { push() {}, close() {} });
      assert.equal(await hub.headSeq(), last, `${start}: the newest event`);
      assert.equal(await hub.retains(first), false, `${start}: the pruned events are a gap`);
      assert.equal(await hub.retains(last - 1), true, `${start}: nothing after the one before the newest was pruned`);
      unsubscribe();
      hub.close();
    }
  });

  test('an event dated days ahead (a clock gone wrong) does not hold the prune back', async () => {
    await execute(own.db, 'delete from events');
    const old = await dated('u', 'test.old', OLD);
    const ahead = await dated('u', 'test.ahead', Date.now() + 30 * 24 * 3_600_000);
    const after = await dated('u', 'test.old-after', OLD);
    const young = await dated('u', 'test.young', Date.now());
    const hub = ownHub({ listen: false, pruneEveryMs: 0 });
    const off = await hub.subscribe(member('u'), { push() {}, close() {} });
    await until(async () => !(await left()).includes(old), 'the oldest deleted');
    assert.deepEqual(await left(), [young], `${ahead} and ${after} went with it`);
    off();
    hub.close();
  });

  test("a pruning node whose clock is days behind keeps others' events: dates are weighed by the database's \
clock", async (t) => {
    await execute(own.db, 'delete from events');
    const old = await dated('v', 'test.old', OLD);
    const young = await dated('v', 'test.young', Date.now());
    const newest = await dated('v', 'test.newest', Date.now());
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: Date.now() - 30 * 24 * 3_600_000 }); // this node's clock
    const hub = ownHub({ listen: false, pruneEveryMs: 0 });
    const off = await hub.subscribe(member('v'), { push() {}, close() {} });
    await until(async () => {
      mock.timers.tick(50); // the prune's period goes by this node's clock (as does `until`'s deadline: 600 looks)
      return !(await left()).includes(old);
    }, 'the oldest deleted');
    assert.deepEqual(await left(), [young, newest], 'events dated now by the others are not taken for dated ahead');
    off();
    hub.close();
  });

  test('after a restore that rewound the numbering, an old-dated row written meanwhile still arrives', async () => {
    await execute(own.db, 'delete from events');
    const got: string[] = [];
    const hub = ownHub({ listen: false, pruneEveryMs: 0 });
    let off = await hub.subscribe(member('w'), { push: (e) => got.push(e.type), close() {} });
    for (let i = 0; i < 5; i++) await dated('w', 'test.before-restore', OLD);
    await until(() => got.length === 5, 'read');
    // Pruned but the newest: a prune recorded them all as read.
    await until(async () => (await left()).length === 1, 'recorded as read by a prune');
    off(); // the hub stops with no one listening
    // The restore: the events of before are gone and the numbering starts again.
    await execute(own.db, 'delete from events');
    await execute(
      own.db,
      ENGINE === 'pg'
        ? "select setval(pg_get_serial_sequence('events', 'seq'), 1, false)"
        : "delete from sqlite_sequence where name = 'events'",
    );
    await dated('w', 'test.after-restore', OLD);
    let written = false;
    // Between a poll's read and its prune, deterministically (as in the test above).
    const unhook = hub.onPoll(() => {
      if (written) return;
      written = true;
      insertOldNow('w', 'test.old-dated-after-restore', own);
      insertOldNow('w', 'test.old-dated-after-restore', own); // two: the prune never deletes the newest
    });
    off = await hub.subscribe(member('w'), { push: (e) => got.push(e.type), close() {} });
    await until(
      () => got.filter((type) => type === 'test.old-dated-after-restore').length === 2,
      'both arrived (not pruned unread)',
    );
    unhook();
    off();
    hub.close();
  });

  test('deletes only a run of the oldest: an old-dated event after a younger one stays (no gap)', async () => {
    // Writers' clocks differ: `skewed` is dated before `young`, which was written first. Deleting `skewed` alone would
    // leave `young` the oldest event held, and a resume from `old` would say it resumed without `skewed`.
    await execute(own.db, 'delete from events');
    const old = await dated('r', 'test.old', OLD);
    const young = await dated('r', 'test.young', Date.now());
    const skewed = await dated('r', 'test.skewed', OLD);
    const hub = ownHub({ listen: false, pruneEveryMs: 0 });
    const off = await hub.subscribe(member('r'), { push() {}, close() {} });
    const next = await dated('r', 'test.next', Date.now()); // read by a poll, so the prunes after it cover `old`
    await until(async () => !(await left()).includes(old), 'the oldest deleted');
    assert.deepEqual(await left(), [young, skewed, next]);
    assert.equal(await hub.retains(old), true, 'everything after the deleted event is held');
    assert.equal(await hub.retains(old - 1), false, 'a resume from before it has a gap');
    assert.deepEqual(
      (await hub.since(member('r'), old)).map((e) => e.type),
      ['test.young', 'test.skewed', 'test.next'],
    );
    off();
    hub.close();
  });
});

describe('GET /api/v1/live resumes', () => {
  test('a payload that is not JSON neither breaks the open stream nor refuses resumes across it', async () => {
    const stream = readSse(await open());
    const ready = await stream.nextEvent();
    const bad = await insert(adminId, 'test.bad', '{not json\n}');
    await insert(adminId, 'test.good', '{"ok":true}');
    assert.deepEqual([(await stream.nextEvent())?.event, (await stream.nextEvent())?.event], ['test.bad', 'test.good']);
    await stream.cancel();
    const res = await open({ 'last-event-id': String(bad - 1) });
    assert.equal(res.status, 200);
    const resumed = readSse(res);
    const bad2 = await resumed.nextEvent();
    assert.equal(bad2?.event, 'test.bad');
    assert.deepEqual(JSON.parse(bad2!.data!), { at: AT }, 'sent with its time only');
    assert.equal((await resumed.nextEvent())?.event, 'test.good');
    assert.deepEqual(JSON.parse((await resumed.nextEvent())!.data!), { resumed: true });
    await resumed.cancel();
    assert.ok(ready);
  });

  test('a resume from before events that were deleted (older than 7 days) is not a resume: no silent gap', async () => {
    const first = await insert(adminId, 'test.old', '{}', 3);
    await execute(deps.db, 'delete from events where seq <= ?', [first - 1]);
    // A process whose hub starts now (another node, or after a restart) finds only what the table still holds.
    const hub = new LiveHub(deps.db, 25);
    const app = createApp({ ...deps, live: hub });
    try {
      const resume = async (id: number) => {
        const stream = readSse(await app.request('/api/v1/live', { headers: { cookie, 'last-event-id': String(id) } }));
        const seen = [];
        for (let e = await stream.nextEvent(); e; e = await stream.nextEvent()) {
          seen.push(e.event === 'ready' ? `ready ${e.data}` : e.event);
          if (e.event === 'ready') break;
        }
        await stream.cancel();
        return seen;
      };
      assert.deepEqual(await resume(first - 1), ['test.old', 'ready {"resumed":true}'], 'nothing after it was deleted');
      assert.deepEqual(await resume(first - 3), ['ready {"resumed":false}'], 'two events after it are gone');
    } finally {
      hub.close();
    }
  });

  test('a prune that deletes events after the id while the backlog is read makes it no resume: no silent \
gap', async () => {
    const first = await insert(adminId, 'test.pruned-meanwhile', '{}', 3);
    const hub = new LiveHub(deps.db, 25); // starts with nothing kept: the backlog comes from the table
    const app = createApp({ ...deps, live: hub });
    assert.ok(await hub.retains(first - 3), 'the table holds every event after the id when the resume begins');
    // A prune that commits after the resume checked what the table holds and before the backlog is read.
    const since = hub.since.bind(hub);
    hub.since = async (...args) => {
      await execute(deps.db, 'delete from events where seq <= ?', [first - 1]);
      return since(...args);
    };
    try {
      const stream = readSse(
        await app.request('/api/v1/live', { headers: { cookie, 'last-event-id': String(first - 3) } }),
      );
      const seen = [];
      for (let e = await stream.nextEvent(); e; e = await stream.nextEvent()) {
        seen.push(e.event === 'ready' ? `ready ${e.data}` : e.event);
        if (e.event === 'ready') break;
      }
      await stream.cancel();
      assert.deepEqual(seen, ['ready {"resumed":false}'], 'two events after the id were never sent');
    } finally {
      hub.close();
    }
  });

  test('a backlog past MAX_BACKLOG_BYTES starts the stream afresh (resumed: false), one small frame', async () => {
    const from = await insert(adminId, 'test.mark');
    const payload = JSON.stringify({ text: 'x'.repeat(10_000) });
    const last = await insert(adminId, 'test.big', payload, Math.ceil(MAX_BACKLOG_BYTES / 10_000) + 2);
    // A hub still running for an earlier stream reads rows written behind its back at its next poll; until then a
    // resume would find them neither in memory nor replayed, and they would follow `ready` live. Wait for the read.
    await until(async () => (await deps.live.position()) >= last, 'the hub has read the rows');
    const stream = readSse(await open({ 'last-event-id': String(from) }));
    const first = await stream.nextEvent();
    assert.equal(first?.event, 'ready', 'no backlog is replayed');
    assert.deepEqual(JSON.parse(first!.data!), { resumed: false });
    await insert(adminId, 'test.after');
    assert.equal((await stream.nextEvent())?.event, 'test.after', 'live events follow');
    await stream.cancel();
  });
});

test('a reader that stops reading is cut off, its connection destroyed (its buffer freed), not left open', async () => {
  // A server of its own: connections other tests left open do not count.
  const own = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await once(own, 'listening');
  const { port } = own.address() as AddressInfo;
  const connections = () =>
    new Promise<number>((resolve, reject) => own.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/live', headers: { cookie } });
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  assert.equal(res.statusCode, 200);
  res.pause(); // reads nothing more (a paused client never sees the reset either: the server's count tells)
  assert.equal(await connections(), 1);
  const payload = JSON.stringify({ text: 'y'.repeat(50_000) });
  // Far more than the server keeps for a slow reader plus what the kernel's buffers take on both sides: a server that
  // only ended the answer (waiting for the reader to take what is buffered) would keep this connection open.
  for (let i = 0; i < Math.ceil((MAX_BUFFERED_BYTES * 20) / 50_000) && (await connections()) > 0; i++) {
    await insert(adminId, 'test.flood', payload);
  }
  await until(async () => (await connections()) === 0, 'the server dropped the connection of the reader behind');
  req.destroy();
  own.close();
});
