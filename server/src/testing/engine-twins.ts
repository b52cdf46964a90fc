// Issue 18: one freshly migrated database on each engine — a libSQL temp file and a PostgreSQL database on a
// throw-away cluster (testing/pg-cluster.ts) — for tests that hold the two engines' migrations side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openDatabase, type Db } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { PG_MIGRATIONS_FOLDER } from '../paths.js';
import { startPgCluster } from './pg-cluster.js';

export type EngineTwins = { lite: Db; pool: pg.Pool; pgDb: NodePgDatabase; close: () => Promise<void> };

/** Call `pgUnavailable()` first: this starts a cluster (or uses `HERALD_TEST_PG_URL`). */
export async function openEngineTwins(name: string): Promise<EngineTwins> {
  const cluster = await startPgCluster();
  const database = `${name}_${process.pid}`;
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(database), max: 2 });
  const pgDb = drizzle(pool, { casing: 'snake_case' });
  const dir = mkdtempSync(join(tmpdir(), 'herald-twin-'));
  const lite = openDatabase(`file:${join(dir, 'herald.db')}`);
  try {
    await migrate(pgDb, { migrationsFolder: PG_MIGRATIONS_FOLDER });
    await migrateDatabase(lite);
  } catch (err) {
    await pool.end();
    lite.$client.close();
    await cluster.stop();
    throw err;
  }
  return {
    lite,
    pool,
    pgDb,
    close: async () => {
      await pool.end();
      lite.$client.close();
      rmSync(dir, { recursive: true, force: true });
      await cluster.dropDatabase(database).catch(() => {});
      await cluster.stop();
    },
  };
}
