// PostgreSQL twin of ./schema.ts (issue 18): same tables, keys and indexes; db/schema-parity.test.ts keeps them alike.
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { CONVERSATION_STATUSES, CONVERSATION_TARGETS } from './schema.sqlite.js';

export const customerConversations = pgTable(
  'customer_conversations',
  {
    id: text().primaryKey(),
    contactId: text().notNull(),
    target: text({ enum: CONVERSATION_TARGETS }).notNull(),
    groupId: text(),
    ownerMemberId: text(),
    subject: text().notNull(),
    status: text({ enum: CONVERSATION_STATUSES }).notNull().default('open'),
    assigneeId: text(),
    openedAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [
    index('customer_conversations_contact_idx').on(t.contactId, t.updatedAt),
    index('customer_conversations_status_idx').on(t.status, t.updatedAt),
  ],
);
