// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';

export const departments = pgTable(
  'departments',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    parentId: text().references((): AnyPgColumn => departments.id),
    path: text().notNull(),
    sortOrder: int().notNull().default(0),
    headMemberId: text(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId, t.sortOrder), index('departments_path_idx').on(t.path)],
);

export const positions = pgTable('positions', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  level: int().notNull().default(0),
  createdAt: int().notNull(),
});

export const members = pgTable(
  'members',
  {
    id: text().primaryKey(),
    employeeNo: text().notNull(),
    name: text().notNull(),
    email: text(),
    phone: text(),
    passwordHash: text(),
    mustChangePassword: boolean().notNull().default(false),
    disabled: boolean().notNull().default(false),
    isSuperAdmin: boolean().notNull().default(false),
    locale: text(),
    departmentId: text().references(() => departments.id),
    positionId: text().references(() => positions.id),
    searchText: text().notNull().default(''),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [
    // SQLite's `collate nocase` folds ASCII; lower() is PostgreSQL's case-insensitive key (docs/postgresql-plan.md §5).
    uniqueIndex('members_employee_no_idx').on(sql`lower(${t.employeeNo})`),
    uniqueIndex('members_email_idx')
      .on(t.email)
      .where(sql`${t.email} is not null`),
    index('members_department_idx').on(t.departmentId),
  ],
);

export const memberDepartments = pgTable(
  'member_departments',
  {
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    departmentId: text()
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.departmentId] }),
    index('member_departments_department_idx').on(t.departmentId),
  ],
);
