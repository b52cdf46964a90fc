import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { requireScope, scopeCondition, type Scope } from '../auth/scope.js';
import { MESSAGE_KINDS, PRIORITIES, type MessageKind, type Priority } from '../messages/schema.js';
import { CHANNELS, type Channel } from '../notify/schema.js';
import { sentBatches, type Batch } from './batches.js';
import { timeTo } from './percentiles.js';
import { remembered, scopeKey } from './summary-cache.js';
import { dialect } from '../../db/dialect.js';

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
 * message or recipient, each over one batch of ≤ 25,000 mailbox rows so that none holds the event loop long; the
 * figures of a scope are kept a minute (`summary-cache.ts`; bench/receipts.bench.ts).
 */
export async function reachSummary(db: DbOrTx, actor: Actor, q: { days: number }, at = now()) {
  const scope = await requireScope(db, actor, ['data.view']);
  return remembered(db, scopeKey(scope, q.days), () => countSummary(db, scope, q.days, at), at);
}

/** The dashboard's figures for a scope, counted now: one statement per batch of messages (`batches.ts`). */
export async function countSummary(db: DbOrTx, scope: Scope, days: number, at: number) {
  const from = at - days * DAY;
  const sent = sentFilter(scope, from, at);
  const { all, asking, urgent } = await figureBatches(db, sent);
  return {
    from,
    to: at,
    days,
    sent: await sentByKind(db, sent),
    timeToRead: await timeTo(db, all, 'read_at'),
    timeToConfirm: await timeTo(db, asking, 'confirmed_at'),
    urgent: await urgentReach(db, urgent),
    channels: await channelFigures(db, all),
    approvals: await approvalsWaiting(db, scope, at),
  };
}

/**
 * The messages `sent` selects in batches, for each figure only those that can have it: confirmations of the messages
 * asking for one, the urgent reach of urgent ones.
 */
export async function figureBatches(db: DbOrTx, sent: SQL) {
  return {
    all: await sentBatches(db, sent),
    asking: await sentBatches(db, sql`${sent} and m.receipt_required = true`),
    urgent: await sentBatches(db, sql`${sent} and m.priority = 'urgent'`),
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
  const rows = await dialect.all<{ kind: MessageKind; priority: Priority; n: number }>(
    db,
    sql`
    select m.kind as kind, m.priority as priority, count(*) as n from messages m where ${sent}
    group by m.kind, m.priority`,
  );
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

/**
 * Per urgent message, the time until 90 % of its recipients had read it (the ⌈0.9 n⌉-th read, ranked per message);
 * the median and p90 over those that got there, and the latest 20 by delivery.
 */
export async function urgentReach(db: DbOrTx, batches: Batch[]) {
  const rows: UrgentReach[] = [];
  for (const batch of batches)
    rows.push(
      ...(await dialect.all<UrgentReach>(
        db,
        sql`
        with u as (
          select m.id, m.subject, m.delivered_at, m.recipient_count from messages m
          where ${batch('m.id')} and m.priority = 'urgent' and m.recipient_count > 0),
        r as (
          select mb.message_id, mb.read_at - u.delivered_at as d, u.recipient_count as n,
            row_number() over (partition by mb.message_id order by mb.read_at) as rn
          from u join mailbox mb on mb.message_id = u.id where mb.read_at is not null),
        hit as (select message_id, d from r where rn = (n * 90 + 99) / 100)
        select u.id as id, u.subject as subject, u.delivered_at as "deliveredAt", u.recipient_count as recipients,
          hit.d as "reachedMs"
        from u left join hit on hit.message_id = u.id`,
      )),
    );
  rows.sort((a, b) => Number(b.deliveredAt) - Number(a.deliveredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
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
export async function channelFigures(db: DbOrTx, batches: Batch[]): Promise<ChannelFigures[]> {
  const rows: Array<{ channel: Channel; status: string; n: number }> = [];
  for (const batch of batches)
    rows.push(
      ...(await dialect.all<{ channel: Channel; status: string; n: number }>(
        db,
        sql`
        select nd.channel as channel, nd.status as status, count(*) as n from notify_deliveries nd
        where ${batch('nd.message_id')} group by nd.channel, nd.status`,
      )),
    );
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
  const rows = await dialect.all<{ since: number }>(
    db,
    sql`
    select coalesce((select max(t.created_at) from approval_tasks t where t.request_id = r.id and t.round = r.round),
      r.updated_at) as since
    from approval_requests r join messages m on m.id = r.message_id
    where r.status = 'pending' ${sentInScope(scope)}`,
  );
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
