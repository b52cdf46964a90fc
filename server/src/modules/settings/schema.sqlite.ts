import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Organisation-wide settings an admin changes at run time, one JSON value per key (`messaging`, …). */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
  updatedBy: text(),
  updatedAt: integer().notNull(),
});
