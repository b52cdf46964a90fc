import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../org/schema.sqlite.js';

/**
 * A member's new e-mail address or phone number waiting for its code (issue 20 item 7): the change takes effect only
 * when the code sent to `value` comes back. One per member and kind (a new request replaces the old); deleted when
 * used. The code is stored as a SHA-256 of `<id>.<code>`, never in clear.
 */
export const profileVerifications = sqliteTable(
  'profile_verifications',
  {
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['email', 'phone'] }).notNull(),
    id: text().notNull(),
    value: text().notNull(),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: integer().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.kind] })],
);
