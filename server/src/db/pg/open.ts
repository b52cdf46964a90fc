// The PostgreSQL engine (issue 18, docs/postgresql-plan.md §2 "engine core"): one node-postgres pool behind drizzle's
// PostgreSQL dialect, values typed as the embedded engine gives them, and transactions that retry when PostgreSQL
// aborts them for another writer (SERIALIZABLE: the one-writer guarantee SQLite gave the services for free).
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { deadlineFromNow, whenUnlocked } from '../busy.js';
import type { Db } from '../client.js';
import { installSqliteCalls } from './compat.js';
import { isPgRetryable } from './errors.js';

// int8 (counts, sums of integers, every `int()` column is bigint) and numeric as numbers, as SQLite's 'number' mode
// gives them; JSON as text, as services parse it themselves. Process-wide: drizzle's raw queries bring their own
// parser table that falls back to the global one, and a process runs one engine.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
pg.types.setTypeParser(pg.types.builtins.JSON, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.JSONB, (v: string) => v);

/** Connections per process (`HERALD_PG_POOL`). */
const POOL_SIZE = Number(process.env.HERALD_PG_POOL ?? 10);

/** Per connection, what the embedded engine's PRAGMAs stand for: bounded waits instead of hanging requests. */
const SESSION_OPTIONS = '-c statement_timeout=30000 -c lock_timeout=5000 -c idle_in_transaction_session_timeout=60000';

type Transact = (cb: (tx: unknown) => Promise<unknown>, config?: unknown) => Promise<unknown>;

export function openPgDatabase(url: string): Db {
  installSqliteCalls();
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: 'herald',
    options: SESSION_OPTIONS,
  });
  // An idle client's error (the server restarted) must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  const db = drizzle(pool, { casing: 'snake_case' });
  const transact = db.transaction.bind(db) as Transact;
  // Callers pass SQLite options (`behavior`); PostgreSQL's counterpart is the isolation level, always serializable.
  (db as unknown as { transaction: Transact }).transaction = (cb) =>
    whenUnlocked(() => transact(cb, { isolationLevel: 'serializable' }), deadlineFromNow(), isPgRetryable);
  return db as unknown as Db;
}

/** The pool behind a PostgreSQL handle. */
export const poolOf = (db: Db) => (db as unknown as { $client: pg.Pool }).$client;
