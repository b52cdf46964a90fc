// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import { MESSAGE_KINDS, PRIORITIES } from '../messages/schema.js';
import type { CheckedAudience } from '../messages/recipients.js';
import { TEMPLATE_SCOPES } from './schema.sqlite.js';

export const messageTemplates = pgTable(
  'message_templates',
  {
    id: text().primaryKey(),
    scope: text({ enum: TEMPLATE_SCOPES }).notNull(),
    ownerId: text(),
    departmentIds: jsonText()
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    name: text().notNull(),
    subject: text().notNull(),
    body: jsonText().notNull(),
    bodyText: text().notNull().default(''),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    priority: text({ enum: PRIORITIES }).notNull().default('normal'),
    receiptRequired: boolean().notNull().default(false),
    expiresInMinutes: int(),
    dueInMinutes: int(),
    audience: jsonText()
      .$type<CheckedAudience[]>()
      .notNull()
      .default(sql`'[]'`),
    searchText: text().notNull().default(''),
    createdBy: text().notNull(),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [index('message_templates_owner_idx').on(t.scope, t.ownerId, t.name)],
);
