import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tags } from '../tags/schema.sqlite.js';

/**
 * A message published to the knowledge space (issue 19 #7, S4 知识库): readable, with its attachments, by everyone
 * (`everyone`) or by the members of `knowledge_departments`' subtrees — whoever joins later included. It points at
 * the message (its current revision is what readers see) and lives until it is unpublished; recalling or deleting
 * the message unpublishes it (docs/architecture.md "Knowledge space").
 */
export const knowledgeItems = sqliteTable(
  'knowledge_items',
  {
    id: text().primaryKey(),
    messageId: text().notNull(),
    publishedBy: text().notNull(),
    /** True: the whole organisation; false: the departments in `knowledge_departments` (with their subtrees). */
    everyone: integer({ mode: 'boolean' }).notNull(),
    publishedAt: integer().notNull(),
  },
  (t) => [
    // A message is published once (publishing again changes its reach and tags).
    uniqueIndex('knowledge_items_message_idx').on(t.messageId),
    index('knowledge_items_published_idx').on(t.publishedAt, t.id),
  ],
);

/** The departments a knowledge item is published to (each with its subtree). */
export const knowledgeDepartments = sqliteTable(
  'knowledge_departments',
  {
    itemId: text()
      .notNull()
      .references(() => knowledgeItems.id, { onDelete: 'cascade' }),
    departmentId: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.departmentId] }),
    index('knowledge_departments_dept_idx').on(t.departmentId),
  ],
);

/** The organisation tags a knowledge item is filed under (found by tag in the Knowledge view). */
export const knowledgeTags = sqliteTable(
  'knowledge_tags',
  {
    itemId: text()
      .notNull()
      .references(() => knowledgeItems.id, { onDelete: 'cascade' }),
    tagId: text()
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.tagId] }), index('knowledge_tags_tag_idx').on(t.tagId)],
);
