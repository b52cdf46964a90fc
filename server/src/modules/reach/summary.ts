import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { requireScope, scopeCondition, type Scope } from '../auth/scope.js';
import { MESSAGE_KINDS, PRIORITIES, type MessageKind, type Priority } from '../messages/schema.js';
import { CHANNELS, type Channel } from '../notify/schema.js';

const DAY = 86_400_000;
export const SUMMARY_DAYS = { min: 1, max: 90, default: 30 } as const;
/** How long approvals have waited, as the dashboard's bars group them. */
export const AGE_BUCKETS = [
  { key: 'hour', upTo: 3_600_000 },
  { key: 'day', upTo: DAY },
  { key: 'week', upTo: 7 * DAY },
  { key: 'older', upTo: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];

export type Percentiles = { count: number; p50: number | null; p90: number | null };
export type UrgentReach = {
  id: string;
  subject: string;
  deliveredAt: number;
  recipients: number;
  /** Ms from delivery until 90 % of the recipients had read it; null while fewer have. */
  reachedMs: number | null;
};
export type ChannelFigures = {
  channel: Channel;
  sent: number;
  failed: number;
  waiting: number;
  skipped: number;
  cancelled: number;
  /** sent / (sent + failed); null before any attempt ended. */
  successRate: number | null;
};

/** Nearest-rank percentile of numbers sorted ascending (the same rule the SQL uses). */
export const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted.length ? sorted[Math.ceil((sorted.length * p) / 100) - 1]! : null;

/**
 * The last `days` days at a glance (issue 24), for `data.view` (and so every admin role): messages sent by kind and
 * priority, median and p90 time to read and to confirm, urgent messages' time to reach 90 % of their recipients,
 * notification channels' success, approvals waiting and their age. Every figure counts only messages sent from a
 * department in the caller's `data.view` scope (as a message's record is seen, `messages/access.ts`); API-key and
 * contact senders have no department and count for organisation-wide viewers only. Set-based statements, none per
 * message or recipient (bench/receipts.bench.ts).
 */
export async function reachSummary(db: DbOrTx, actor: Actor, q: { days: number }, at = now()) {
  const scope = await requireScope(db, actor, ['data.view']);
  const from = at - q.days * DAY;
  const sent = sentFilter(scope, from, at);
  const [byKind, read, confirmed, urgent, channels, approvals] = [
    await sentByKind(db, sent),
    await timeTo(db, sent, 'read_at'),
    await timeTo(db, sent, 'confirmed_at'),
    await urgentReach(db, sent),
    await channelFigures(db, sent),
    await approvalsWaiting(db, scope, at),
  ];
  return {
    from,
    to: at,
    days: q.days,
    sent: byKind,
    timeToRead: read,
    timeToConfirm: confirmed,
    urgent,
    channels,
    approvals,
  };
}

/** Messages delivered in the window from a department in scope (`m` is the messages alias). */
export function sentFilter(scope: Scope, from: number, to: number): SQL {
  return sql`m.status = 'sent' and m.delivered_at >= ${from} and m.delivered_at <= ${to} ${sentInScope(scope)}`;
}

/** `and <the message m was sent from a department in scope>` (nothing for an organisation-wide scope). */
function sentInScope(scope: Scope): SQL {
  return scope.all
    ? sql``
    : sql`and m.sender_department_id in (select d.id from departments d where ${scopeCondition(scope, sql`d.path`)})`;
}

export async function sentByKind(db: DbOrTx, sent: SQL) {
  const rows = await db.all<{ kind: MessageKind; priority: Priority; n: number }>(sql`
    select m.kind as kind, m.priority as priority, count(*) as n from messages m where ${sent}
    group by m.kind, m.priority`);
  const cells = MESSAGE_KINDS.flatMap((kind) =>
    PRIORITIES.map((priority) => ({
      kind,
      priority,
      count: Number(rows.find((r) => r.kind === kind && r.priority === priority)?.n ?? 0),
    })),
  );
  const sum = (pick: (c: (typeof cells)[number]) => boolean) => cells.filter(pick).reduce((n, c) => n + c.count, 0);
  return {
    total: sum(() => true),
    byKind: Object.fromEntries(MESSAGE_KINDS.map((k) => [k, sum((c) => c.kind === k)])) as Record<MessageKind, number>,
    byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, sum((c) => c.priority === p)])) as Record<
      Priority,
      number
    >,
    cells,
  };
}

/** Upper bounds of the buckets that `timeTo` counts in its first pass (ms); the last bucket is open. */
const BOUNDS = [
  1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 2160, 2880, 4320, 7200, 10_080, 20_160,
].map((m) => m * 60_000);

/**
 * Median and 90th percentile (nearest rank, exact) of the time from delivery to `column` over every mailbox row of
 * the messages sent. Ranking all rows (a window function) sorted ~800,000 of them for 1.4 s of CPU on the bench's
 * mailbox; instead one pass counts the rows per time bucket (no sort), and a second statement picks each percentile
 * inside its bucket, sorting only that bucket's rows (bench/receipts.bench.ts).
 */
export async function timeTo(db: DbOrTx, sent: SQL, column: 'read_at' | 'confirmed_at'): Promise<Percentiles> {
  const at = sql.raw(`mb.${column}`);
  const rows = sql`select ${at} - mb.delivered_at as d from messages m join mailbox mb on mb.message_id = m.id
    where ${sent} and ${at} is not null`;
  const below = sql.join(
    BOUNDS.map((b, i) => sql`sum(case when d < ${b} then 1 else 0 end) as ${sql.raw(`b${i}`)}`),
    sql`, `,
  );
  const [counted] = await db.all<Record<string, number | null>>(sql`select count(*) as n, ${below} from (${rows}) t`);
  const n = Number(counted?.n ?? 0);
  if (!n) return { count: 0, p50: null, p90: null };
  // cumulative[i]: rows below BOUNDS[i]; the last bucket ends with every row.
  const cumulative = [...BOUNDS.map((_, i) => Number(counted?.[`b${i}`] ?? 0)), n];
  const pick = (p: number) => {
    const rank = Math.ceil((n * p) / 100);
    const i = cumulative.findIndex((c) => c >= rank);
    const before = i === 0 ? 0 : cumulative[i - 1]!;
    const lower = i === 0 ? sql`` : sql`and d >= ${BOUNDS[i - 1]!}`;
    const upper = i < BOUNDS.length ? sql`and d < ${BOUNDS[i]!}` : sql``;
    const offset = rank - before - 1;
    return sql`(select d from (${rows}) t where 1 = 1 ${lower} ${upper} order by d limit 1 offset ${offset})`;
  };
  const [picked] = await db.all<{ p50: number | null; p90: number | null }>(
    sql`select ${pick(50)} as p50, ${pick(90)} as p90`,
  );
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.max(0, Number(v)));
  return { count: n, p50: num(picked?.p50), p90: num(picked?.p90) };
}

/**
 * Per urgent message, the time until 90 % of its recipients had read it (the ⌈0.9 n⌉-th read, ranked per message);
 * the median and p90 over those that got there, and the latest 20 by delivery.
 */
export async function urgentReach(db: DbOrTx, sent: SQL) {
  const rows = await db.all<UrgentReach>(sql`
    with u as (
      select m.id, m.subject, m.delivered_at, m.recipient_count from messages m
      where ${sent} and m.priority = 'urgent' and m.recipient_count > 0),
    r as (
      select mb.message_id, mb.read_at - u.delivered_at as d, u.recipient_count as n,
        row_number() over (partition by mb.message_id order by mb.read_at) as rn
      from u join mailbox mb on mb.message_id = u.id where mb.read_at is not null),
    hit as (select message_id, d from r where rn = (n * 90 + 99) / 100)
    select u.id as id, u.subject as subject, u.delivered_at as deliveredAt, u.recipient_count as recipients,
      hit.d as reachedMs
    from u left join hit on hit.message_id = u.id
    order by u.delivered_at desc, u.id desc`);
  const reached = rows
    .filter((r) => r.reachedMs !== null)
    .map((r) => Math.max(0, Number(r.reachedMs)))
    .sort((a, b) => a - b);
  return {
    messages: rows.length,
    reached: reached.length,
    p50: percentile(reached, 50),
    p90: percentile(reached, 90),
    latest: rows.slice(0, 20).map((r) => ({
      ...r,
      deliveredAt: Number(r.deliveredAt),
      recipients: Number(r.recipients),
      reachedMs: r.reachedMs === null ? null : Math.max(0, Number(r.reachedMs)),
    })),
  };
}

/** Every notification of the messages sent (first notices and reminders), by channel and outcome. */
export async function channelFigures(db: DbOrTx, sent: SQL): Promise<ChannelFigures[]> {
  const rows = await db.all<{ channel: Channel; status: string; n: number }>(sql`
    select nd.channel as channel, nd.status as status, count(*) as n
    from messages m join notify_deliveries nd on nd.message_id = m.id
    where ${sent} group by nd.channel, nd.status`);
  return CHANNELS.map((channel) => {
    const n = (...statuses: string[]) =>
      rows.filter((r) => r.channel === channel && statuses.includes(r.status)).reduce((s, r) => s + Number(r.n), 0);
    const sentCount = n('sent'),
      failed = n('dead');
    return {
      channel,
      sent: sentCount,
      failed,
      waiting: n('pending', 'sending'),
      skipped: n('skipped'),
      cancelled: n('cancelled'),
      successRate: sentCount + failed ? sentCount / (sentCount + failed) : null,
    };
  });
}

/** Approval requests waiting now (whenever submitted), since their current round began, in scope. */
export async function approvalsWaiting(db: DbOrTx, scope: Scope, at: number) {
  const rows = await db.all<{ since: number }>(sql`
    select coalesce((select max(t.created_at) from approval_tasks t where t.request_id = r.id and t.round = r.round),
      r.updated_at) as since
    from approval_requests r join messages m on m.id = r.message_id
    where r.status = 'pending' ${sentInScope(scope)}`);
  const ages = rows.map((r) => Math.max(0, at - Number(r.since))).sort((a, b) => a - b);
  return {
    waiting: ages.length,
    oldestMs: ages.length ? ages[ages.length - 1]! : null,
    medianMs: percentile(ages, 50),
    byAge: AGE_BUCKETS.map((b, i) => ({
      bucket: b.key as AgeBucket,
      count: ages.filter((a) => a < b.upTo && (i === 0 || a >= AGE_BUCKETS[i - 1]!.upTo)).length,
    })),
  };
}
