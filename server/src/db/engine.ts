// Which database engine this process runs on (issue 18, docs/postgresql-plan.md "The seam"): decided once, from
// DATABASE_URL, before any module picks its tables. `postgres://` or `postgresql://` is PostgreSQL 15+; anything else
// (`file:`, `libsql://`, `:memory:`) is the embedded SQLite engine, the default.
export type Engine = 'sqlite' | 'pg';

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//i.test(url) ? 'pg' : 'sqlite');

/** DATABASE_URL's engine; without one, a test process runs on PostgreSQL if HERALD_TEST_ENGINE=pg (testing/deps.ts). */
export const ENGINE: Engine = process.env.DATABASE_URL
  ? engineOf(process.env.DATABASE_URL)
  : process.env.HERALD_TEST_ENGINE === 'pg'
    ? 'pg'
    : 'sqlite';

/**
 * The tables (or SQL text) of this process's engine, typed as the SQLite ones: the services' one static type. The PG
 * objects stand in for the SQLite ones at run time only; the schema parity test keeps them alike.
 */
export const forEngine = <S>(sqlite: S, pg: unknown): S => (ENGINE === 'pg' ? (pg as S) : sqlite);

/**
 * The strings of a JSON array parameter as a one-column subquery, for `id in …` in hand-written SQL (`db/prepared.ts`):
 * the one fragment of it the two engines spell differently.
 */
export const JSON_IDS = forEngine('(select value from json_each(?))', '(select json_array_elements_text(?::json))');
