import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Permission } from '../auth/permissions.js';

/** A host site that embeds the widgets and mints tokens for its users with `secret` (HS256). */
export const embedApps = sqliteTable('embed_apps', {
  id: text().primaryKey(),
  name: text().notNull(),
  origins: text({ mode: 'json' }).$type<string[]>().notNull(),
  secret: text().notNull(),
  tokenMaxAgeSeconds: integer().notNull().default(900),
  disabled: integer({ mode: 'boolean' }).notNull().default(false),
  createdAt: integer().notNull(),
  createdBy: text(),
});

/** Server-to-server credentials. Only a SHA-256 of the (high-entropy) secret is kept. */
export const apiKeys = sqliteTable('api_keys', {
  id: text().primaryKey(),
  name: text().notNull(),
  secretHash: text().notNull(),
  permissions: text({ mode: 'json' }).$type<Permission[]>().notNull(),
  createdAt: integer().notNull(),
  createdBy: text(),
  lastUsedAt: integer(),
  revokedAt: integer(),
});
