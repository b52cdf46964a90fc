import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from '../contacts/schema.sqlite.js';
import { messages } from '../messages/schema.sqlite.js';

/**
 * Issue 19 item 4: a link e-mailed to a contact without portal access, to read one conversation and reply without an
 * account (docs/architecture.md "Contact links"). Only hashes are kept: the URL token (`tokenHash`), dead once used,
 * and the cookie of the short session it was exchanged for (`sessionHash`). Revoked by the message's sender.
 */
export const contactLinks = sqliteTable(
  'contact_links',
  {
    id: text().primaryKey(),
    /** The message the e-mail was about; the page shows its thread. */
    messageId: text()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    contactId: text()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    createdAt: integer().notNull(),
    /** The link may be opened until then (once); its file links expire then too. */
    expiresAt: integer().notNull(),
    usedAt: integer(),
    sessionHash: text(),
    sessionExpiresAt: integer(),
    revokedAt: integer(),
    revokedBy: text(),
  },
  (t) => [index('contact_links_message_idx').on(t.messageId, t.contactId)],
);
