import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A named set of recipients; a temporary one (S9) has `endsAt` and leaves the pickers after it. */
export const groups = sqliteTable(
  'groups',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    description: text(),
    endsAt: integer(),
    createdBy: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('groups_ends_at_idx').on(t.endsAt), index('groups_name_idx').on(t.name, t.id)],
);

/** One entry of a group: a member, a department (optionally with its sub-departments) or a contact. */
export const groupEntries = sqliteTable(
  'group_entries',
  {
    id: text().primaryKey(),
    groupId: text()
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['member', 'department', 'contact'] }).notNull(),
    targetId: text().notNull(),
    includeSubdepartments: integer({ mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('group_entries_unique_idx').on(t.groupId, t.kind, t.targetId)],
);
