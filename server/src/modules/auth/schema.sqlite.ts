import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { departments, members } from '../org/schema.sqlite.js';
import type { Permission } from './permissions.js';

/** A signed-in browser. The id is the SHA-256 of the cookie's token, so a leaked table grants nothing. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text().primaryKey(),
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_member_idx').on(t.memberId)],
);

/** Failed sign-ins per account and per address, shared by every server process on the database. */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: integer().notNull(),
  lockedUntil: integer().notNull().default(0),
});

export const roles = sqliteTable(
  'roles',
  {
    id: text().primaryKey(),
    /** Set for built-in roles (`super-admin`, `sender` …), null for custom ones. */
    builtinKey: text(),
    name: text().notNull(),
    permissions: text({ mode: 'json' }).$type<Permission[]>().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex('roles_builtin_key_idx').on(t.builtinKey)],
);

/** A role held by a member, optionally limited to a department subtree. */
export const roleGrants = sqliteTable(
  'role_grants',
  {
    id: text().primaryKey(),
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    roleId: text()
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    departmentId: text().references(() => departments.id, { onDelete: 'cascade' }),
    createdAt: integer().notNull(),
  },
  (t) => [index('role_grants_member_idx').on(t.memberId), index('role_grants_role_idx').on(t.roleId)],
);
