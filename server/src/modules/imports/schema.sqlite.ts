import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export type ImportCellError = { field: string; code: string; message: string };

/** One uploaded file (R3): validated rows wait here until the admin confirms (once) or discards them. */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['members', 'contacts'] }).notNull(),
    mode: text({ enum: ['add', 'upsert'] }).notNull(),
    status: text({ enum: ['validated', 'committed', 'discarded'] }).notNull(),
    fileName: text().notNull(),
    rowCount: integer().notNull(),
    errorCount: integer().notNull(),
    createdBy: text(),
    createdAt: integer().notNull(),
    committedAt: integer(),
    committedBy: text(),
    result: text({ mode: 'json' }).$type<{ added: number; updated: number; skipped: number }>(),
  },
  (t) => [index('import_batches_created_idx').on(t.createdAt)],
);

export const importRows = sqliteTable(
  'import_rows',
  {
    batchId: text()
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    /** The row's number in the sheet (1 = the header), so errors point at the cell the admin sees. */
    rowNo: integer().notNull(),
    data: text({ mode: 'json' }).$type<Record<string, string>>().notNull(),
    errors: text({ mode: 'json' }).$type<ImportCellError[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNo] })],
);
