// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import type { Permission } from '../auth/permissions.js';
import type { EmbedAudience } from './schema.sqlite.js';

export const embedApps = pgTable('embed_apps', {
  id: text().primaryKey(),
  name: text().notNull(),
  origins: jsonText().$type<string[]>().notNull(),
  audience: text().$type<EmbedAudience>().notNull().default('contacts'),
  departmentIds: jsonText().$type<string[]>(),
  secret: text().notNull(),
  tokenMaxAgeSeconds: int().notNull().default(900),
  disabled: boolean().notNull().default(false),
  createdAt: int().notNull(),
  createdBy: text(),
});

export const apiKeys = pgTable('api_keys', {
  id: text().primaryKey(),
  name: text().notNull(),
  secretHash: text().notNull(),
  permissions: jsonText().$type<Permission[]>().notNull(),
  createdAt: int().notNull(),
  createdBy: text(),
  lastUsedAt: int(),
  revokedAt: int(),
  sendAsMembers: boolean().notNull().default(false),
});
