import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const CONVERSATION_STATUSES = ['open', 'waiting', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const CONVERSATION_TARGETS = ['owner', 'group'] as const;
export type ConversationTarget = (typeof CONVERSATION_TARGETS)[number];

/**
 * A conversation a customer opened from the portal (issue 19 item 5, S7). Its messages are an ordinary thread (`id` is
 * the thread's first message); this row is the queue's state: who it went to, its status and its assignee.
 */
export const customerConversations = sqliteTable(
  'customer_conversations',
  {
    id: text().primaryKey(),
    contactId: text().notNull(),
    target: text({ enum: CONVERSATION_TARGETS }).notNull(),
    /** The service group it was addressed to (`target` group); null when it went to the contact's owner. */
    groupId: text(),
    /** The member it was addressed to when it went to the owner (the owner may change later). */
    ownerMemberId: text(),
    subject: text().notNull(),
    status: text({ enum: CONVERSATION_STATUSES }).notNull().default('open'),
    assigneeId: text(),
    openedAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index('customer_conversations_contact_idx').on(t.contactId, t.updatedAt),
    index('customer_conversations_status_idx').on(t.status, t.updatedAt),
  ],
);
