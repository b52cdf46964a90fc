import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Priority } from '../messages/schema.js';
import { notifyDeliveries, notifyReminders, type Channel } from './schema.js';
import { REASONS } from './reasons.js';
import { channelsFor, notifySettings, type NotifySettings } from './settings.js';
import { choosable } from './preferences.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { execute } from '../../db/prepared.js';

/**
 * SQLite's CROSS JOIN keeps its join order: preferences first, then the mailbox row by its primary key. PostgreSQL
 * accepts no ON after CROSS JOIN and orders joins by cost itself: a plain JOIN there.
 */
const PREFERENCES_FIRST = sql.raw(ENGINE === 'pg' ? 'join' : 'cross join');

/**
 * Issue 20 item 6: the rows a round reads for `channel`. Where members may choose the channel, their own list decides
 * (`notify_preferences`, read in the same `INSERT … SELECT` by its key: no statement per recipient), else the admin's
 * routing; contacts have no preferences row. A channel only some members turned on is read from their preferences
 * (probing the mailbox by its key) rather than from the whole audience: a normal send to 10,000 then costs what the
 * members who chose it cost.
 */
function sourceOf(priority: Priority, channel: Channel, routed: boolean, open: boolean) {
  const people = sql`mailbox mb
      left join members m on mb.owner_kind = 'member' and m.id = mb.owner_id
      left join contacts c on mb.owner_kind = 'contact' and c.id = mb.owner_id`;
  if (!open) return { from: people, where: sql`` };
  const list = priority === 'high' ? sql`np.high_channels` : sql`np.normal_channels`;
  const hasChannel = sql`(',' || ${list} || ',') like ${`%,${channel},%`}`;
  if (routed)
    return {
      from: sql`${people} left join notify_preferences np on mb.owner_kind = 'member' and np.member_id = mb.owner_id`,
      where: sql`and (${list} is null or ${hasChannel})`,
    };
  return {
    from: sql`notify_preferences np ${PREFERENCES_FIRST} mailbox mb
        on mb.owner_id = np.member_id and mb.owner_kind = 'member'
      left join members m on m.id = mb.owner_id
      left join contacts c on mb.owner_kind = 'contact' and c.id = mb.owner_id`,
    where: sql`and ${list} is not null and ${hasChannel}`,
  };
}

/** Where a channel reaches a person, from their profile (members) or contact card (contacts). */
const ADDRESS: Record<Channel, ReturnType<typeof sql> | null> = {
  email: sql`coalesce(m.email, c.email)`,
  sms: sql`coalesce(m.phone, c.phone)`,
  webhook: null,
};
const NO_ADDRESS: Record<Channel, string> = { email: REASONS['no-email'], sms: REASONS['no-phone'], webhook: '' };

/**
 * Writes one round of notifications (round 0: the first notice; N: the Nth reminder) for a delivered message into
 * the outbox, inside the caller's transaction: set-based, one `INSERT … SELECT` per channel. `only` limits it
 * to those who have not read or not confirmed (reminders). A person without an address for a channel gets a
 * `skipped` row, so the sender sees why. Idempotent per (message, person, channel, round).
 */
export async function enqueueRound(
  tx: DbOrTx,
  messageId: string,
  priority: Priority,
  round: number,
  at: number,
  only?: 'unread' | 'unconfirmed',
  known?: NotifySettings,
  /** More conditions on the mailbox row `mb` (a reminder of one department, issue 24). */
  narrower: SQL = sql``,
): Promise<number> {
  const settings = known ?? (await notifySettings(tx));
  const routed = channelsFor(settings, priority);
  const open = priority === 'urgent' ? [] : choosable(settings, priority);
  let written = 0;
  for (const channel of [...new Set([...routed, ...open])]) {
    const source = sourceOf(priority, channel, routed.includes(channel), open.includes(channel));
    const address = ADDRESS[channel] ?? sql`null`;
    const missing = ADDRESS[channel] ? sql`(${address} is null or ${address} = '')` : sql`false`;
    const result = await dialect.run(
      tx,
      sql`
      insert into notify_deliveries (id, message_id, recipient_kind, recipient_id, channel, round, idempotency_key,
        status, address,
        attempts, next_attempt_at, last_error, created_at, updated_at)
      select ${dialect.randomId()}, mb.message_id, mb.owner_kind, mb.owner_id, ${channel}, ${round},
        mb.message_id || '.' || mb.owner_id || '.' || ${channel} || '.' || cast(${round} as integer),
        case when coalesce(m.disabled, false) = true or ${missing} then 'skipped' else 'pending' end, ${address},
        0, ${at}, case when coalesce(m.disabled, false) = true then ${REASONS.disabled} when ${missing}
          then ${NO_ADDRESS[channel]} end, ${at}, ${at}
      from ${source.from}
      where mb.message_id = ${messageId} and mb.deleted_at is null ${source.where} ${
        only === 'unconfirmed'
          ? sql`and mb.confirmed_at
        is null`
          : only === 'unread'
            ? sql`and mb.read_at is null`
            : sql``
      } ${narrower}
      on conflict (idempotency_key) do nothing`,
    );
    written += Number(result.rowsAffected);
  }
  if (settings.externalEmail && settings.email.enabled && !routed.includes('email'))
    written += await enqueueContactEmail(tx, messageId, round, at, only, narrower);
  return written;
}

/**
 * Issue 19 item 4: contacts without portal access have no inbox to look in, so e-mail is how every message reaches
 * them, at any priority (the admin's `externalEmail`, default on). The same row shape as a routed e-mail, so retries,
 * the outbox view and the sender's receipts treat it alike; the worker adds the contact's signed links.
 */
async function enqueueContactEmail(
  tx: DbOrTx,
  messageId: string,
  round: number,
  at: number,
  only: 'unread' | 'unconfirmed' | undefined,
  narrower: SQL,
): Promise<number> {
  const result = await dialect.run(
    tx,
    sql`
    insert into notify_deliveries (id, message_id, recipient_kind, recipient_id, channel, round, idempotency_key,
      status, address, attempts, next_attempt_at, last_error, created_at, updated_at)
    select ${dialect.randomId()}, mb.message_id, mb.owner_kind, mb.owner_id, 'email', ${round},
      mb.message_id || '.' || mb.owner_id || '.email.' || cast(${round} as integer),
      case when c.email is null or c.email = '' then 'skipped' else 'pending' end, c.email,
      0, ${at}, case when c.email is null or c.email = '' then ${REASONS['no-email']} end, ${at}, ${at}
    from mailbox mb join contacts c on c.id = mb.owner_id
    where mb.message_id = ${messageId} and mb.owner_kind = 'contact' and c.portal_enabled = false and c.disabled = false
      and mb.deleted_at is null ${
        only === 'unconfirmed'
          ? sql`and mb.confirmed_at is null`
          : only === 'unread'
            ? sql`and mb.read_at is null`
            : sql``
      } ${narrower}
    on conflict (idempotency_key) do nothing`,
  );
  return Number(result.rowsAffected);
}

/** The next reminder round of a message (scheduled and manual reminders share the numbering). */
export async function nextRound(tx: DbOrTx, messageId: string): Promise<number> {
  const [row] = await dialect.all<{ round: number | null }>(
    tx,
    sql`select max(round) as round from notify_deliveries where message_id = ${messageId}`,
  );
  return (row?.round ?? 0) + 1;
}

/** At delivery: the first notice, and persistent reminders for an urgent message that needs confirmation (R9). */
/** `known`: the settings when the caller keeps them (messages/send-config.ts). */
export async function notifyDelivered(
  tx: DbOrTx,
  m: { id: string; priority: Priority; receiptRequired: boolean },
  at: number,
  known?: NotifySettings,
): Promise<void> {
  await enqueueRound(tx, m.id, m.priority, 0, at, undefined, known);
  if (m.priority !== 'urgent' || !m.receiptRequired) return;
  const { reminders } = known ?? (await notifySettings(tx));
  if (reminders.times <= 0) return;
  const everyMs = reminders.everyMinutes * 60_000;
  await tx
    .insert(notifyReminders)
    .values({ messageId: m.id, everyMs, remaining: reminders.times, nextAt: at + everyMs })
    .onConflictDoNothing();
}

/** Recall, deletion or expiry: nothing more goes out about the message. */
export async function stopNotifications(
  tx: DbOrTx,
  messageIds: string[],
  reason: 'recalled' | 'deleted' | 'expired',
  at: number,
): Promise<void> {
  if (!messageIds.length) return;
  await tx
    .update(notifyDeliveries)
    .set({ status: 'cancelled', lastError: REASONS[reason], updatedAt: at })
    .where(and(inArray(notifyDeliveries.messageId, messageIds), eq(notifyDeliveries.status, 'pending')));
  await tx
    .update(notifyReminders)
    .set({ stoppedAt: at })
    .where(and(inArray(notifyReminders.messageId, messageIds), sql`${notifyReminders.stoppedAt} is null`));
}

/**
 * A recipient confirmed: their waiting notifications are no longer needed (R9 "stop the moment they confirm").
 * Hand-written, as the confirmation that runs it (issue 15, mailbox/service.ts).
 */
export async function stopForRecipient(tx: DbOrTx, messageId: string, recipientId: string, at: number): Promise<void> {
  await execute(
    tx,
    `update notify_deliveries set status = 'cancelled', last_error = ?, updated_at = ?
    where message_id = ? and recipient_id = ? and status = 'pending'`,
    [REASONS.confirmed, at, messageId, recipientId],
  );
}
