// The SQLite side of db/dialect.ts (issue 18): exactly the SQL the services write today.
import { sql, type SQLWrapper } from 'drizzle-orm';
import { isBusy } from '../busy.js';
import { jsonRows } from '../bulk.js';
import type { Db } from '../client.js';
import type { Dialect } from '../dialect.js';

/** A search term as one FTS5 string: inner quotes doubled, so no FTS syntax (OR, NEAR, *, column:) gets through. */
export const ftsString = (term: string) => `"${term.replace(/"/g, '""')}"`;

// A transaction has the same `all`/`run` as the database; drizzle's types give them different `this`.
const asDb = (db: unknown) => db as Db;

export const sqliteDialect: Dialect = {
  all: (db, q) => asDb(db).all(q),
  run: async (db, q) => ({ rowsAffected: (await asDb(db).run(q)).rowsAffected }),
  jsonValues: (json) => sql`(select value from json_each(${json}))`,
  jsonRows: (cols, rows) => jsonRows(cols.length, rows),
  jsonObject: (...kv) => sql`json_object(${sql.join(kv, sql`, `)})`,
  jsonAgg: (e) => sql`json_group_array(${e})`,
  ciEq: (col, v) => sql`${col} = ${v} collate nocase`,
  ciOrder: (col) => sql`${col} collate nocase`,
  contains: (hay, needle) => sql`instr(lower(${hay}), ${needle}) > 0`,
  greatest: (a: SQLWrapper, b: SQLWrapper) => sql`max(${a}, ${b})`,
  least: (a: SQLWrapper, b: SQLWrapper) => sql`min(${a}, ${b})`,
  searchTerm: (messageId, term) =>
    sql`${messageId} in (select d.message_id from message_search s join search_docs d on d.id = s.rowid
      where message_search match ${ftsString(term)})`,
  retryable: isBusy,
  jsonEach: (json, alias) => sql`json_each(${json}) as ${sql.identifier(alias)}`,
  jsonField: (json, key) => sql`json_extract(${json}, ${`$.${key}`})`,
  jsonSet: (json, key, value) => sql`json_set(${json}, ${`$.${key}`}, ${value})`,
  flag: (col) => sql`${col} = 1`,
  ciIn: (col, values) =>
    values.length === 0
      ? sql`1 = 0`
      : sql`${col} collate nocase in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
  randomId: () => sql`lower(hex(randomblob(16)))`,
  searchUnindex: (messageId) =>
    sql`delete from message_search where rowid in (select id from search_docs where message_id = ${messageId})`,
};
