// The PostgreSQL side of db/dialect.ts (issue 18, docs/postgresql-plan.md §2): the same answers as
// sqlite/dialect.ts, in PostgreSQL's spelling.
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Dialect } from '../dialect.js';
import { isPgRetryable } from './errors.js';

type Execute = { execute(q: SQLWrapper): Promise<{ rows: unknown[]; rowCount: number | null }> };
const asPg = (db: unknown) => db as Execute;

/** The cast that reads a JSON cell back as its column's type. */
const CAST = { text: 'text', int: 'bigint', bool: 'boolean' } as const;

/** A LIKE pattern matching `term` literally (`\` escapes). */
const likeAnywhere = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const pgDialect: Dialect = {
  all: async <T>(db: unknown, q: SQLWrapper) => (await asPg(db).execute(q)).rows as T[],
  run: async (db, q) => ({ rowsAffected: (await asPg(db).execute(q)).rowCount ?? 0 }),
  jsonValues: (json) => sql`(select value from json_array_elements_text(${json}::json))`,
  jsonRows: (cols, rows) => {
    // SQLite's rows carry booleans as 0/1; read back as PostgreSQL booleans.
    const picks = cols.map((t, i) =>
      t === 'bool' ? `(j.value ->> ${i})::int <> 0 as c${i}` : `(j.value ->> ${i})::${CAST[t]} as c${i}`,
    );
    return sql`(select ${sql.raw(picks.join(', '))} from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as j)`;
  },
  jsonObject: (...kv) => sql`json_build_object(${sql.join(kv, sql`, `)})::text`,
  jsonAgg: (e) => sql`coalesce(json_agg(${e}), '[]')::text`,
  ciEq: (col, v) => sql`lower(${col}) = lower(${v})`,
  ciOrder: (col) => sql`lower(${col}) collate "C"`,
  contains: (hay, needle) => sql`strpos(lower(${hay}), ${needle}) > 0`,
  greatest: (a, b) => sql`greatest(${a}, ${b})`,
  least: (a, b) => sql`least(${a}, ${b})`,
  // The trigram-indexed, lower-cased search text (drizzle-pg/0001): LIKE answers as FTS5's trigram match does.
  searchTerm: (messageId, term) =>
    sql`${messageId} in (select d.message_id from search_docs d where d.text like ${likeAnywhere(term)} escape '\\')`,
  retryable: isPgRetryable,
  // Phase 2 (the services' neutral SQL, wt-pgsql): the forms lib/neutral-sql.test.ts runs on both engines.
  jsonEach: (json, alias) => sql`json_array_elements_text((${json})::json) as ${sql.identifier(alias)}(value)`,
  jsonField: (json, key) => sql`((${json})::json ->> ${key})`,
  jsonSet: (json, key, value) => sql`((${json})::jsonb || jsonb_build_object(${key}::text, (${value})::text))::text`,
  flag: (col) => sql`${col}`,
  ciIn: (col, values) =>
    values.length === 0
      ? sql`false`
      : sql`lower(${col}) in (${sql.join(
          values.map((v) => sql`lower(${v})`),
          sql`, `,
        )})`,
  randomId: () => sql`md5(gen_random_uuid()::text)`,
  searchUnindex: () => null,
};
