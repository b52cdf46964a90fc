// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import type { CheckedLink } from './schema.sqlite.js';
import { AUDIENCE_KINDS, MESSAGE_KINDS, MESSAGE_STATUSES, PRIORITIES, PURGE_REASONS } from './schema.sqlite.js';

export const messages = pgTable(
  'messages',
  {
    id: text().primaryKey(),
    threadId: text().notNull(),
    parentId: text(),
    senderKind: text({ enum: ['member', 'contact', 'api-key'] }).notNull(),
    senderId: text().notNull(),
    senderDepartmentId: text(),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    priority: text({ enum: PRIORITIES }).notNull().default('normal'),
    subject: text().notNull(),
    body: jsonText().notNull(),
    bodyText: text().notNull().default(''),
    preview: text().notNull().default(''),
    links: jsonText()
      .$type<CheckedLink[]>()
      .notNull()
      .default(sql`'[]'`),
    receiptRequired: boolean().notNull().default(false),
    expiresInMs: int(),
    expiresAt: int(),
    dueAt: int(),
    status: text({ enum: MESSAGE_STATUSES }).notNull(),
    recipientCount: int().notNull().default(0),
    deliveredAt: int(),
    revision: int().notNull().default(1),
    editedAt: int(),
    recalledAt: int(),
    recalledBy: text(),
    deletedAt: int(),
    deletedBy: text(),
    remindedAt: int(),
    expirySweptAt: int(),
    purgedAt: int(),
    purgeReason: text({ enum: PURGE_REASONS }),
    idempotencyKey: text(),
    requestHash: text(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
    scheduledAt: int(),
    forwardOf: text(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_idx')
      .on(t.senderId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('messages_sender_idx').on(t.senderId, t.createdAt, t.id),
    index('messages_thread_idx').on(t.threadId, t.createdAt),
    index('messages_delivered_idx').on(t.deliveredAt),
    index('messages_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null and ${t.expirySweptAt} is null`),
    index('messages_purge_expired_idx')
      .on(t.expiresAt, t.id)
      .where(sql`${t.expiresAt} is not null and ${t.purgedAt} is null`),
    index('messages_retention_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.purgedAt} is null`),
    index('messages_scheduled_idx')
      .on(t.scheduledAt, t.id)
      .where(sql`${t.status} = 'scheduled' and ${t.deletedAt} is null`),
  ],
);

export const messageAudience = pgTable(
  'message_audience',
  {
    id: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    kind: text({ enum: AUDIENCE_KINDS }).notNull(),
    targetId: text().notNull(),
    includeSubdepartments: boolean().notNull().default(true),
    label: text().notNull(),
    resolvedCount: int().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.id] })],
);

export const messageRevisions = pgTable(
  'message_revisions',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    revision: int().notNull(),
    subject: text().notNull(),
    body: jsonText().notNull(),
    bodyText: text().notNull(),
    replacedBy: text(),
    createdAt: int().notNull(),
  },
  (t) => [uniqueIndex('message_revisions_idx').on(t.messageId, t.revision)],
);

export const drafts = pgTable(
  'drafts',
  {
    id: text().primaryKey(),
    ownerId: text().notNull(),
    data: jsonText().notNull(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [index('drafts_owner_idx').on(t.ownerId, t.updatedAt)],
);
