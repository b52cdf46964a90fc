import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { messages, PRIORITIES } from '../messages/schema.sqlite.js';

export const PROGRESS = ['not-started', 'in-progress', 'done'] as const;
export type Progress = (typeof PROGRESS)[number];

/**
 * One person's copy of a delivered message: written for every resolved recipient when the message is delivered,
 * so later org changes never rewrite who received it. `priority` and `expiresAt` are copied for the inbox's indexes.
 */
export const mailbox = sqliteTable(
  'mailbox',
  {
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    ownerKind: text({ enum: ['member', 'contact'] }).notNull(),
    ownerId: text().notNull(),
    threadId: text().notNull(),
    /** Copied from the message at delivery, so that every inbox filter is answered from this table's indexes. */
    senderId: text().notNull().default(''),
    priority: text({ enum: PRIORITIES }).notNull(),
    receiptRequired: integer({ mode: 'boolean' }).notNull().default(false),
    hasAttachments: integer({ mode: 'boolean' }).notNull().default(false),
    deliveredAt: integer().notNull(),
    expiresAt: integer(),
    readAt: integer(),
    confirmedAt: integer(),
    progress: text({ enum: PROGRESS }),
    progressNote: text(),
    progressAt: integer(),
    archivedAt: integer(),
    deletedAt: integer(),
    /** Issue 20 #3: the owner starred the entry (the Starred view, `is:starred`). */
    starredAt: integer(),
    /**
     * Issue 20 #3: snoozed until this time. A snoozed entry is archived (`archivedAt`) so it leaves the inbox, its
     * counts and its kept pages through what archiving already moves; the snooze sweep (snooze.ts) brings it back.
     */
    snoozedUntil: integer(),
    /** Issue 19 #3: the message's body mentions the owner (set at delivery; the Mentions view and its count). */
    mentioned: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.ownerId] }),
    // The listing's keyset order; covering every filter column, so views, flags, dates and the total (a count over
    // up to the whole mailbox) never read table rows (bench/mailbox.bench.ts; docs/architecture.md "Inbox indexes").
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
    // Replies reach everyone in a thread, and "does a contact take part" is asked per reply.
    index('mailbox_thread_idx').on(t.threadId, t.ownerKind),
    // The unread count and the "unread" filter (R13, <herald-unread-badge>): ~10% of a mailbox, covering.
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
    // A sender's or a priority's entries page in order and count without walking the whole mailbox, covering the
    // views and every other filter column: without planner statistics SQLite prefers a covering index, so a
    // filter these did not cover ("unread from this sender") walked mailbox_owner_idx instead (13–14 ms per 100,000).
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
    // Issue 20 #3: the Starred view and `is:starred` page a member's few starred entries without walking the rest.
    index('mailbox_starred_idx')
      .on(t.ownerId, t.deliveredAt, t.messageId)
      .where(sql`${t.starredAt} is not null and ${t.deletedAt} is null`),
    // The Snoozed view and Archived (which leaves snoozed entries out) read a member's few snoozed entries; the sweep
    // finds those due.
    index('mailbox_snoozed_idx')
      .on(t.ownerId, t.messageId)
      .where(sql`${t.snoozedUntil} is not null`),
    index('mailbox_snooze_due_idx')
      .on(t.snoozedUntil)
      .where(sql`${t.snoozedUntil} is not null`),
    // Issue 19 #3: the Mentions view pages, and its count counts, a member's few mentions without walking the rest.
    index('mailbox_mentioned_idx')
      .on(t.ownerId, t.deliveredAt, t.messageId)
      .where(sql`${t.mentioned} = 1 and ${t.deletedAt} is null`),
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
  ],
);

/**
 * The full-text index (R13, S4) is an FTS5 table with the trigram tokenizer (`message_search`, created in the
 * migration: drizzle has no virtual tables), so Chinese is found by substring like English. Its rowid is this
 * table's id, because a message's own rowid may change on VACUUM.
 */
export const searchDocs = sqliteTable('search_docs', {
  id: integer().primaryKey({ autoIncrement: true }),
  messageId: text()
    .notNull()
    .unique()
    .references(() => messages.id, { onDelete: 'cascade' }),
});

/**
 * Issue 19 #9: a sender's own state on a message they sent and did not receive (archived, starred), created on the
 * first archive or star from the Sent view — never on send, so sending writes nothing more for a state that is set
 * rarely. A message the sender also received (sent to oneself) keeps its one state on the sender's mailbox entry
 * instead, and a sender's tags are `mailbox_tags` rows of theirs in both cases (docs/architecture.md "Sent state").
 */
export const sentState = sqliteTable(
  'sent_state',
  {
    senderId: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    archivedAt: integer(),
    starredAt: integer(),
  },
  (t) => [primaryKey({ columns: [t.senderId, t.messageId] })],
);
