/**
 * Inbox benchmark (R11–R13): one mailbox of 100,000 entries among 1,000,000 (ten owners of 100,000 messages), with
 * a realistic mix (~10% unread, 2% urgent, 10% high, 5% receipt required, 20% with attachments, 200 senders,
 * ~5% archived, 1% in the trash, 10% tagged, 1% expiring) and the full-text index of every message. For each filter
 * combination it times, through `listMailbox` (keys, total, pinned, the page's messages, views, tags and states):
 *   - the first page of 50 (with `total`) and a deep page (a cursor 80% down the matching entries);
 * and, as the baseline in the same run on the same database, the raw SQL of the same shape (the keyset query and,
 * for the first page, the count) through the libsql client; where a rare word leads a search (mailbox/lead.ts), the
 * same SQL not led, for the before and after. Then the unread count, and the plans.
 *
 *   node --import tsx bench/mailbox.bench.ts [runs=15]
 */
import os from 'node:os';
import type { Actor } from '../server/src/modules/auth/actor.js';
import { encodeCursor } from '../server/src/lib/cursor.js';
import {
  countStatement,
  TOTAL_CAP,
  keysStatement,
  listMailbox,
  mailboxFilter,
  mailboxLead,
  mailboxWhere,
  unreadCount,
  unreadStatement,
  type MailboxFilterInput,
} from '../server/src/modules/mailbox/query.js';
import { testDeps } from '../server/src/testing/deps.js';

const RUNS = Number(process.argv[2] ?? 15);
const MESSAGES = 100_000;
const OWNERS = 10;
const OWNER = 'o0';
const STEP = 30_000; // one message every 30 s: 100,000 messages span ~35 days

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
/** Wall time and this process's CPU time (ms): the machine may be shared, and SQLite runs on this thread. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu: number[] = [];
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now(),
    c = cpuNow();
  await fn();
  cpu.push(cpuNow() - c);
  return performance.now() - t;
};
/** Runs `fn` and returns its wall time, recording its CPU time into `into`. */
const timed = async (into: number[], fn: () => Promise<unknown>) => {
  const w = await time(fn);
  into.push(cpu.pop()!);
  return w;
};
type SQL = ReturnType<typeof mailboxWhere>;
type Query = { sql: string; params: unknown[] };

const deps = await testDeps();
try {
  const { db } = deps;
  const raw = db.$client;
  const T = Date.now();
  const T0 = T - MESSAGES * STEP;
  const started = performance.now();
  const run = (text: string) => raw.execute(text);
  // drizzle's own dialect turns the service's SQL into text and parameters for the raw client (same statement).
  const dialect = (db as unknown as { dialect: { sqlToQuery(s: SQL): Query } }).dialect;

  // Messages: subjects and bodies from a few phrases, some frequent (通知, report), some rare (需求沟通, xylophone).
  await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MESSAGES - 1})
    insert into messages (id, thread_id, sender_kind, sender_id, kind, priority, subject, body, body_text, links,
      receipt_required,
      expires_at, status, recipient_count, delivered_at, revision, created_at, updated_at)
    select printf('m%07d', i), printf('m%07d', i), 'member', printf('s%03d', i % 200), 'internal',
      case when i % 50 = 0 then 'urgent' when i % 10 = 1 then 'high' else 'normal' end,
      case when i % 1000 = 7 then '项目A 需求沟通 ' || i when i % 3 = 0 then '会议通知 第' || i || '期' when i % 4 = 1
        then 'Weekly report ' || i
           when i % 2000 = 11 then 'Xylophone tuning ' || i else '工作安排 ' || i end,
      '{"type":"doc","content":[]}',
      case when i % 5 = 0 then '请各部门查收本周工作安排，按时提交 quarterly planning 材料。编号 ' || i
        else 'Please review the attached summary before Friday. 编号 ' || i end,
      '[]', i % 20 = 3,
      case when i % 100 = 17 then ${T0} + i * ${STEP} + 3600000 else null end,
      'sent', ${OWNERS}, ${T0} + i * ${STEP}, 1, ${T0} + i * ${STEP}, ${T0} + i * ${STEP}
    from s`);
  // Mailbox: ten owners of every message, each entry's state drawn from a hash of (message, owner).
  await run(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MESSAGES - 1}),
      o(k) as (select 0 union all select k + 1 from o where k < ${OWNERS - 1})
    insert into mailbox (message_id, owner_kind, owner_id, thread_id, sender_id, priority, receipt_required,
      has_attachments,
      delivered_at, expires_at, read_at, confirmed_at, archived_at, deleted_at)
    select printf('m%07d', i), 'member', 'o' || k, printf('m%07d', i), printf('s%03d', i % 200),
      case when i % 50 = 0 then 'urgent' when i % 10 = 1 then 'high' else 'normal' end,
      i % 20 = 3, (i * 40503 + k * 7) % 5 = 2,
      ${T0} + i * ${STEP},
      case when i % 100 = 17 then ${T0} + i * ${STEP} + 3600000 else null end,
      case when (i * 2654435761 + k * 40503) % 1000 < 100 then null else ${T0} + i * ${STEP} + 60000 end,
      case when i % 20 = 3 and (i + k) % 2 = 0 then ${T0} + i * ${STEP} + 60000 else null end,
      case when (i * 69069 + k * 3) % 997 < 50 then ${T0} + i * ${STEP} + 120000 else null end,
      case when (i * 1103515245 + k) % 1009 < 10 and i > ${MESSAGES - 60_000} then ${T} - 86400000 else null end
    from s, o`);
  // Tags: a small tree (g0 › g1..g4, g1 › g5) and roots g6..g19; 10% of the measured owner's entries tagged.
  await run(`with recursive t(n) as (select 0 union all select n + 1 from t where n < 19)
    insert into tags (id, owner_id, parent_id, name, position, created_at, updated_at)
    select 'g' || n, '${OWNER}', case when n between 1 and 4 then 'g0' when n = 5 then 'g1' else null
      end, '标签' || n, n, ${T}, ${T} from t`);
  await run(`insert into mailbox_tags (owner_id, message_id, tag_id, delivered_at, created_at)
    select owner_id, message_id, 'g' || ((cast(substr(message_id, 2) as integer) / 10) % 20), delivered_at, ${T}
    from mailbox where owner_id = '${OWNER}' and cast(substr(message_id, 2) as integer) % 10 = 4`);
  // The full-text index of every message (as send.ts keeps it): the document rows, whose trigger (migration 0012)
  // indexes each message; then every tenth one's text again with an attachment's name (the bench has no files).
  await run(`insert into search_docs (message_id) select id from messages order by id`);
  await run(`insert or replace into message_search (rowid, subject, body, attachments)
    select d.id, m.subject, m.body_text, 'plan-' || m.id || '.xlsx'
    from search_docs d join messages m on m.id = d.message_id where m.id like '%2'`);
  // No ANALYZE: Herald runs without planner statistics (it drops any it finds when it starts, README "No ANALYZE on
  // the embedded database"), so it is measured without them too.
  if (process.env.BENCH_BUILD_ONLY) {
    console.log(`kept ${deps.dir}`);
    process.exit(0);
  }
  const counted = (
    await raw.execute(
      "select (select count(*) from mailbox) as rows, (select count(*) from mailbox where owner_id = 'o0') as mine",
    )
  ).rows[0]!;
  console.log(
    `data: ${counted.rows} mailbox rows, ${counted.mine} of them the measured owner's; built in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; ${RUNS} runs each\n`,
  );

  const actor = {
    kind: 'member',
    subject: { kind: 'member', id: OWNER, employeeNo: 'o0', name: 'o0', email: null, locale: null },
    grants: [],
    mustChangePassword: false,
    via: 'embed',
    appId: 'bench',
  } as Actor;
  const DAY = 86_400_000;
  const combos: Array<[string, MailboxFilterInput]> = [
    ['inbox', {}],
    ['archived', { view: 'archived' }],
    ['trash', { view: 'trash' }],
    ['all', { view: 'all' }],
    ['unread', { unread: true }],
    ['urgent', { priority: 'urgent' }],
    ['high', { priority: 'high' }],
    ['needsConfirmation', { needsConfirmation: true }],
    ['hasAttachments', { hasAttachments: true }],
    ['sender', { senderId: 's042' }],
    ['last 7 days', { from: T - 7 * DAY, to: T }],
    ['a day 20 days ago', { from: T - 21 * DAY, to: T - 20 * DAY }],
    ['tag g0 + subtags', { tagId: 'g0' }],
    ['tag g7 only', { tagId: 'g7', subtags: false }],
    ['q 通知 (frequent)', { q: '会议通知' }],
    ['q 需求沟通 (rare)', { q: '需求沟通' }],
    ['q 需求 (2 chars)', { q: '需求' }],
    ['q report (frequent)', { q: 'REPORT' }],
    ['q xylophone (rare)', { q: 'xylophone' }],
    ['q attachment name', { q: 'plan-m00012' }],
    ['unread + urgent', { unread: true, priority: 'urgent' }],
    ['unread + attachments', { unread: true, hasAttachments: true }],
    ['unread + sender', { unread: true, senderId: 's042' }],
    ['urgent + attachments', { priority: 'urgent', hasAttachments: true }],
    ['unread + last 7 days', { unread: true, from: T - 7 * DAY }],
    ['tag g0 + unread', { tagId: 'g0', unread: true }],
    ['q 通知 + unread', { q: '会议通知', unread: true }],
    ['sender + last 7 days', { senderId: 's042', from: T - 7 * DAY }],
    ['archived × unread × high', { view: 'archived', unread: true, priority: 'high' }],
    ['all × unread × urgent', { view: 'all', unread: true, priority: 'urgent' }],
    ['inbox × unread × high', { unread: true, priority: 'high' }],
  ];

  const keysSql = (where: SQL, after: [number, string] | null, limit: number) =>
    dialect.sqlToQuery(keysStatement(where, after, limit));
  const countSql = (where: SQL, cap = TOTAL_CAP + 1) => dialect.sqlToQuery(countStatement(where, cap));
  const exec = (q: Query) => raw.execute({ sql: q.sql, args: q.params as never });
  const plans = new Map<string, string>();
  const plan = async (q: Query) =>
    (await raw.execute({ sql: `explain query plan ${q.sql}`, args: q.params as never })).rows
      .map((r) => `${'  '.repeat(Number(r.parent) ? 2 : 1)}${String(r.detail)}`)
      .join('\n');

  const rows: string[][] = [
    [
      'filter',
      'matches',
      'page p50',
      'p95',
      'cpu p50',
      'raw cpu',
      'ratio',
      'walk cpu',
      'deep p50',
      'p95',
      'cpu p50',
      'raw cpu',
      'ratio',
    ],
  ];
  const fmt = (x: number) => x.toFixed(1);
  for (const [name, input] of combos) {
    const filter = mailboxFilter(input);
    // As Herald runs it: a search led by its rarest word when that one is rare enough (mailbox/lead.ts).
    const lead = await mailboxLead(db, filter);
    const where = mailboxWhere(OWNER, filter, Date.now(), false, lead);
    // The same search not led (every entry of the owner's walked and tested), for the before/after in one run.
    const walk = lead && mailboxWhere(OWNER, filter, Date.now());
    const total = Number((await exec(countSql(where, 10_000_000))).rows[0]!.n);
    const deepAt = Math.floor(total * 0.8);
    const deepRow = total > 60 ? (await exec(keysSql(where, null, deepAt + 1))).rows[deepAt] : undefined;
    const after: [number, string] | null = deepRow ? [Number(deepRow.deliveredAt), String(deepRow.messageId)] : null;
    const cursor = after ? encodeCursor(after[0], after[1]) : undefined;
    const first: number[] = [],
      firstRaw: number[] = [],
      deep: number[] = [],
      deepRaw: number[] = [];
    const firstCpu: number[] = [],
      firstRawCpu: number[] = [],
      deepCpu: number[] = [],
      deepRawCpu: number[] = [],
      walkCpu: number[] = [];
    await listMailbox(db, actor, { ...filter, limit: 50 }); // warm-up
    for (let r = 0; r < RUNS; r++) {
      first.push(await timed(firstCpu, () => listMailbox(db, actor, { ...filter, limit: 50 })));
      firstRaw.push(
        await timed(firstRawCpu, () => Promise.all([exec(keysSql(where, null, 51)), exec(countSql(where))])),
      );
      if (walk) await timed(walkCpu, () => Promise.all([exec(keysSql(walk, null, 51)), exec(countSql(walk))]));
      if (cursor) {
        deep.push(await timed(deepCpu, () => listMailbox(db, actor, { ...filter, cursor, limit: 50 })));
        deepRaw.push(await timed(deepRawCpu, () => exec(keysSql(where, after, 51))));
      }
    }
    const ratio = (a: number[], b: number[]) => `${(pct(a, 0.5) / Math.max(pct(b, 0.5), 0.01)).toFixed(2)}×`;
    rows.push([
      name,
      String(total),
      fmt(pct(first, 0.5)),
      fmt(pct(first, 0.95)),
      fmt(pct(firstCpu, 0.5)),
      fmt(pct(firstRawCpu, 0.5)),
      ratio(firstCpu, firstRawCpu),
      walk ? fmt(pct(walkCpu, 0.5)) : '-',
      ...(cursor
        ? [
            fmt(pct(deep, 0.5)),
            fmt(pct(deep, 0.95)),
            fmt(pct(deepCpu, 0.5)),
            fmt(pct(deepRawCpu, 0.5)),
            ratio(deepCpu, deepRawCpu),
          ]
        : ['-', '-', '-', '-', '-']),
    ]);
    if (
      [
        'inbox',
        'unread',
        'urgent',
        'tag g0 + subtags',
        'sender',
        'q 通知 (frequent)',
        'q 需求沟通 (rare)',
        'tag g7 only',
        'q 需求 (2 chars)',
        'unread + urgent',
      ].includes(name)
    ) {
      plans.set(`${name}: page`, await plan(keysSql(where, null, 51)));
      if (name === 'inbox' || name === 'unread') plans.set(`${name}: count`, await plan(countSql(where)));
    }
  }

  // The unread badge.
  const unread: number[] = [],
    unreadRaw: number[] = [],
    unreadCpu: number[] = [],
    unreadRawCpu: number[] = [];
  // The unread count's statement, as unreadCount() runs it.
  const unreadSql: Query = dialect.sqlToQuery(unreadStatement(OWNER, Date.now()));
  const counts = await unreadCount(db, actor);
  for (let r = 0; r < RUNS * 2; r++) {
    unread.push(await timed(unreadCpu, () => unreadCount(db, actor)));
    unreadRaw.push(await timed(unreadRawCpu, () => exec(unreadSql)));
  }
  plans.set('unread count', await plan(unreadSql));

  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  for (const r of rows)
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log(
    `\n(ms; "page" = listMailbox first page of 50 with total and pinned (wall p50/p95, then CPU p50); "raw" ` +
      `= CPU of the same keyset + count SQL through the libsql client; ratio of CPU medians; "walk" = raw CPU of ` +
      `that SQL not led by a rare word, where Herald leads it (mailbox/lead.ts); load average ` +
      `${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(
    `\nunread count (${counts.unread} unread, ${counts.urgent} urgent): wall p50 ${fmt(pct(unread, 0.5))} ` +
      `ms, p95 ${fmt(pct(unread, 0.95))} ms; CPU p50 ${fmt(pct(unreadCpu, 0.5))} ms; raw CPU p50 ` +
      `${fmt(pct(unreadRawCpu, 0.5))} ms, ratio ` +
      `${(pct(unreadCpu, 0.5) / Math.max(pct(unreadRawCpu, 0.5), 0.01)).toFixed(2)}×`,
  );
  console.log('\nquery plans:');
  for (const [name, p] of plans) console.log(`${name}\n${p}`);
} finally {
  deps.cleanup();
}
