// The PostgreSQL engine (issue 18, docs/postgresql-plan.md §2 "engine core"): one node-postgres pool behind drizzle's
// PostgreSQL dialect, values typed as the embedded engine gives them, and transactions that retry when PostgreSQL
// aborts them (a deadlock, a lock wait over its limit): one writer at a time, the guarantee SQLite gave the services.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { deadlineFromNow, whenUnlocked } from '../busy.js';
import { writeTurn } from '../write-queue.js';
import type { Db } from '../client.js';
import { installSqliteCalls } from './compat.js';
import { isPgRetryable } from './errors.js';
import { clientOf } from './statements.js';

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

/** The database's write turn: a transaction-scoped advisory lock (a constant key, not the migrations' one). */
const WRITE_TURN = 'select pg_advisory_xact_lock(7248651009)';

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
  // Callers pass SQLite options (`behavior`). What they rely on is SQLite's one writer at a time, each seeing what the
  // one before it committed: every transaction first takes the database's write turn (an advisory lock held to its
  // end, in every process), then runs READ COMMITTED, so each statement reads what earlier turns committed. It was
  // SERIALIZABLE without a turn: concurrent sends that reach the same people then aborted each other on their inbox
  // versions (40001) and were redone whole, several times under load (2–3 sends/s against 10 on the embedded file,
  // bench/nodes.bench.ts). SERIALIZABLE with the turn would not do: its snapshot is taken by the lock's own statement,
  // before the wait. Reads outside a transaction never wait for the turn.
  // Review: a process's transactions first queue in memory (`writeTurn`, as the embedded engine's writes do), so at
  // most one of its pooled connections waits for the database's turn and reads keep the others.
  const turn = writeTurn();
  (db as unknown as { transaction: Transact }).transaction = async (cb) => {
    const deadline = deadlineFromNow();
    const release = await turn();
    try {
      return await whenUnlocked(
        () =>
          transact(
            async (tx) => {
              await clientOf(tx).query(WRITE_TURN);
              return cb(tx);
            },
            { isolationLevel: 'read committed' },
          ),
        deadline,
        isPgRetryable,
      );
    } finally {
      release();
    }
  };
  return db as unknown as Db;
}

/** The pool behind a PostgreSQL handle. */
export const poolOf = (db: Db) => (db as unknown as { $client: pg.Pool }).$client;
