// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { pgTable, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';

export const blobDeletions = pgTable('blob_deletions', {
  blobKey: text().primaryKey(),
  size: int().notNull(),
  queuedAt: int().notNull(),
});
