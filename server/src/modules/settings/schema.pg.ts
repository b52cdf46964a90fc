// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { pgTable, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonText().notNull(),
  updatedBy: text(),
  updatedAt: int().notNull(),
});
