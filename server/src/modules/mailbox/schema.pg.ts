// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { PRIORITIES } from '../messages/schema.js';
import { messages } from '../messages/schema.pg.js';
import { PROGRESS } from './schema.sqlite.js';

export const mailbox = pgTable(
  'mailbox',
  {
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    ownerKind: text({ enum: ['member', 'contact'] }).notNull(),
    ownerId: text().notNull(),
    threadId: text().notNull(),
    senderId: text().notNull().default(''),
    priority: text({ enum: PRIORITIES }).notNull(),
    receiptRequired: boolean().notNull().default(false),
    hasAttachments: boolean().notNull().default(false),
    deliveredAt: int().notNull(),
    expiresAt: int(),
    readAt: int(),
    confirmedAt: int(),
    progress: text({ enum: PROGRESS }),
    progressNote: text(),
    progressAt: int(),
    archivedAt: int(),
    deletedAt: int(),
    starredAt: int(),
    snoozedUntil: int(),
    mentioned: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.ownerId] }),
    index('mailbox_owner_idx').on(
      t.ownerId,
      t.deliveredAt,
      t.messageId,
      t.deletedAt,
      t.archivedAt,
      t.readAt,
      t.priority,
      t.hasAttachments,
      t.senderId,
      t.receiptRequired,
      t.confirmedAt,
      t.expiresAt,
    ),
    index('mailbox_thread_idx').on(t.threadId, t.ownerKind),
    index('mailbox_unread_idx')
      .on(
        t.ownerId,
        t.deliveredAt,
        t.messageId,
        t.archivedAt,
        t.priority,
        t.expiresAt,
        t.hasAttachments,
        t.senderId,
        t.receiptRequired,
        t.confirmedAt,
      )
      .where(sql`${t.readAt} is null and ${t.deletedAt} is null`),
    index('mailbox_sender_idx').on(
      t.ownerId,
      t.senderId,
      t.deliveredAt,
      t.messageId,
      t.deletedAt,
      t.archivedAt,
      t.readAt,
      t.priority,
      t.hasAttachments,
      t.receiptRequired,
      t.confirmedAt,
      t.expiresAt,
    ),
    index('mailbox_priority_idx').on(
      t.ownerId,
      t.priority,
      t.deliveredAt,
      t.messageId,
      t.deletedAt,
      t.archivedAt,
      t.readAt,
      t.receiptRequired,
      t.confirmedAt,
      t.expiresAt,
      t.hasAttachments,
      t.senderId,
    ),
    index('mailbox_starred_idx')
      .on(t.ownerId, t.deliveredAt, t.messageId)
      .where(sql`${t.starredAt} is not null and ${t.deletedAt} is null`),
    index('mailbox_mentioned_idx')
      .on(t.ownerId, t.deliveredAt, t.messageId)
      .where(sql`${t.mentioned} and ${t.deletedAt} is null`),
    index('mailbox_snoozed_idx')
      .on(t.ownerId, t.messageId)
      .where(sql`${t.snoozedUntil} is not null`),
    index('mailbox_snooze_due_idx')
      .on(t.snoozedUntil)
      .where(sql`${t.snoozedUntil} is not null`),
  ],
);

/**
 * The search document of a message. On PostgreSQL its text lives in this row (column `text`, kept by a trigger and
 * indexed with pg_trgm), both added by the hand-written migration as SQLite's FTS5 table is (docs/postgresql-plan.md
 * §4); drizzle never reads or writes that column.
 */
export const searchDocs = pgTable('search_docs', {
  id: int().primaryKey().generatedByDefaultAsIdentity(),
  messageId: text()
    .notNull()
    .unique()
    .references(() => messages.id, { onDelete: 'cascade' }),
});

export const sentState = pgTable(
  'sent_state',
  {
    senderId: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    archivedAt: int(),
    starredAt: int(),
  },
  (t) => [primaryKey({ columns: [t.senderId, t.messageId] })],
);
