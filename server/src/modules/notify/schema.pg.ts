// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { messages } from '../messages/schema.pg.js';
import { members } from '../org/schema.pg.js';
import { CHANNELS, DELIVERY_STATUSES } from './schema.sqlite.js';

export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    recipientKind: text({ enum: ['member', 'contact'] }).notNull(),
    recipientId: text().notNull(),
    channel: text({ enum: CHANNELS }).notNull(),
    round: int().notNull().default(0),
    idempotencyKey: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull(),
    address: text(),
    attempts: int().notNull().default(0),
    nextAttemptAt: int().notNull(),
    lockedUntil: int(),
    lastError: text(),
    sentAt: int(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [
    uniqueIndex('notify_deliveries_key_idx').on(t.idempotencyKey),
    index('notify_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('notify_deliveries_claimed_idx')
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'sending'`),
    index('notify_deliveries_message_idx').on(t.messageId, t.recipientId, t.channel, t.round),
    index('notify_deliveries_dead_idx')
      .on(t.updatedAt, t.id)
      .where(sql`${t.status} = 'dead'`),
  ],
);

export const notifyReminders = pgTable(
  'notify_reminders',
  {
    messageId: text()
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    everyMs: int().notNull(),
    sent: int().notNull().default(0),
    remaining: int().notNull(),
    nextAt: int().notNull(),
    stoppedAt: int(),
  },
  (t) => [
    index('notify_reminders_due_idx')
      .on(t.nextAt)
      .where(sql`${t.stoppedAt} is null`),
  ],
);

export const notifyPreferences = pgTable('notify_preferences', {
  memberId: text()
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  highChannels: text(),
  normalChannels: text(),
  quietStart: int(),
  quietEnd: int(),
  quietUrgent: boolean().notNull().default(false),
  timeZone: text(),
  updatedAt: int().notNull(),
});
