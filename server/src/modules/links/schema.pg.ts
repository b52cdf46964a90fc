// PostgreSQL twin of ./schema.ts (issue 18): same tables, keys and indexes; db/schema-parity.test.ts keeps them alike.
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { contacts } from '../contacts/schema.pg.js';
import { messages } from '../messages/schema.pg.js';

export const contactLinks = pgTable(
  'contact_links',
  {
    id: text().primaryKey(),
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    contactId: text()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    createdAt: int().notNull(),
    expiresAt: int().notNull(),
    usedAt: int(),
    sessionHash: text(),
    sessionExpiresAt: int(),
    revokedAt: int(),
    revokedBy: text(),
  },
  (t) => [index('contact_links_message_idx').on(t.messageId, t.contactId)],
);
