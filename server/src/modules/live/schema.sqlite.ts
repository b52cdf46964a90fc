import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What someone must hear of, in commit order; the live stream tails it by `seq`. */
export const events = sqliteTable(
  'events',
  {
    seq: integer().primaryKey({ autoIncrement: true }),
    at: integer().notNull(),
    audienceKind: text({ enum: ['member', 'contact'] }).notNull(),
    audienceId: text().notNull(),
    type: text().notNull(),
    payload: text({ mode: 'json' }).notNull(),
  },
  (t) => [index('events_audience_idx').on(t.audienceKind, t.audienceId, t.seq)],
);
