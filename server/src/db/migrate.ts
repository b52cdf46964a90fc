import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER } from '../paths.js';
import type { Db } from './client.js';
import { ENGINE } from './engine.js';
import { poolOf } from './pg/open.js';

/** An arbitrary constant: the advisory lock that lets one node of several migrate while the others wait. */
const MIGRATION_LOCK = 180_001;

/** Applies the committed drizzle-kit migrations that this database has not seen yet (drizzle/ or drizzle-pg/). */
export async function migrateDatabase(db: Db): Promise<void> {
  if (ENGINE === 'sqlite') return migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // One connection holds the lock and runs the migrator (its own transaction), so two nodes never migrate at once.
  const client = await poolOf(db).connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
}

/** Applies drizzle-pg/ on one PostgreSQL connection under the migration lock (also `pnpm herald migrate-data`). */
export async function migratePostgres(client: pg.Client | pg.PoolClient): Promise<void> {
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzle(client, { casing: 'snake_case' }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
  }
}
