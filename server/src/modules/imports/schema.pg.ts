// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { int, jsonText } from '../../db/pg-columns.js';
import type { ImportCellError } from './schema.sqlite.js';

export const importBatches = pgTable(
  'import_batches',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['members', 'contacts'] }).notNull(),
    mode: text({ enum: ['add', 'upsert'] }).notNull(),
    status: text({ enum: ['validated', 'committed', 'discarded'] }).notNull(),
    fileName: text().notNull(),
    rowCount: int().notNull(),
    errorCount: int().notNull(),
    createdBy: text(),
    createdAt: int().notNull(),
    committedAt: int(),
    committedBy: text(),
    result: jsonText().$type<{ added: number; updated: number; skipped: number }>(),
  },
  (t) => [index('import_batches_created_idx').on(t.createdAt)],
);

export const importRows = pgTable(
  'import_rows',
  {
    batchId: text()
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    rowNo: int().notNull(),
    data: jsonText().$type<Record<string, string>>().notNull(),
    errors: jsonText().$type<ImportCellError[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNo] })],
);
