import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { MESSAGE_KINDS, PRIORITIES } from '../messages/schema.sqlite.js';
import type { CheckedAudience } from '../messages/recipients.js';

export const TEMPLATE_SCOPES = ['organisation', 'personal'] as const;
export type TemplateScope = (typeof TEMPLATE_SCOPES)[number];

/**
 * A message template (issue 19, 规范化模板): an organisation's (managed with `message.manage`, seen by everyone or by
 * the members of `departmentIds`' subtrees) or a member's own. The body is a checked rich-text document, like a
 * message's; `{{name}}`, `{{date}}` and `{{due}}` in it are filled per recipient (templates/placeholders.ts).
 */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: text().primaryKey(),
    scope: text({ enum: TEMPLATE_SCOPES }).notNull(),
    /** Personal: the owner. Organisation: null. */
    ownerId: text(),
    /** Organisation templates only: the departments (with their subtrees) whose members see it; empty: everyone. */
    departmentIds: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    name: text().notNull(),
    subject: text().notNull(),
    body: text({ mode: 'json' }).notNull(),
    bodyText: text().notNull().default(''),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    priority: text({ enum: PRIORITIES }).notNull().default('normal'),
    receiptRequired: integer({ mode: 'boolean' }).notNull().default(false),
    expiresInMinutes: integer(),
    /** The due date a message made from it gets, counted from the moment it is used. */
    dueInMinutes: integer(),
    audience: text({ mode: 'json' }).$type<CheckedAudience[]>().notNull().default([]),
    /** Name and subject with their pinyin (what the picker's search matches, like the recipient picker's). */
    searchText: text().notNull().default(''),
    createdBy: text().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('message_templates_owner_idx').on(t.scope, t.ownerId, t.name)],
);
