/**
 * The dashboard's statements as they were before they were cut into batches (issue 24, this session's review): one
 * statement each over the whole window. Kept only so that bench/receipts.bench.ts measures the batched ones against
 * them in the same run; the server does not use them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { Percentiles } from '../modules/reach/percentiles.js';
import { percentile, type ChannelFigures, type UrgentReach } from '../modules/reach/summary.js';
import { CHANNELS, type Channel } from '../modules/notify/schema.js';

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
export async function timeToBefore(db: DbOrTx, sent: SQL, column: 'read_at' | 'confirmed_at'): Promise<Percentiles> {
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
export async function urgentReachBefore(db: DbOrTx, sent: SQL) {
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
export async function channelFiguresBefore(db: DbOrTx, sent: SQL): Promise<ChannelFigures[]> {
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
