// PostgreSQL twin of ./schema.ts (issue 18): same tables, keys and indexes; db/schema-parity.test.ts keeps them alike.
import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { tags } from '../tags/schema.pg.js';

export const knowledgeItems = pgTable(
  'knowledge_items',
  {
    id: text().primaryKey(),
    messageId: text().notNull(),
    publishedBy: text().notNull(),
    everyone: boolean().notNull(),
    publishedAt: int().notNull(),
  },
  (t) => [
    uniqueIndex('knowledge_items_message_idx').on(t.messageId),
    index('knowledge_items_published_idx').on(t.publishedAt, t.id),
  ],
);

export const knowledgeDepartments = pgTable(
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

export const knowledgeTags = pgTable(
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
