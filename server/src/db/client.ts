import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { ConnectionPool, Sqlite3Client } from '@libsql/client/sqlite3';
import Database from 'libsql';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { registerPool } from './prepared.js';
import { serializeWrites } from './write-queue.js';
import { BUSY_TIMEOUT_MS, isBusy } from './busy.js';
import { checkpointAfterWrites } from './checkpoint.js';
import { ENGINE, engineOf } from './engine.js';
import { openPgDatabase, poolOf } from './pg/open.js';

/**
 * Without drizzle's relational query API (`db.query.*`, unused): given the schema, drizzle builds a query builder for
 * every table on every transaction it opens, which cost a write more than some of its statements (issue 15).
 */
export type Db = LibSQLDatabase & { $client: Client };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx;

/**
 * Settings every connection to an embedded database must carry. `journal_mode` is stored in the file, so
 * it is set once when the database opens (asking for WAL again on every connection would take a lock that
 * waits for readers); the rest are per connection.
 */
export const CONNECTION_PRAGMAS = [
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, // a few ms inside SQLite; longer waits are async (db/busy.ts)
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = NORMAL',
  // Checkpoints run off the event loop (`db/checkpoint.ts`), never inside a COMMIT on the main thread.
  'PRAGMA wal_autocheckpoint = 0',
] as const;

type RawConnection = { exec(sql: string): unknown; prepare(sql: string): unknown };

/** Prepared statements kept per connection (least recently used dropped first). */
export const STATEMENTS_PER_CONNECTION = 300;

type RawStatement = { reader: boolean; raw(on?: boolean): unknown; columns(): unknown[] };
const NOT_A_READER = new TypeError('The raw() method is only for statements that return data');

/**
 * Moves whenever this process may have changed the schema: a statement starting with CREATE, ALTER, DROP, ATTACH or
 * DETACH, the end of a transaction that ran one (its change shows to other connections, or is undone) or a rollback to
 * a savepoint after one, or a script run with `exec` (migrations, a connection's settings). Kept statements then ask
 * for their columns again.
 */
let schemaGeneration = 0;
const DDL = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*(?:[^*]|\*(?!\/))*\*\/)\s*)*(?:create|alter|drop|attach|detach)\b/i;
// A transaction's end; a rollback to a savepoint undoes what came after it, but the transaction goes on.
const TX_END = /^\s*(?:commit|end|rollback(?!\s+(?:transaction\s+)?to\b))\b/i;
const SAVEPOINT_ROLLBACK = /^\s*rollback\s+(?:transaction\s+)?to\b/i;
const BEGIN = /^\s*(?:begin|savepoint)\b/i;
// A script that is one PRAGMA (a connection's settings): no schema change.
const PRAGMA = /^\s*pragma\b[^;]*;?\s*$/i;

type Rows = (...args: unknown[]) => unknown;

/**
 * Makes a kept statement cheap and safe to run again through the client (issue 15), which for every run
 *  - asks it for `raw(true)` and learns from the native error that a write returns no rows: an error with a stack
 *    trace per INSERT. A kept write answers with one error made once;
 *  - asks a reader twice for its columns (names, then types), a native object per column each time: ~30 µs for a
 *    drizzle `select` of a wide table, 17 % of `GET /messages/{id}`. A kept reader answers them from memory once it
 *    has run since the schema last changed (SQLite prepares a statement again, to the schema it finds, when it first
 *    steps it): until then it asks SQLite, as the client always did, so the first run after a change may still name
 *    the columns the statement was prepared with, as it did before this memory.
 * And a statement SQLite answered SQLITE_BUSY (another process's write lock) reports its connection through
 * `onStuck`: libsql resets a statement before it runs, never after an error, so it stays half-run on its connection
 * — a write left so holds the connection in an implicit transaction, and the writes after it on that connection were
 * never committed (a review of issue 15 found a key's `last_used_at` reported written, then rolled back).
 */
function cheapenReuse(stmt: unknown, onStuck: () => void): unknown {
  const s = stmt as RawStatement & { all: Rows; run: Rows; get: Rows };
  for (const method of ['run', 'all', 'get'] as const) {
    const native = s[method].bind(s);
    s[method] = (...args) => {
      try {
        return native(...args);
      } catch (err) {
        if (isBusy(err)) onStuck();
        throw err;
      }
    };
  }
  if (!s.reader) {
    s.raw = () => {
      throw NOT_A_READER;
    };
    return stmt;
  }
  const columns = s.columns.bind(s);
  const all = s.all;
  let kept: unknown[] = [];
  let keptAt = -1;
  let ranAt = -1;
  s.columns = () => {
    if (keptAt === schemaGeneration) return kept;
    const answer = columns();
    if (ranAt === schemaGeneration) {
      kept = answer;
      keptAt = schemaGeneration;
    }
    return answer;
  };
  s.all = (...args) => {
    const rows = all(...args);
    ranAt = schemaGeneration;
    return rows;
  };
  return stmt;
}

/**
 * Keeps a connection's prepared statements for reuse (issue 15). The client prepares every statement it runs
 * anew, which cost more than running most of them (FINDINGS "Lean server": 13 statements 3.6–5.7 ms, the same
 * prepared once 0.85 ms). Every statement the client runs is fully stepped (or reset) inside one synchronous
 * call, so a statement is never in use twice at once and handing the same one out again is safe — except one SQLite
 * answered SQLITE_BUSY, whose connection is closed instead (`ConfiguredPool.release`).
 */
function reusePreparedStatements(
  conn: RawConnection & { readonly inTransaction: boolean },
  onBeginWrite: () => void,
  onStuck: () => void,
): void {
  const prepare = conn.prepare.bind(conn);
  const exec = conn.exec.bind(conn);
  const cache = new Map<string, unknown>();
  let changedSchema = false; // since this connection's transaction began (or its last DDL in autocommit)
  // The generation when this connection's transaction began: a transaction reads the schema as it was then, so
  // columns kept during it may be older than the generation says; its end moves the generation again.
  let begunAt = -1;
  conn.exec = (sql: string) => {
    if (!PRAGMA.test(sql)) {
      schemaGeneration++;
      changedSchema = true; // a script may change the schema inside a transaction it leaves open
    }
    return exec(sql);
  };
  conn.prepare = (sql: string) => {
    if (DDL.test(sql)) {
      schemaGeneration++;
      changedSchema = true;
    } else if (BEGIN.test(sql)) {
      if (!conn.inTransaction) begunAt = schemaGeneration;
    } else if ((changedSchema || begunAt !== schemaGeneration) && TX_END.test(sql)) {
      schemaGeneration++;
      changedSchema = false;
      begunAt = schemaGeneration;
    } else if (changedSchema && SAVEPOINT_ROLLBACK.test(sql)) {
      schemaGeneration++; // its commit moves it again
    }
    let stmt = cache.get(sql);
    if (stmt !== undefined) {
      cache.delete(sql); // re-inserted below: Map order is recency
    } else {
      stmt = cheapenReuse(prepare(sql), onStuck);
      if (cache.size >= STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    if (sql === BEGIN_WRITE) onBeginWrite();
    return stmt;
  };
}

/** What the client runs to open a write transaction (`transactionModeToBegin('write')`). */
const BEGIN_WRITE = 'BEGIN IMMEDIATE';

type PooledConnection = {
  exec(sql: string): unknown;
  prepare(sql: string): { run(): unknown };
  close(): void;
  readonly open: boolean;
  readonly inTransaction: boolean;
};

/** Ends a connection's transaction, and with it any write lock, at once; then closes it. */
function closeAfterRollback(conn: PooledConnection): void {
  try {
    if (conn.open && conn.inTransaction) conn.prepare('ROLLBACK').run();
  } catch {
    /* closed below */
  }
  try {
    conn.close();
  } catch {
    /* closed */
  }
}

/** What the pool does with a connection given back mid-transaction: rolled back, or closed if that fails. */
function rollbackOrClose(conn: PooledConnection): void {
  try {
    conn.prepare('ROLLBACK').run();
  } catch {
    closeAfterRollback(conn);
  }
}

/**
 * A `file:` client keeps a pool of connections and opens new ones as transactions hold the others; a
 * PRAGMA sent through the client reaches only whichever connection ran it. This pool runs the settings
 * on each connection the first time it is handed out, and gives each its statement cache.
 *
 * Every statement and transaction runs on one connection, the primary, unless an open transaction holds it (issue 15).
 * In WAL mode SQLite drops a connection's whole page cache when it finds, as a read begins, that another connection
 * has committed since its last read. The pool handed out whichever connection was released last, so statements moved
 * between two or three connections, and every commit left the others cold: in the bench's mix of routes a send's
 * statements cost 1.7× what they cost on their own (`bench/api.bench.ts`, "its 11 statements, raw SQL"). The primary
 * is opened here, outside the inherited pool (which keeps `maxConnections` more); those serve only while a
 * transaction holds the primary (a read while a write transaction awaits, a second transaction), and are as cold after
 * a commit as before. A statement that finds the primary held by another statement waits its turn for it.
 */
export class ConfiguredPool extends ConnectionPool {
  readonly #configured = new WeakSet<object>();
  /** Connections a statement left half-run (`cheapenReuse`): closed when given back, never handed out again. */
  readonly #stuck = new WeakSet<object>();
  #begunOn: RawConnection | undefined;
  #primary: PooledConnection | undefined;
  /** Who holds the primary: a statement gives it back within a turn of the event loop, a transaction when it ends. */
  #primaryHolder: 'statement' | 'transaction' | undefined;
  /** Statements and transactions waiting for the primary while a statement holds it (first come, first served). */
  #primaryWaiters: Array<{ forTransaction: boolean; resolve(conn: never): void; reject(err: unknown): void }> = [];
  #closed = false;

  constructor(
    private readonly path: string,
    private readonly options: object,
    maxConnections: number,
  ) {
    super(path, options as never, maxConnections);
  }

  /**
   * The primary when it is free; after a statement holding it, in turn (it gives it back within a turn of the event
   * loop: every borrower but a transaction runs its statements synchronously once it has the connection — all but the
   * client's `sync()`, for embedded replicas, which Herald never calls); one of the pool's while a transaction holds
   * it, since the transaction may wait for the read.
   */
  override acquire(forTransaction = false) {
    if (this.#closed || this.#primaryHolder === 'transaction') return super.acquire(forTransaction);
    if (this.#primaryHolder === 'statement') {
      return new Promise<never>((resolve, reject) => this.#primaryWaiters.push({ forTransaction, resolve, reject }));
    }
    try {
      // Through `acquireSync`, as the inherited pool does, so that what wraps it sees every connection handed out.
      return Promise.resolve(this.acquireSync(forTransaction));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  override acquireSync(forTransaction = false) {
    if (this.#closed || this.#primaryHolder) {
      return this.#configure(super.acquireSync(forTransaction) as never) as never;
    }
    if (!this.#primary?.open) this.#primary = this.#open(); // on first use, and again after one was closed
    this.#primaryHolder = forTransaction ? 'transaction' : 'statement';
    return this.#primary as never;
  }

  #open(): PooledConnection {
    const conn = new Database(this.path, this.options) as unknown as PooledConnection;
    try {
      return this.#configure(conn);
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  #configure(conn: PooledConnection): PooledConnection {
    if (!this.#configured.has(conn)) {
      for (const pragma of CONNECTION_PRAGMAS) conn.exec(pragma);
      reusePreparedStatements(
        conn,
        () => {
          this.#begunOn = conn;
        },
        () => this.#stuck.add(conn),
      );
      this.#configured.add(conn);
    }
    return conn;
  }

  /**
   * A marked connection is rolled back (ending its transaction and write lock at once) and closed; SQLite frees the
   * rest when its statements are collected. A new connection takes its place, so that a caller queued for one is
   * served now (the pool hands only a connection it keeps to a waiter); a new primary opens at its next use.
   */
  override release(db: never): void {
    const conn = db as unknown as PooledConnection;
    const stuck = this.#stuck.delete(conn);
    if (conn === this.#primary) {
      this.#primaryHolder = undefined;
      if (stuck || this.#closed || !conn.open) closeAfterRollback(conn);
      else if (conn.inTransaction) rollbackOrClose(conn); // never handed out again mid-transaction
      this.#serveWaiters();
      return;
    }
    if (!stuck || !conn.open) return super.release(db);
    closeAfterRollback(conn);
    super.release(db);
    try {
      super.release(this.#configure(super.acquireSync() as never) as never); // not the primary: it is never the pool's
    } catch {
      /* the pool is closed */
    }
  }

  /**
   * Hands the free primary to those waiting for it, in turn, until one holds it. Once a transaction does, the rest
   * go to the pool's connections: the transaction may wait for them (review of issue 15: a read queued behind it
   * stalled the process's writes).
   */
  #serveWaiters(): void {
    while (!this.#primaryHolder && this.#primaryWaiters.length) {
      const next = this.#primaryWaiters.shift()!;
      try {
        next.resolve(this.acquireSync(next.forTransaction));
      } catch (err) {
        next.reject(err); // the primary could not be opened again: the next one tries
      }
    }
    if (this.#primaryHolder !== 'transaction') return;
    const rest = this.#primaryWaiters;
    this.#primaryWaiters = [];
    for (const w of rest) super.acquire(w.forTransaction).then((conn) => w.resolve(conn as never), w.reject);
  }

  override close(): void {
    this.#closed = true;
    super.close();
    if (this.#primary?.open) this.#primary.close();
    const waiters = this.#primaryWaiters;
    this.#primaryWaiters = [];
    for (const w of waiters) w.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
  }

  /** The client's `reconnect()`: every connection closed, the pool open again (a new primary at its next use). */
  override reopen(): void {
    super.reopen(); // closes (this class's `close` too), then opens the inherited pool again
    this.#closed = false;
    this.#primaryHolder = undefined;
  }

  /** The connection the latest write transaction began on (once: the next call answers undefined until another). */
  takeBegunOn(): RawConnection | undefined {
    const conn = this.#begunOn;
    this.#begunOn = undefined;
    return conn;
  }
}

/** The pool's connections besides the primary (`ConfiguredPool`). */
const MAX_FILE_CONNECTIONS = 8;

export function openDatabase(url: string, authToken?: string): Db {
  if (engineOf(url) !== ENGINE) {
    // The tables each module picked at import time (`forEngine`) are this process's engine's; DATABASE_URL decides.
    throw new Error(`This process runs on ${ENGINE} (DATABASE_URL), and cannot open a ${engineOf(url)} database.`);
  }
  if (ENGINE === 'pg') return openPgDatabase(url);
  let client: Client;
  if (url.startsWith('file:')) {
    const path = resolve(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
    mkdirSync(dirname(path), { recursive: true });
    const pool = new ConfiguredPool(path, { timeout: BUSY_TIMEOUT_MS } as never, MAX_FILE_CONNECTIONS);
    const first = pool.acquireSync(); // fails fast if the file cannot be opened
    (first as unknown as RawConnection).exec('PRAGMA journal_mode = WAL');
    pool.release(first);
    const sqlite = new Sqlite3Client(pool, 'number') as unknown as Client;
    client = checkpointAfterWrites(
      serializeWrites(sqlite, () => pool.takeBegunOn()),
      path,
    );
    registerPool(client, pool);
  } else {
    // libsql:// and http(s):// point at a libSQL server (sqld / Turso), which owns its own settings.
    client = createClient({ url, ...(authToken ? { authToken } : {}) });
  }
  return drizzle(client, { casing: 'snake_case' }) as Db;
}

/** Closes a database handle's connections (the embedded client, or the PostgreSQL pool). */
export async function closeDatabase(db: Db): Promise<void> {
  if (ENGINE === 'pg') await poolOf(db).end();
  else db.$client.close();
}
