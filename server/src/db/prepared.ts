import { LibsqlError, type Client, type InArgs, type Transaction } from '@libsql/client';
import type { ConnectionPool } from '@libsql/client/sqlite3';
import libsql from 'libsql';
import type { Db, DbOrTx } from './client.js';
import { ENGINE } from './engine.js';
import { pgRows } from './pg/statements.js';
import { deadlineFromNow, whenUnlocked } from './busy.js';
import { AFTER_COMMIT, pace, TX_CONNECTION } from './write-queue.js';

/**
 * The hot path's reads (issue 15): hand-written SQL run on a pooled connection's cached prepared statement, rows as
 * arrays of plain values (numbers, not bigints), without drizzle's query building or the client's per-row objects.
 * Each module keeps its hot SQL in one place, written in the SQL that SQLite and PostgreSQL share where it can be.
 * Reads only: they run outside any transaction and need no write turn (WAL).
 */
export type Row = unknown[];

type RawStatement = {
  raw(on: boolean): RawStatement;
  safeIntegers(on: boolean): RawStatement;
  all(args: unknown): Row[];
  get(args: unknown): Row | undefined;
};
type RawConnection = { prepare(sql: string): RawStatement };

const pools = new WeakMap<object, ConnectionPool>();

/** Registers the pool behind an embedded database's client (`openDatabase`). */
export const registerPool = (client: Client, pool: ConnectionPool) => {
  pools.set(client, pool);
};

/**
 * Runs `read` on a pooled connection; SQLITE_BUSY (a checkpoint restarting the WAL, another process's recovery) is
 * waited out as the client's reads are (`db/busy.ts`, `write-queue.ts`).
 */
async function onPooled<T>(pool: ConnectionPool, read: (conn: RawConnection) => T): Promise<T> {
  return whenUnlocked(async () => {
    const conn = (await pool.acquire()) as unknown as RawConnection;
    try {
      return read(conn);
    } finally {
      pool.release(conn as never);
    }
  }, deadlineFromNow());
}

/** Runs a read and answers its rows; `args` are positional (`?`). */
export async function readRows(db: Db, sql: string, args: InArgs = []): Promise<Row[]> {
  if (ENGINE === 'pg') return (await pgRows(db, sql, args as unknown[])).rows;
  const pool = pools.get(db.$client);
  if (!pool) return clientRows(db, sql, args);
  return onPooled(pool, (conn) => rawStatement(conn, sql).all(args));
}

/**
 * The first row of a read, or undefined. One native call (`get`): `all` walks a row iterator even for one row, which
 * made a one-row read ~3× the cost (12 µs against 4 µs) — the identity epoch every request reads, the session a
 * cache miss reads (issue 15: a stream open ≤ 3× hello-world).
 */
export async function readRow(db: Db, sql: string, args: InArgs = []): Promise<Row | undefined> {
  if (ENGINE === 'pg') return (await pgRows(db, sql, args as unknown[])).rows[0];
  const pool = pools.get(db.$client);
  if (!pool) return (await clientRows(db, sql, args))[0];
  return onPooled(pool, (conn) => rawStatement(conn, sql).get(args));
}

/** Statements are shared with the client, which sets both flags itself before each use. */
const rawStatement = (conn: RawConnection, sql: string) => conn.prepare(sql).raw(true).safeIntegers(false);

/** A libSQL server (libsql://): the client is all there is. */
async function clientRows(db: Db, sql: string, args: InArgs): Promise<Row[]> {
  const rs = await db.$client.execute({ sql, args });
  return rs.rows.map((r) => rs.columns.map((_, i) => r[i]));
}

type Session = { client: Client; tx?: Transaction };

/** The libsql client behind a handle or transaction: one per database, whatever the transaction. */
export const clientOf = (db: DbOrTx): Client => (db as unknown as { session: Session }).session.client;

/** The list a write transaction of the embedded engine runs once it has committed (write-queue.ts), if `db` is one. */
function commitList(db: DbOrTx): Array<() => void> | undefined {
  if (ENGINE === 'pg') return undefined;
  // A nested transaction is a savepoint: rolled back alone, what it asked would still run when the outer one commits.
  if ((db as { nestedIndex?: number }).nestedIndex) return undefined;
  const tx = (db as unknown as { session: Session }).session.tx as { [AFTER_COMMIT]?: Array<() => void> } | undefined;
  return tx?.[AFTER_COMMIT];
}

/** Whether `afterCommit` would run anything for `db` (so that work done only for it can be skipped). */
export const canRunAfterCommit = (db: DbOrTx): boolean => commitList(db) !== undefined;

/**
 * Runs `fn` once the write transaction `db` holds has committed; never if it rolls back. Only for an outermost write
 * transaction of the embedded engine: outside one, in a nested transaction (a savepoint), on a remote libSQL server
 * (its client is not wrapped) or on PostgreSQL, `fn` never runs (`canRunAfterCommit`).
 */
export function afterCommit(db: DbOrTx, fn: () => void): void {
  commitList(db)?.push(fn);
}

/** What a hand-written statement answers: rows as arrays of plain values, and how many rows it changed. */
export type Executed = { rows: Row[]; rowsAffected: number };

type DirectStatement = RawStatement & { reader: boolean; run(args: unknown): { changes: number } };
type DirectConnection = {
  prepare(sql: string): DirectStatement;
  readonly inTransaction: boolean;
  readonly open: boolean;
};

/**
 * Runs hand-written SQL on the transaction a drizzle handle holds (or on its client outside one), without drizzle's
 * query building: the hot writes (issue 15). The statement is prepared once per connection (`db/client.ts`) and
 * waits for `pace()` as every other statement does. `args` are positional (`?`).
 *
 * Inside a write transaction of the embedded database the statement runs on the transaction's own connection
 * (`TX_CONNECTION`), past the client's wrappers: the client converts every argument and result, asks each statement
 * twice for its columns and builds an object per row and per result — several µs per statement, a tenth of a send's
 * CPU over its statements. The arguments, values and errors are what the client gives (`LibsqlError`).
 */
export function execute(db: DbOrTx, sql: string, args: unknown[] = []): Promise<Executed> {
  if (ENGINE === 'pg') return pgRows(db, sql, args); // on the transaction's own connection when `db` is one
  const session = (db as unknown as { session: Session }).session;
  const tx = session.tx as (Transaction & { [TX_CONNECTION]?: DirectConnection }) | undefined;
  if (tx?.[TX_CONNECTION]) return runOn(tx, sql, args);
  return (tx ?? session.client).execute({ sql, args: args as InArgs }).then((rs) => ({
    rows: rs.rows.map((r) => rs.columns.map((_, i) => r[i])),
    rowsAffected: rs.rowsAffected,
  }));
}

async function runOn(
  tx: Transaction & { [TX_CONNECTION]?: DirectConnection },
  sql: string,
  args: unknown[],
): Promise<Executed> {
  await pace();
  // Asked again after the wait, as the client does for each statement (its `#checkUsable`): the transaction may have
  // ended meanwhile — committed, rolled back (by a failed statement beside this one, or by SQLite itself: `insert or
  // rollback`, an I/O error) or its connection closed — and the connection may even hold the next transaction by now
  // (review of issue 15: a statement of a rolled-back transaction was committed by the next one). A statement run then
  // would commit elsewhere or on its own; reading a closed connection's state aborts the process.
  const conn = tx[TX_CONNECTION];
  if (!conn?.open || !conn.inTransaction) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
  const values = args.map(toSql);
  try {
    const stmt = conn.prepare(sql);
    stmt.safeIntegers(false); // numbers, as the client's 'number' mode gives them
    if (stmt.reader) return { rows: stmt.raw(true).all(values), rowsAffected: 0 };
    return { rows: [], rowsAffected: stmt.run(values).changes };
  } catch (err) {
    throw asLibsqlError(err);
  }
}

/** An argument as the client passes it (`valueToSql` in @libsql/client): booleans as 0/1, no undefined or NaN. */
function toSql(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

/**
 * A native error as the client reports it (`mapSqliteError`): `code` is SQLite's primary code, `extendedCode` and
 * `rawCode` the precise one — what `db/busy.ts` and `http/storage-faults.ts` read.
 */
function asLibsqlError(err: unknown): unknown {
  if (!(err instanceof libsql.SqliteError)) return err;
  const e = err as Error & { code: string; rawCode?: number };
  const code = e.rawCode === undefined ? 'SQLITE_UNKNOWN' : (/^SQLITE_[A-Z]+/.exec(e.code)?.[0] ?? 'SQLITE_UNKNOWN');
  return new LibsqlError(e.message, code, e.code, e.rawCode, e);
}
