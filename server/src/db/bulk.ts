import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { ENGINE } from './engine.js';
import { pgDialect } from './pg/dialect.js';

/**
 * Rows per set-based statement (issue 15: no stalls). Big enough that a statement's fixed cost disappears, small
 * enough that one statement stays a few milliseconds of CPU: `pace()` can then give the event loop its turns
 * between statements of one transaction.
 */
export const BULK_ROWS = 250;

export function chunks<T>(list: readonly T[], size = BULK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A cell of a bulk row: what SQLite stores as is (a JSON column takes its text, a boolean 0 or 1). */
export type BulkCell = string | number | null;

/**
 * The rows of one statement as a table: `select j.value ->> 0 as c0, … from json_each(?)`, the rows sent as one JSON
 * array of arrays. SQLite parses it in C, so the SQL text is the same for every chunk whatever its size (one
 * parameter, prepared once) and no query builder walks 250 × 13 parameters — that walk cost more than the insert.
 */
export function jsonRows(columns: number, rows: readonly BulkCell[][]): SQL {
  const picks = Array.from({ length: columns }, (_, i) => `j.value ->> ${i} as c${i}`).join(', ');
  return sql`(select ${sql.raw(picks)} from json_each(${JSON.stringify(rows)}) as j)`;
}

/**
 * `INSERT INTO table (columns) SELECT … FROM json_each(?)`, `BULK_ROWS` rows a statement: inside a transaction the
 * event loop turns between the statements, and the transaction still commits them all or none.
 * `table` and `columns` are SQL names written in code, never input.
 */
export async function insertRows(
  db: DbOrTx,
  table: string,
  columns: readonly string[],
  rows: readonly BulkCell[][],
  tail = '',
): Promise<void> {
  if (ENGINE === 'pg') return pgInsertRows(db, table, columns, rows, tail);
  const picks = columns.map((_, i) => `c${i}`).join(', ');
  for (const part of chunks(rows)) {
    await db.run(sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))})
      select ${sql.raw(picks)} from ${jsonRows(columns.length, part)} where true ${sql.raw(tail)}`);
  }
}

/**
 * PostgreSQL (issue 18): the rows go as one JSON array of objects, read by `jsonb_populate_recordset` with the table's
 * own row type, so every cell takes its column's type without the callers naming them (text stays text — a JSON
 * column's text included —, numbers become bigint, SQLite's 0/1 become booleans).
 */
async function pgInsertRows(
  db: DbOrTx,
  table: string,
  columns: readonly string[],
  rows: readonly BulkCell[][],
  tail: string,
): Promise<void> {
  const names = columns.join(', ');
  for (const part of chunks(rows)) {
    const objects = part.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
    await pgDialect.run(
      db,
      sql`insert into ${sql.raw(table)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_populate_recordset(null::${sql.raw(table)}, ${JSON.stringify(objects)}::jsonb)
      where true ${sql.raw(tail)}`,
    );
  }
}
