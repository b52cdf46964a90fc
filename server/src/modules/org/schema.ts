import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const departments = sqliteTable('departments', {
  id: text().primaryKey(),
  name: text().notNull(),
  parentId: text().references((): AnySQLiteColumn => departments.id),
  sortOrder: integer().notNull().default(0),
  headMemberId: text(),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
}, (t) => [index('departments_parent_idx').on(t.parentId, t.sortOrder)]);

export const positions = sqliteTable('positions', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  level: integer().notNull().default(0),
  createdAt: integer().notNull(),
});

export const members = sqliteTable('members', {
  id: text().primaryKey(),
  employeeNo: text().notNull(),
  name: text().notNull(),
  /** Stored lower-case; sign-in by e-mail compares lower-case. */
  email: text(),
  phone: text(),
  passwordHash: text(),
  mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
  disabled: integer({ mode: 'boolean' }).notNull().default(false),
  isSuperAdmin: integer({ mode: 'boolean' }).notNull().default(false),
  locale: text(),
  departmentId: text().references(() => departments.id),
  positionId: text().references(() => positions.id),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
}, (t) => [
  uniqueIndex('members_employee_no_idx').on(sql`${t.employeeNo} collate nocase`),
  uniqueIndex('members_email_idx').on(t.email).where(sql`${t.email} is not null`),
  index('members_department_idx').on(t.departmentId),
]);
