import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER } from '../paths.js';
import type { Db } from './client.js';
import { ENGINE } from './engine.js';
import { poolOf } from './pg/open.js';

/** An arbitrary constant: the advisory lock that lets one node of several migrate while the others wait. */
export const MIGRATION_LOCK = 180_001;

/**
 * How long a node waits for another node's migration, and how often it asks. A plain `pg_advisory_lock` waited only
 * the connection's `lock_timeout` (5 s, `db/pg/open.ts`), so a node started while the first one ran a longer migration
 * failed its start. Generous: a migration of a big table can take minutes. Tests shorten it.
 */
export const migrationWait = { ms: 15 * 60_000, everyMs: 500 };

/** Applies the committed drizzle-kit migrations that this database has not seen yet (drizzle/ or drizzle-pg/). */
export async function migrateDatabase(db: Db, say?: (line: string) => void): Promise<void> {
  if (ENGINE === 'sqlite') return migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // One connection holds the lock and runs the migrator (its own transaction), so two nodes never migrate at once.
  const client = await poolOf(db).connect();
  try {
    await migratePostgres(client, say);
  } finally {
    client.release();
  }
}

/**
 * Applies drizzle-pg/ on one PostgreSQL connection under the migration lock (also `pnpm herald migrate-data`). When
 * another node holds the lock (it is migrating), says so once through `say` and waits for it, up to `migrationWait.ms`;
 * it then finds the migrations applied and applies nothing.
 */
export async function migratePostgres(client: pg.Client | pg.PoolClient, say?: (line: string) => void): Promise<void> {
  await takeMigrationLock(client, say);
  try {
    // A migration of a big table may take longer than the pool's 30 s per statement (`db/pg/open.ts`); RESET gives
    // the pooled connection its own setting back.
    await client.query('set statement_timeout = 0');
    await migratePg(drizzle(client, { casing: 'snake_case' }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
  } finally {
    await client.query('reset statement_timeout').catch(() => {});
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
  }
}

async function takeMigrationLock(client: pg.Client | pg.PoolClient, say?: (line: string) => void): Promise<void> {
  const started = performance.now();
  for (let waited = false; ; waited = true) {
    const { rows } = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1) as "got"', [MIGRATION_LOCK]);
    if (rows[0]?.got) {
      if (waited) say?.('The other node finished migrating the database: going on.');
      return;
    }
    const bound =
      migrationWait.ms >= 60_000 ? `${Math.round(migrationWait.ms / 60_000)} minutes` : `${migrationWait.ms} ms`;
    if (performance.now() - started >= migrationWait.ms)
      throw new Error(
        `Another node held the database's migration lock (advisory lock ${MIGRATION_LOCK}) for over ${bound}: ` +
          'is a migration stuck? See pg_locks and pg_stat_activity on the database.',
      );
    if (!waited)
      say?.(
        `Another node is migrating the database (advisory lock ${MIGRATION_LOCK} held): waiting for it to finish, ` +
          `up to ${bound}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, migrationWait.everyMs));
  }
}
