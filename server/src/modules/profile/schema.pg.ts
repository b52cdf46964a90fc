// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';
import { members } from '../org/schema.pg.js';

export const profileVerifications = pgTable(
  'profile_verifications',
  {
    memberId: text()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['email', 'phone'] }).notNull(),
    id: text().notNull(),
    value: text().notNull(),
    codeHash: text().notNull(),
    attempts: int().notNull().default(0),
    expiresAt: int().notNull(),
    createdAt: int().notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.kind] })],
);
