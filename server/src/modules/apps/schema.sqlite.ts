import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Permission } from '../auth/permissions.js';

/** Whom an embed app's tokens may name: external contacts (a customer portal), members (an intranet), or both. */
export const EMBED_AUDIENCES = ['contacts', 'members', 'both'] as const;
export type EmbedAudience = (typeof EMBED_AUDIENCES)[number];

/** A host site that embeds the widgets and mints tokens for its users with `secret` (HS256). */
export const embedApps = sqliteTable('embed_apps', {
  id: text().primaryKey(),
  name: text().notNull(),
  origins: text({ mode: 'json' }).$type<string[]>().notNull(),
  /** Existing apps become contacts-only on upgrade: an app that speaks for members is a super admin's to allow. */
  audience: text().$type<EmbedAudience>().notNull().default('contacts'),
  /** Members only from these department subtrees; null: from the whole organisation. */
  departmentIds: text({ mode: 'json' }).$type<string[]>(),
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
  /** May send on behalf of a member it names (`onBehalfOf`): a super admin's to allow, like a members embed app. */
  sendAsMembers: integer({ mode: 'boolean' }).notNull().default(false),
});
