// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';

export const groups = pgTable(
  'groups',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    description: text(),
    endsAt: int(),
    createdBy: text(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [index('groups_ends_at_idx').on(t.endsAt), index('groups_name_idx').on(t.name, t.id)],
);

export const groupEntries = pgTable(
  'group_entries',
  {
    id: text().primaryKey(),
    groupId: text()
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['member', 'department', 'contact'] }).notNull(),
    targetId: text().notNull(),
    includeSubdepartments: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('group_entries_unique_idx').on(t.groupId, t.kind, t.targetId)],
);
