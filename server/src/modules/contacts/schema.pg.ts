// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import { members } from '../org/schema.pg.js';
import { CONTACT_NOTE_KINDS } from './schema.sqlite.js';

export const contacts = pgTable(
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
    tags: jsonText()
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    portalEnabled: boolean().notNull().default(false),
    searchText: text().notNull().default(''),
    disabled: boolean().notNull().default(false),
    createdAt: int().notNull(),
    updatedAt: int().notNull(),
  },
  (t) => [
    index('contacts_owner_idx').on(t.ownerMemberId),
    index('contacts_name_idx').on(t.name, t.id),
    index('contacts_email_idx').on(sql`lower(${t.email})`),
  ],
);

export const contactNotes = pgTable(
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
    occurredAt: int().notNull(),
    createdAt: int().notNull(),
    editedAt: int(),
  },
  (t) => [index('contact_notes_contact_idx').on(t.contactId, t.occurredAt, t.id)],
);
