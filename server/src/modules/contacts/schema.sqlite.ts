import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../org/schema.sqlite.js';

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

export const CONTACT_NOTE_KINDS = ['call', 'meeting', 'agreement', 'note'] as const;
export type ContactNoteKind = (typeof CONTACT_NOTE_KINDS)[number];

/** What staff logged about a contact (issue 19 item 6, S5 记录沟通内容): a call, a meeting, an agreement. */
export const contactNotes = sqliteTable(
  'contact_notes',
  {
    id: text().primaryKey(),
    contactId: text()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    authorId: text()
      .notNull()
      .references(() => members.id),
    kind: text({ enum: CONTACT_NOTE_KINDS }).notNull(),
    text: text().notNull(),
    /** When the call or meeting took place (defaults to when it was logged). */
    occurredAt: integer().notNull(),
    createdAt: integer().notNull(),
    editedAt: integer(),
  },
  (t) => [index('contact_notes_contact_idx').on(t.contactId, t.occurredAt, t.id)],
);
