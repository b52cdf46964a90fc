// The few SQL forms with no spelling both engines accept (issue 18, docs/postgresql-plan.md "The seam"). Services
// write neutral SQL everywhere else and call these helpers here; the SQLite implementation is in sqlite/dialect.ts,
// the PostgreSQL one in pg/dialect.ts.
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { BulkCell } from './bulk.js';
import type { DbOrTx } from './client.js';
import { ENGINE } from './engine.js';
import { pgDialect } from './pg/dialect.js';
import { sqliteDialect } from './sqlite/dialect.js';

/** A bulk row cell's type, which PostgreSQL needs to read JSON rows back (text has no implicit cast to bigint). */
export type ColType = 'text' | 'int' | 'bool';

export interface Dialect {
  /** Rows of a raw statement (SQLite: `db.all`; PostgreSQL: `execute().rows`). */
  all<T>(db: DbOrTx, q: SQL): Promise<T[]>;
  /** A raw statement's affected rows (SQLite: `rowsAffected`; PostgreSQL: `rowCount`). */
  run(db: DbOrTx, q: SQL): Promise<{ rowsAffected: number }>;
  /** The strings of a JSON array as a one-column subquery `(select value …)`, for `x in …`. */
  jsonValues(json: string): SQL;
  /** Rows sent as one JSON array of arrays, as a table with columns c0, c1 … (db/bulk.ts). */
  jsonRows(cols: readonly ColType[], rows: readonly BulkCell[][]): SQL;
  /** A JSON object as text, from alternating key and value expressions. */
  jsonObject(...kv: SQL[]): SQL;
  /** An aggregate of `e` as a JSON array text; `[]` over no rows. */
  jsonAgg(e: SQL): SQL;
  /** `col` equals `v` ignoring ASCII case. */
  ciEq(col: SQLWrapper, v: unknown): SQL;
  /** `col` as an ORDER BY key ignoring ASCII case. */
  ciOrder(col: SQLWrapper): SQL;
  /** `needle` (already lower-case) occurs in `hay`, ignoring case. */
  contains(hay: SQLWrapper, needle: string): SQL;
  /** The larger / smaller of two scalars. */
  greatest(a: SQLWrapper, b: SQLWrapper): SQL;
  least(a: SQLWrapper, b: SQLWrapper): SQL;
  /** A message id column is among the messages whose search text holds `term` (3 or more code points, lower-case). */
  searchTerm(messageId: SQLWrapper, term: string): SQL;
  /** The failure means "another writer was in the way": worth retrying the whole transaction. */
  retryable(err: unknown): boolean;
}

/** This process's dialect. */
export const dialect: Dialect = ENGINE === 'pg' ? pgDialect : sqliteDialect;
