// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';

/** `seq` is an identity (by default, so a data move may copy the numbers); SQLite's AUTOINCREMENT. */
export const events = pgTable(
  'events',
  {
    seq: int().primaryKey().generatedByDefaultAsIdentity(),
    at: int().notNull(),
    audienceKind: text({ enum: ['member', 'contact'] }).notNull(),
    audienceId: text().notNull(),
    type: text().notNull(),
    payload: jsonText().notNull(),
  },
  (t) => [index('events_audience_idx').on(t.audienceKind, t.audienceId, t.seq)],
);
