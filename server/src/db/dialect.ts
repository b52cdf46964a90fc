// The few SQL forms with no spelling both engines accept (issue 18, docs/postgresql-plan.md "The seam"). Services
// write neutral SQL everywhere else and call these helpers here; the SQLite implementation is in sqlite/dialect.ts,
// the PostgreSQL one in pg/dialect.ts.
import type { Placeholder, SQL, SQLWrapper } from 'drizzle-orm';
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
  jsonValues(json: string | Placeholder): SQL;
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

  // Added in phase 2 (neutral SQL in the services); both implementations are run by lib/neutral-sql.test.ts.
  /**
   * A FROM item over the strings of a JSON array (a column or a bound JSON text), with one column `value`; may
   * refer to an earlier FROM item (lateral). SQLite: `json_each(json) as alias`;
   * PostgreSQL: `json_array_elements_text((json)::json) as alias(value)`.
   */
  jsonEach(json: SQLWrapper, alias: string): SQL;
  /** A JSON object's top-level `key` as text. SQLite: `json_extract(json, '$.key')`; PG: `((json)::json ->> 'key')`. */
  jsonField(json: SQLWrapper, key: string): SQL;
  /**
   * A JSON object text with `key` set to the text `value`. SQLite: `json_set(json, '$.key', value)`;
   * PostgreSQL: `((json)::jsonb || jsonb_build_object('key', (value)::text))::text`.
   */
  jsonSet(json: SQLWrapper, key: string, value: SQLWrapper): SQL;
  /**
   * A boolean column is true, spelled as the partial indexes over it are (SQLite: `col = 1`: `col = true` would not
   * use `mailbox_mentioned_idx`, whose WHERE says `= 1`). PostgreSQL: `col`.
   */
  flag(col: SQLWrapper): SQL;
  /**
   * `col` is one of `values` ignoring ASCII case, over the case-insensitive unique index. SQLite:
   * `col collate nocase in (…)`; PostgreSQL: `lower(col) in (lower($1), …)` (the `lower(col)` index).
   */
  ciIn(col: SQLWrapper, values: readonly string[]): SQL;
  /** A random 32-hex-digit id per row. SQLite: `lower(hex(randomblob(16)))`; PG `md5(gen_random_uuid()::text)`. */
  randomId(): SQL;
  /**
   * What must go before a message's `search_docs` row is deleted, or null. SQLite: delete its FTS5 rows (the 0012
   * triggers write them but do not delete them); PostgreSQL: null (the text lives on the row itself).
   */
  searchUnindex(messageId: string): SQL | null;
}

/** This process's dialect. */
export const dialect: Dialect = ENGINE === 'pg' ? pgDialect : sqliteDialect;
