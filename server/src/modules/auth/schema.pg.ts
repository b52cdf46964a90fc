// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import { departments, members } from '../org/schema.pg.js';
import type { Permission } from './permissions.js';

export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: int().notNull(),
    expiresAt: int().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_member_idx').on(t.memberId)],
);

export const signInThrottle = pgTable('sign_in_throttle', {
  key: text().primaryKey(),
  failures: int().notNull(),
  windowStartedAt: int().notNull(),
  lockedUntil: int().notNull().default(0),
});

export const roles = pgTable(
  'roles',
  {
    id: text().primaryKey(),
    builtinKey: text(),
    name: text().notNull(),
    permissions: jsonText().$type<Permission[]>().notNull(),
    createdAt: int().notNull(),
  },
  (t) => [uniqueIndex('roles_builtin_key_idx').on(t.builtinKey)],
);

export const roleGrants = pgTable(
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
    createdAt: int().notNull(),
  },
  (t) => [index('role_grants_member_idx').on(t.memberId), index('role_grants_role_idx').on(t.roleId)],
);
