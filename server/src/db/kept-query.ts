import { fillPlaceholders, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';
import { dialect } from './dialect.js';
import { ENGINE } from './engine.js';
import { readRows } from './prepared.js';

/** The database itself, not a transaction on it (drizzle gives only the database its `$client`). */
export const isDatabase = (db: DbOrTx): db is Db => '$client' in db;

/** A prepared drizzle select: run with values; on the embedded engine also its SQL and its row mapping. */
type Prepared = {
  execute(values: Record<string, unknown>): Promise<unknown>;
  getQuery(): { sql: string; params: unknown[] };
  mapAllResult?(rows: unknown[]): unknown;
};
/** What a drizzle select offers: `prepare()` (built once, run with values) or `await` (built and run now). */
type Preparable<R> = PromiseLike<R> & { prepare(): Prepared };

/**
 * A drizzle read whose SQL is built once per database (issue 15): building a select — each column of the table and
 * each fragment walked and checked — cost as much as running it, six times per message opened. `build` writes the
 * query once, for both ways it runs: with placeholders, prepared on the first call and kept for the database; or, on a
 * transaction, with the values themselves, built each time (a prepared query would run outside the transaction).
 * Every value the query depends on must be a parameter, given on every call (a list: `inList`, as JSON text). A value
 * reaches SQL as given, not through its column's `mapToDriverValue` (drizzle binds placeholders as they are): hence
 * strings and numbers only, compared with text and integer columns.
 */
export function keptQuery<V extends Record<string, string | number>, R>(
  build: (db: DbOrTx, values: V) => Preparable<R>,
): (db: DbOrTx, values: V) => Promise<R> {
  const kept = new WeakMap<object, Prepared>();
  return async (db, values) => {
    if (!isDatabase(db)) return await build(db, values);
    let prepared = kept.get(db);
    if (!prepared) {
      // `build` sees placeholders where its type says values: every drizzle operator takes either.
      const placeholders = Object.fromEntries(Object.keys(values).map((k) => [k, sql.placeholder(k)]));
      prepared = build(db, placeholders as unknown as V).prepare();
      kept.set(db, prepared);
    }
    // On the embedded engine the rows are read as arrays (`readRows`) and mapped by drizzle's own mapping: the
    // client builds an object per row with two properties per column, of which drizzle reads only the values (a
    // sixth of the Sent list's 50 rows).
    if (ENGINE === 'sqlite' && prepared.mapAllResult) {
      const { sql: text, params } = prepared.getQuery();
      return prepared.mapAllResult(await readRows(db, text, fillPlaceholders(params, values) as never)) as R;
    }
    return (await prepared.execute(values)) as R;
  };
}

/**
 * `column in (…)` over a JSON array given as one parameter, so that a query has one text however long the list is
 * (drizzle's `inArray` writes a parameter per value: a new text, and a new prepared statement, per length).
 */
export const inList = (column: SQLWrapper, list: string | Placeholder): SQL =>
  sql`${column} in ${dialect.jsonValues(list)}`;
