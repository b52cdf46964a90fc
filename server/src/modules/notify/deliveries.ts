import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { reasonOf, type ReasonCode } from './reasons.js';
import { notifyDeliveries, type Channel, type DeliveryStatus } from './schema.js';
import { dialect } from '../../db/dialect.js';

export type DeliveryListItem = {
  id: string;
  messageId: string;
  subject: string;
  recipient: { kind: 'member' | 'contact'; id: string; name: string };
  channel: Channel;
  round: number;
  status: DeliveryStatus;
  address: string | null;
  attempts: number;
  lastError: string | null;
  updatedAt: number;
  sentAt: number | null;
};

/** The admin's view of the outbox (docs/api.md "Outbox, retries and dead letters"): newest change first. */
export async function listDeliveries(
  db: DbOrTx,
  q: { status: DeliveryStatus; cursor?: string | undefined; limit: number },
) {
  const after = q.cursor ? decodeCursor(q.cursor, ['number', 'string'] as const) : null;
  const rows = await dialect.all<
    Omit<DeliveryListItem, 'recipient'> & { recipientKind: 'member' | 'contact'; recipientId: string; name: string }
  >(
    db,
    sql`
    select d.id, d.message_id as "messageId", msg.subject, d.recipient_kind as "recipientKind",
      d.recipient_id as "recipientId",
      coalesce(m.name, c.name, '') as name, d.channel, d.round, d.status, d.address, d.attempts,
        d.last_error as "lastError",
      d.updated_at as "updatedAt", d.sent_at as "sentAt"
    from notify_deliveries d
    join messages msg on msg.id = d.message_id
    left join members m on d.recipient_kind = 'member' and m.id = d.recipient_id
    left join contacts c on d.recipient_kind = 'contact' and c.id = d.recipient_id
    where d.status = ${q.status} ${
      after
        ? sql`and (d.updated_at < ${after[0]} or (d.updated_at = ${after[0]}
      and d.id < ${after[1]}))`
        : sql``
    }
    order by d.updated_at desc, d.id desc limit ${q.limit + 1}`,
  );
  const items: DeliveryListItem[] = rows.slice(0, q.limit).map(({ recipientKind, recipientId, name, ...r }) => ({
    ...r,
    recipient: { kind: recipientKind, id: recipientId, name },
  }));
  const last = items[items.length - 1];
  const [counts] = await dialect.all<{ pending: number; dead: number }>(
    db,
    sql`
    select (select count(*) from notify_deliveries where status = 'pending') as pending,
      (select count(*) from notify_deliveries where status = 'dead') as dead`,
  );
  return {
    counts: { pending: Number(counts?.pending ?? 0), dead: Number(counts?.dead ?? 0) },
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
  };
}

/** Dead letters back to the queue, attempts reset and due now; other statuses are left alone. */
export async function retryDeliveries(
  db: Db,
  actor: Actor,
  which: { ids: string[] } | { allDead: true },
  info: RequestInfo,
): Promise<{ retried: number }> {
  return db.transaction(async (tx) => {
    const t = now();
    const match =
      'ids' in which
        ? and(inArray(notifyDeliveries.id, which.ids), eq(notifyDeliveries.status, 'dead'))
        : eq(notifyDeliveries.status, 'dead');
    const rows = await tx
      .update(notifyDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: t, lockedUntil: null, updatedAt: t })
      .where(match)
      .returning({ id: notifyDeliveries.id });
    await recordAudit(tx, actor, {
      action: 'notifications.retry',
      targetType: 'notifications',
      targetId: 'deliveries',
      after: { retried: rows.length, ...('ids' in which ? { ids: which.ids.slice(0, 100) } : { allDead: true }) },
      ...info,
    });
    return { retried: rows.length };
  });
}

/**
 * What a sender sees: no transport error text (it can name addresses, hosts and gateway answers: the admin's list has
 * it).
 */
export type RecipientNotification = {
  channel: Channel;
  round: number;
  status: DeliveryStatus;
  attempts: number;
  sentAt: number | null;
  reason: ReasonCode | null;
};

/** For the sender's receipt view: per recipient and channel, the latest round's delivery. */
export async function notificationsOf(
  db: DbOrTx,
  messageId: string,
  recipientIds: string[],
): Promise<Map<string, RecipientNotification[]>> {
  const out = new Map<string, RecipientNotification[]>();
  if (!recipientIds.length) return out;
  const rows = await dialect.all<
    Omit<RecipientNotification, 'reason'> & { recipientId: string; lastError: string | null }
  >(
    db,
    sql`
    select d.recipient_id as "recipientId", d.channel, d.round, d.status, d.attempts, d.sent_at as "sentAt",
      d.last_error as "lastError"
    from notify_deliveries d
    where d.message_id = ${messageId} and d.recipient_id in (${sql.join(
      recipientIds.map((id) => sql`${id}`),
      sql`, `,
    )})
      and d.round = (select max(round) from notify_deliveries x
        where x.message_id = d.message_id and x.recipient_id = d.recipient_id and x.channel = d.channel)
    order by d.recipient_id, d.channel`,
  );
  for (const { recipientId, lastError, ...r } of rows) {
    const list = out.get(recipientId) ?? [];
    list.push({ ...r, reason: reasonOf(lastError) });
    out.set(recipientId, list);
  }
  return out;
}
