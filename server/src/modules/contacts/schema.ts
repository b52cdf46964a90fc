import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../org/schema.js';

/** External customers and partners (R7); they reach Herald only through an embed token. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['customer', 'partner'] }).notNull(),
    name: text().notNull(),
    company: text(),
    title: text(),
    email: text(),
    phone: text(),
    ownerMemberId: text().references(() => members.id),
    locale: text(),
    tags: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    /** May sign in to the customer portal (an embed token with subject `contact:<id>`). */
    portalEnabled: integer({ mode: 'boolean' }).notNull().default(false),
    searchText: text().notNull().default(''),
    disabled: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index('contacts_owner_idx').on(t.ownerMemberId),
    index('contacts_name_idx').on(t.name, t.id),
    index('contacts_email_idx').on(sql`lower(${t.email})`),
  ],
);
