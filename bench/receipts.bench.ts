/**
 * Reach figures benchmark (issue 24): the queries behind a sent message's charts and the reach dashboard, on a
 * 1,000,000-row mailbox — 500 company notices to 2,000 members each (20 departments of 100), one every ~100 minutes
 * over 35 days; 10% urgent, 20% asking for confirmation, 90% read (minutes to days after delivery), e-mail
 * notifications of the urgent ones (100,000 deliveries, 3% failed), 200 approvals waiting.
 * For each query: median and p95 wall time, the median CPU of this process (SQLite runs on this thread), the longest
 * single statement (the time one `execute` held the thread) and the event loop's longest delay while it ran
 * (`monitorEventLoopDelay`), beside the anchor measured in the same run: one raw `count(*)` over the window's mailbox
 * rows through the libsql client (the least any figure over those rows can cost). "before" rows are the dashboard's
 * statements as they were before batching (server/src/testing/reach-previous.ts), measured in the same run.
 *
 *   node --import tsx bench/receipts.bench.ts [runs=9]
 *   BENCH_KEEP=1 … keeps the database folder (printed); BENCH_REUSE=<folder> measures on it without building again.
 */
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfiguredPool } from '../server/src/db/client.js';
import { dropPlannerStatistics } from '../server/src/ops/planner-statistics.js';
import type { Actor } from '../server/src/modules/auth/actor.js';
import type { Scope } from '../server/src/modules/auth/scope.js';
import { messageReach } from '../server/src/modules/reach/message-reach.js';
import { timeTo } from '../server/src/modules/reach/percentiles.js';
import {
  approvalsWaiting,
  channelFigures,
  countSummary,
  figureBatches,
  reachSummary,
  sentByKind,
  sentFilter,
  urgentReach,
} from '../server/src/modules/reach/summary.js';
import { testDeps } from '../server/src/testing/deps.js';
import { channelFiguresBefore, timeToBefore, urgentReachBefore } from '../server/src/testing/reach-previous.js';

const RUNS = Number(process.argv[2] ?? 9);
const MESSAGES = 500;
const MEMBERS = 2_000;
const DEPTS = 20;
const STEP = 100 * 60_000; // 500 messages over ~35 days
const DAY = 86_400_000;

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
/** The longest time one statement held the thread since the last reset: the client runs it inside `execute`. */
let longest = 0;
async function measure(fn: () => Promise<unknown>) {
  const wall: number[] = [],
    cpu: number[] = [],
    statement: number[] = [],
    delay: number[] = [];
  await fn(); // warm: prepared statements, page cache
  for (let i = 0; i < RUNS; i++) {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    await new Promise((r) => setImmediate(r));
    longest = 0;
    loop.enable();
    const t = performance.now(),
      c = cpuNow();
    await fn();
    wall.push(performance.now() - t);
    cpu.push(cpuNow() - c);
    await new Promise((r) => setTimeout(r, 10)); // let the histogram take its last sample
    loop.disable();
    statement.push(longest);
    delay.push(loop.max / 1e6);
  }
  return { wall: median(wall), p95: p95(wall), cpu: median(cpu), statement: median(statement), delay: median(delay) };
}

// A folder kept from before the benches stopped running ANALYZE holds statistics: dropped, as Herald drops them.
if (process.env.BENCH_REUSE) await dropPlannerStatistics(join(process.env.BENCH_REUSE, 'herald.db'));
const deps = await testDeps({}, process.env.BENCH_REUSE);
try {
  const { db } = deps;
  const run = (text: string) => db.$client.execute(text);
  // A statement runs between taking a connection from the pool and giving it back, synchronously.
  const pool = ConfiguredPool.prototype as unknown as {
    acquireSync: (...a: unknown[]) => unknown;
    release: (conn: unknown) => void;
  };
  const [acquireSync, release] = [pool.acquireSync, pool.release];
  let taken = 0;
  pool.acquireSync = function (this: unknown, ...args: unknown[]) {
    const conn = acquireSync.apply(this, args);
    taken = performance.now();
    return conn;
  };
  pool.release = function (this: unknown, conn: unknown) {
    longest = Math.max(longest, performance.now() - taken);
    return release.call(this, conn);
  };
  const T = Date.now();
  const T0 = T - MESSAGES * STEP;
  const started = performance.now();
  if (!process.env.BENCH_REUSE) await build();
  async function build() {
    await run(`insert into departments (id, name, path, sort_order, created_at, updated_at)
    values ('root', '总部', '/root/', 0, ${T}, ${T})`);
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${DEPTS - 1})
    insert into departments (id, name, parent_id, path, sort_order, created_at, updated_at)
    select printf('d%02d', i), '部门' || i, 'root', printf('/root/d%02d/', i), i, ${T}, ${T} from s`);
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MEMBERS - 1})
    insert into members (id, employee_no, name, department_id, created_at, updated_at)
    select printf('p%05d', i), printf('E%05d', i), '成员' || i, printf('d%02d', i % ${DEPTS}), ${T}, ${T} from s`);
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MESSAGES - 1})
    insert into messages (id, thread_id, sender_kind, sender_id, sender_department_id, kind, priority, subject, body,
      body_text, links, receipt_required, status, recipient_count, delivered_at, revision, created_at, updated_at)
    select printf('m%05d', i), printf('m%05d', i), 'member', printf('p%05d', i % ${DEPTS}),
      printf('d%02d', i % ${DEPTS}),
      case when i % 10 = 0 then 'urgent' else 'internal' end,
      case when i % 10 = 0 then 'urgent' when i % 7 = 1 then 'high' else 'normal' end,
      '通知 ' || i, '{"type":"doc","content":[]}', '', '[]', i % 5 = 0, 'sent', ${MEMBERS},
      ${T0} + i * ${STEP}, 1, ${T0} + i * ${STEP}, ${T0} + i * ${STEP}
    from s`);
    // Read after 1 minute to ~3 days (a hash of message and member), 10% never; confirmed soon after for some.
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MESSAGES - 1}),
      p(k) as (select 0 union all select k + 1 from p where k < ${MEMBERS - 1})
    insert into mailbox (message_id, owner_kind, owner_id, thread_id, sender_id, priority, receipt_required,
      delivered_at, read_at, confirmed_at)
    select printf('m%05d', i), 'member', printf('p%05d', k), printf('m%05d', i), printf('p%05d', i % ${DEPTS}),
      case when i % 10 = 0 then 'urgent' when i % 7 = 1 then 'high' else 'normal' end, i % 5 = 0,
      ${T0} + i * ${STEP},
      case when (i * 2654435761 + k * 40503) % 10 = 0 then null
        else ${T0} + i * ${STEP} + 60000 + ((i * 69069 + k * 1103515245) % 4000) * ((k % 7) + 1) * 9000 end,
      case when i % 5 = 0 and (i * 2654435761 + k * 40503) % 10 > 2
        then ${T0} + i * ${STEP} + 120000 + ((i * 69069 + k * 1103515245) % 4000) * ((k % 7) + 1) * 9000 end
    from s, p`);
    await run(`insert into notify_deliveries (id, message_id, recipient_kind, recipient_id, channel, round,
      idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
    select mb.message_id || '.' || mb.owner_id, mb.message_id, 'member', mb.owner_id, 'email', 0,
      mb.message_id || '.' || mb.owner_id || '.email.0',
      case when abs(random()) % 100 < 3 then 'dead' else 'sent' end, 1, ${T}, ${T}, ${T}
    from mailbox mb where mb.priority = 'urgent'`);
    await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < 199)
    insert into messages (id, thread_id, sender_kind, sender_id, sender_department_id, kind, priority, subject, body,
      body_text, links, status, created_at, updated_at)
    select printf('w%05d', i), printf('w%05d', i), 'member', 'p00001', printf('d%02d', i % ${DEPTS}), 'internal',
      'normal', '待审 ' || i, '{"type":"doc","content":[]}', '', '[]', 'pending-approval', ${T}, ${T} from s`);
    await run(`insert into approval_requests (id, message_id, flow_id, flow, sender_id, status, created_at, updated_at)
    select 'r' || id, id, 'f', '{}', 'p00001', 'pending', ${T} - (rowid % 200) * 3600000, ${T} - (rowid % 200) * 3600000
    from messages where status = 'pending-approval'`);
    // No ANALYZE: Herald runs without planner statistics (it drops any it finds when it starts, README "No ANALYZE on
    // the embedded database"), so it is measured without them too.
  }
  const rows = (await run('select count(*) as n from mailbox')).rows[0]!.n;
  console.log(
    `data: ${rows} mailbox rows (${MESSAGES} messages × ${MEMBERS} recipients, ${DEPTS} departments); built in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; ${RUNS} runs each; load average ` +
      `${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores\n`,
  );

  const actor = (grants: Actor['grants'], id = 'p00000'): Actor =>
    ({
      kind: 'member',
      subject: { kind: 'member', id, employeeNo: id, name: id, email: null, locale: null },
      grants,
      mustChangePassword: false,
      via: 'embed',
      appId: 'bench',
    }) as Actor;
  const wide = actor([{ permission: 'data.view', departmentId: null }], 'viewer');
  const scoped = actor([{ permission: 'data.view', departmentId: 'd03' }], 'viewer');
  const sender = actor([]); // p00000 sent m00000, m00020, … (an urgent, receipt-required notice to 2,000)
  const latest = `m${String(MESSAGES - 20).padStart(5, '0')}`; // sent ~33 hours ago
  const all: Scope = { all: true };
  const one: Scope = { all: false, paths: ['/root/d03/'] };
  const from = T - 30 * DAY;

  const anchor = await measure(() =>
    run(`select count(*) from messages m join mailbox mb on mb.message_id = m.id
      where m.status = 'sent' and m.delivered_at >= ${from}`),
  );
  const window = sentFilter(all, from, T);
  const { all: batches, asking, urgent } = await figureBatches(db, window);
  const previousWhole = async () => [
    await sentByKind(db, window),
    await timeToBefore(db, window, 'read_at'),
    await timeToBefore(db, window, 'confirmed_at'),
    await urgentReachBefore(db, window),
    await channelFiguresBefore(db, window),
    await approvalsWaiting(db, all, T),
  ];
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['message reach (2,000 recipients, sender)', () => messageReach(db, sender, latest)],
    ['message reach (scoped viewer)', () => messageReach(db, scoped, 'm00003')],
    ['summary: sent by kind × priority', () => sentByKind(db, window)],
    ['before: time to read p50/p90', () => timeToBefore(db, window, 'read_at')],
    ['now: time to read p50/p90', () => timeTo(db, batches, 'read_at')],
    ['before: time to confirm p50/p90', () => timeToBefore(db, window, 'confirmed_at')],
    ['now: time to confirm p50/p90', () => timeTo(db, asking, 'confirmed_at')],
    ['before: urgent time to 90 %', () => urgentReachBefore(db, window)],
    ['now: urgent time to 90 %', () => urgentReach(db, urgent)],
    ['before: channel success', () => channelFiguresBefore(db, window)],
    ['now: channel success', () => channelFigures(db, batches)],
    ['summary: approvals waiting', () => approvalsWaiting(db, all, T)],
    ['before: whole, organisation-wide', previousWhole],
    ['now: whole, organisation-wide, counted', () => countSummary(db, all, 30, T)],
    ['now: whole, organisation-wide, kept (≤ 1 min)', () => reachSummary(db, wide, { days: 30 })],
    ['now: whole, one department, counted', () => countSummary(db, one, 30, T)],
  ];
  const table: string[][] = [['query', 'p50 ms', 'p95 ms', 'cpu p50', '× anchor cpu', 'longest stmt', 'loop delay']];
  const fmt = (x: number) => x.toFixed(1);
  const results = new Map<string, Awaited<ReturnType<typeof measure>>>();
  for (const [name, fn] of cases) {
    const m = await measure(fn);
    results.set(name, m);
    table.push([
      name,
      fmt(m.wall),
      fmt(m.p95),
      fmt(m.cpu),
      (m.cpu / anchor.cpu).toFixed(2),
      fmt(m.statement),
      fmt(m.delay),
    ]);
  }
  table.push([
    'anchor: raw count(*) of the window',
    fmt(anchor.wall),
    fmt(anchor.p95),
    fmt(anchor.cpu),
    '1.00',
    fmt(anchor.statement),
    fmt(anchor.delay),
  ]);
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const r of table)
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const before = results.get('before: whole, organisation-wide')!;
  const counted = results.get('now: whole, organisation-wide, counted')!;
  const kept = results.get('now: whole, organisation-wide, kept (≤ 1 min)')!;
  console.log(
    `\norganisation-wide dashboard: longest statement ${fmt(before.statement)} → ${fmt(counted.statement)} ms ` +
      `(${(before.statement / counted.statement).toFixed(1)}× shorter), event-loop delay ${fmt(before.delay)} → ` +
      `${fmt(counted.delay)} ms; CPU ${fmt(before.cpu)} → ${fmt(counted.cpu)} ms counted ` +
      `(${(counted.cpu / before.cpu).toFixed(2)}×), ${fmt(kept.cpu)} ms when kept; ${batches.length} batches`,
  );
  const [readBefore, readNow] = [await timeToBefore(db, window, 'read_at'), await timeTo(db, batches, 'read_at')];
  console.log(`same figures: time to read ${JSON.stringify(readBefore)} = ${JSON.stringify(readNow)}`);
  const reach = (await reachSummary(db, wide, { days: 30 })) as Awaited<ReturnType<typeof reachSummary>>;
  console.log(
    `\nfigures: ${reach.sent.total} sent in 30 days; read p50 ${fmt(reach.timeToRead.p50! / 60_000)} min over ` +
      `${reach.timeToRead.count} reads; urgent reached 90 %: ${reach.urgent.reached}/${reach.urgent.messages}; ` +
      `approvals waiting ${reach.approvals.waiting}`,
  );
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${deps.dir}`);
  else deps.cleanup();
}
