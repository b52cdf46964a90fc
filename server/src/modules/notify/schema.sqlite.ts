import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { messages } from '../messages/schema.sqlite.js';
import { members } from '../org/schema.sqlite.js';

export const CHANNELS = ['email', 'webhook', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
/**
 * `pending` waits for its next attempt; `sending` is claimed by a worker until `lockedUntil` (a worker that died
 * leaves it to be claimed again); `sent` the receiver accepted it; `dead` gave up (an admin may retry);
 * `cancelled` was no longer wanted (confirmed, recalled, deleted, expired); `skipped` had no address to go to.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox (R9, S8): one notification of one person on one channel, written in the transaction that delivers
 * the message (or schedules a reminder), sent by the notify worker. `round` 0 is the first notice, N the Nth
 * reminder; `idempotencyKey` (`<messageId>.<recipientId>.<channel>.<round>`) travels with every attempt so
 * that a receiver can drop duplicates.
 */
export const notifyDeliveries = sqliteTable(
  'notify_deliveries',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    recipientKind: text({ enum: ['member', 'contact'] }).notNull(),
    recipientId: text().notNull(),
    channel: text({ enum: CHANNELS }).notNull(),
    round: integer().notNull().default(0),
    idempotencyKey: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull(),
    /** The e-mail address or phone number it went (or goes) to; null for the webhook (one URL for everyone). */
    address: text(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    lockedUntil: integer(),
    lastError: text(),
    sentAt: integer(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex('notify_deliveries_key_idx').on(t.idempotencyKey),
    // The worker's queue: due pending rows, and claims whose worker died.
    index('notify_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('notify_deliveries_claimed_idx')
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'sending'`),
    // The sender's receipt view (per recipient) and cancelling a message's or a person's open deliveries.
    index('notify_deliveries_message_idx').on(t.messageId, t.recipientId, t.channel, t.round),
    // The admin's dead-letter list, newest first.
    index('notify_deliveries_dead_idx')
      .on(t.updatedAt, t.id)
      .where(sql`${t.status} = 'dead'`),
  ],
);

/**
 * Persistent reminders of an urgent message that needs confirmation: every `everyMs` up to `remaining` more
 * times, those who have not confirmed are notified again; `stoppedAt` is set on recall, deletion or expiry,
 * or when nobody is left to remind.
 */
export const notifyReminders = sqliteTable(
  'notify_reminders',
  {
    messageId: text()
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    everyMs: integer().notNull(),
    /** Rounds sent so far; the next one is `sent + 1`. */
    sent: integer().notNull().default(0),
    remaining: integer().notNull(),
    nextAt: integer().notNull(),
    stoppedAt: integer(),
  },
  (t) => [
    index('notify_reminders_due_idx')
      .on(t.nextAt)
      .where(sql`${t.stoppedAt} is null`),
  ],
);

/**
 * A member's own notification choices (issue 20 item 6), within what the admin's `memberChoice` allows; no row:
 * the admin's routing. `highChannels`/`normalChannels` list the chosen channels (`email,sms`), null: the default;
 * only channels the admin lets members choose are ever read from them. Quiet hours are a daily window in minutes
 * after local midnight of `timeZone` (IANA); `quietUrgent` holds urgent notifications too, if the admin allows it.
 */
export const notifyPreferences = sqliteTable('notify_preferences', {
  memberId: text()
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  highChannels: text(),
  normalChannels: text(),
  quietStart: integer(),
  quietEnd: integer(),
  quietUrgent: integer({ mode: 'boolean' }).notNull().default(false),
  timeZone: text(),
  updatedAt: integer().notNull(),
});
