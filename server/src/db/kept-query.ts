import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';
import { forEngine } from './engine.js';

/** The database itself, not a transaction on it (drizzle gives only the database its `$client`). */
export const isDatabase = (db: DbOrTx): db is Db => '$client' in db;

/** What a drizzle select offers: `prepare()` (built once, run with values) or `await` (built and run now). */
type Preparable<R> = PromiseLike<R> & { prepare(): { execute(values: Record<string, unknown>): Promise<unknown> } };

/**
 * A drizzle read whose SQL is built once per database (issue 15): building a select — each column of the table and
 * each fragment walked and checked — cost as much as running it, six times per message opened. `build` writes the
 * query once, for both ways it runs: with placeholders, prepared on the first call and kept for the database; or, on a
 * transaction, with the values themselves, built each time (a prepared query would run outside the transaction).
 * Every value the query depends on must be a parameter, given on every call (a list: `inList`, as JSON text).
 */
export function keptQuery<V extends Record<string, string | number>, R>(
  build: (db: DbOrTx, values: V) => Preparable<R>,
): (db: DbOrTx, values: V) => Promise<R> {
  const kept = new WeakMap<object, ReturnType<Preparable<R>['prepare']>>();
  return async (db, values) => {
    if (!isDatabase(db)) return await build(db, values);
    let prepared = kept.get(db);
    if (!prepared) {
      // `build` sees placeholders where its type says values: every drizzle operator takes either.
      const placeholders = Object.fromEntries(Object.keys(values).map((k) => [k, sql.placeholder(k)]));
      prepared = build(db, placeholders as unknown as V).prepare();
      kept.set(db, prepared);
    }
    return (await prepared.execute(values)) as R;
  };
}

const JSON_LIST = forEngine(
  (list: unknown) => sql`(select value from json_each(${list}))`,
  (list: unknown) => sql`(select json_array_elements_text(${list}::json))`,
);

/**
 * `column in (…)` over a JSON array given as one parameter, so that a query has one text however long the list is
 * (drizzle's `inArray` writes a parameter per value: a new text, and a new prepared statement, per length).
 */
export const inList = (column: SQLWrapper, list: string | Placeholder): SQL => sql`${column} in ${JSON_LIST(list)}`;
