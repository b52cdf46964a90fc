import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const departments = sqliteTable(
  'departments',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    parentId: text().references((): AnySQLiteColumn => departments.id),
    /** Ids from the root down to this one, `/root/…/id/`: a subtree is `path LIKE '<path>%'`. */
    path: text().notNull(),
    sortOrder: integer().notNull().default(0),
    headMemberId: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId, t.sortOrder), index('departments_path_idx').on(t.path)],
);

export const positions = sqliteTable('positions', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  level: integer().notNull().default(0),
  createdAt: integer().notNull(),
});

export const members = sqliteTable(
  'members',
  {
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
    /** The primary department (approvals look up its head); further ones are in `member_departments`. */
    departmentId: text().references(() => departments.id),
    positionId: text().references(() => positions.id),
    /** Lower-case name, its pinyin (full and initials), employee number, e-mail and phone: what search matches. */
    searchText: text().notNull().default(''),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex('members_employee_no_idx').on(sql`${t.employeeNo} collate nocase`),
    uniqueIndex('members_email_idx')
      .on(t.email)
      .where(sql`${t.email} is not null`),
    index('members_department_idx').on(t.departmentId),
  ],
);

/** Departments a member belongs to besides the primary one. */
export const memberDepartments = sqliteTable(
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
