import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { messages } from '../messages/schema.sqlite.js';

/**
 * A tag (R11): an organisation tag (`ownerId` null; the shared tree managed with `message.manage`) or a personal tag
 * of one mailbox owner (member or contact). Tags nest to any depth through `parentId` (项目 › 项目A › 需求沟通).
 */
export const tags = sqliteTable(
  'tags',
  {
    id: text().primaryKey(),
    ownerId: text(),
    parentId: text().references((): AnySQLiteColumn => tags.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    color: text(),
    position: integer().notNull().default(0),
    createdBy: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    // Siblings have distinct names (case-insensitive); null owner/parent compare equal through coalesce.
    uniqueIndex('tags_sibling_name_idx').on(
      sql`coalesce(${t.ownerId}, '')`,
      sql`coalesce(${t.parentId}, '')`,
      sql`${t.name} collate nocase`,
    ),
    index('tags_parent_idx').on(t.parentId),
  ],
);

/**
 * A tag on one person's copy of a message (R12): tagging is per mailbox, so my tags never show in your inbox.
 * `deliveredAt` is copied from the mailbox entry: the tag filter matches entries on it (mailbox/tagged.ts), so it must
 * equal the entry's.
 */
export const mailboxTags = sqliteTable(
  'mailbox_tags',
  {
    ownerId: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    tagId: text()
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    deliveredAt: integer().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.messageId, t.tagId] }),
    index('mailbox_tags_view_idx').on(t.ownerId, t.tagId, t.deliveredAt, t.messageId),
    index('mailbox_tags_tag_idx').on(t.tagId),
    // A message's assignments, whoever made them: the retention purge spares tagged messages (a batch of ten walked
    // every assignment: 7 ms per 100,000) and a message's deletion cascades to them.
    index('mailbox_tags_message_idx').on(t.messageId),
  ],
);
