import type { Client, InArgs, ResultSet, Transaction } from '@libsql/client';
import type { ConnectionPool } from '@libsql/client/sqlite3';
import type { Db, DbOrTx } from './client.js';

/**
 * The hot path's reads (issue 15): hand-written SQL run on a pooled connection's cached prepared statement, rows as
 * arrays of plain values (numbers, not bigints), without drizzle's query building or the client's per-row objects.
 * Each module keeps its hot SQL in one place, written in the SQL that SQLite and PostgreSQL share where it can be.
 * Reads only: they run outside any transaction and need no write turn (WAL).
 */
export type Row = unknown[];

type RawStatement = {
  raw(on: boolean): RawStatement; safeIntegers(on: boolean): RawStatement; all(args: unknown): Row[];
};
type RawConnection = { prepare(sql: string): RawStatement };

const pools = new WeakMap<object, ConnectionPool>();

/** Registers the pool behind an embedded database's client (`openDatabase`). */
export const registerPool = (client: Client, pool: ConnectionPool) => { pools.set(client, pool); };

/** Runs a read and answers its rows; `args` are positional (`?`). */
export async function readRows(db: Db, sql: string, args: InArgs = []): Promise<Row[]> {
  const pool = pools.get(db.$client);
  if (!pool) {
    // A libSQL server (libsql://): the client is all there is.
    const rs = await db.$client.execute({ sql, args });
    return rs.rows.map((r) => rs.columns.map((_, i) => r[i]));
  }
  const conn = (await pool.acquire()) as unknown as RawConnection;
  try {
    // Statements are shared with the client, which sets both flags itself before each use.
    return conn.prepare(sql).raw(true).safeIntegers(false).all(args);
  } finally {
    pool.release(conn as never);
  }
}

/** The first row of a read, or undefined. */
export const readRow = async (db: Db, sql: string, args: InArgs = []): Promise<Row | undefined> =>
  (await readRows(db, sql, args))[0];

type Session = { client: Client; tx?: Transaction };

/** The libsql client behind a handle or transaction: one per database, whatever the transaction. */
export const clientOf = (db: DbOrTx): Client => (db as unknown as { session: Session }).session.client;

/**
 * Runs hand-written SQL on the transaction a drizzle handle holds (or on its client outside one), without drizzle's
 * query building: the hot writes (issue 15). The statement is prepared once per connection (`db/client.ts`) and
 * takes the write turn and `pace()` as every other statement does. `args` are positional (`?`).
 */
export function execute(db: DbOrTx, sql: string, args: InArgs = []): Promise<ResultSet> {
  const session = (db as unknown as { session: Session }).session;
  return (session.tx ?? session.client).execute({ sql, args });
}
