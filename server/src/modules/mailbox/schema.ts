import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { messages, PRIORITIES } from '../messages/schema.js';

export const PROGRESS = ['not-started', 'in-progress', 'done'] as const;
export type Progress = (typeof PROGRESS)[number];

/**
 * One person's copy of a delivered message: written for every resolved recipient when the message is delivered,
 * so later org changes never rewrite who received it. `priority` and `expiresAt` are copied for the inbox's indexes.
 */
export const mailbox = sqliteTable('mailbox', {
  messageId: text().notNull().references(() => messages.id, { onDelete: 'cascade' }),
  ownerKind: text({ enum: ['member', 'contact'] }).notNull(),
  ownerId: text().notNull(),
  threadId: text().notNull(),
  priority: text({ enum: PRIORITIES }).notNull(),
  deliveredAt: integer().notNull(),
  expiresAt: integer(),
  readAt: integer(),
  confirmedAt: integer(),
  progress: text({ enum: PROGRESS }),
  progressNote: text(),
  progressAt: integer(),
  archivedAt: integer(),
  deletedAt: integer(),
}, (t) => [
  primaryKey({ columns: [t.messageId, t.ownerId] }),
  index('mailbox_owner_idx').on(t.ownerId, t.deliveredAt, t.messageId),
  // Replies reach everyone in a thread, and "does a contact take part" is asked per reply.
  index('mailbox_thread_idx').on(t.threadId, t.ownerKind),
]);
