// Issue 18: a fresh PostgreSQL database per test (`testDeps` when the process runs on PostgreSQL). Copying a template
// database that is already migrated and seeded (`create database … template …`) takes tens of milliseconds; migrating
// and hashing the admin password each time would take seconds. `pnpm test:pg` (testing/pg-run.ts) starts one cluster
// and builds the template once for the whole run (HERALD_TEST_PG_URL, HERALD_TEST_PG_TEMPLATE); a test file run alone
// with HERALD_TEST_ENGINE=pg starts its own cluster, builds its own template and stops the cluster when it exits.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { ensureBaseline } from '../seed.js';
import { PG_BIN, startPgCluster, type PgCluster } from './pg-cluster.js';

/** The admin password every test database's seeded admin has (deps.ts re-exports it). */
export const TEST_ADMIN_PASSWORD = 'first-Login-pass-2026';

/** Migrates and seeds a database, so that copies of it start where `testDeps` on the embedded engine starts. */
export async function buildTemplate(cluster: PgCluster, name: string): Promise<void> {
  const db = openDatabase(await cluster.createDatabase(name));
  try {
    await migrateDatabase(db);
    await ensureBaseline(db, TEST_ADMIN_PASSWORD);
  } finally {
    await closeDatabase(db); // a template must have no connections when it is copied
  }
}

let ready: Promise<{ cluster: PgCluster; template: string }> | undefined;

function prepare(): Promise<{ cluster: PgCluster; template: string }> {
  ready ??= (async () => {
    const cluster = await startPgCluster();
    const given = process.env.HERALD_TEST_PG_TEMPLATE;
    if (given && process.env.HERALD_TEST_PG_URL) return { cluster, template: given };
    const template = `herald_tpl_${process.pid}`;
    stopAtExit(cluster);
    await buildTemplate(cluster, template);
    return { cluster, template };
  })();
  return ready;
}

/** A cluster this process started must not outlive it; `exit` handlers may only do synchronous work. */
function stopAtExit(cluster: PgCluster) {
  const dir = cluster.dataDir;
  if (!dir) return;
  process.once('exit', () => {
    const args = ['-D', dir, '-m', 'immediate', '-w', 'stop'];
    const pgCtl = join(PG_BIN, 'pg_ctl');
    try {
      if (userInfo().uid === 0) execFileSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' });
      else execFileSync(pgCtl, args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  });
}

let made = 0;
/**
 * This process's part of its databases' names: the pid and a random tag, since a database left by a process that
 * exited before its drop ran must not stop a later process that got the same pid (a cluster kept across runs).
 */
const RUN = `${process.pid}_${randomBytes(3).toString('hex')}`;

/**
 * A new, empty database on the test cluster (no migrations, no seed): what `npm start` on a new `postgres://` URL
 * meets (main.test.ts, first-start.test.ts). `drop` removes it once nothing is connected.
 */
export async function emptyPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { cluster } = await prepare();
  const name = `herald_e_${RUN}_${++made}`;
  const url = await cluster.createDatabase(name);
  return { url, drop: () => cluster.dropDatabase(name) };
}

/** A new database copied from the template; `drop` removes it (after the test closed its connections). */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { cluster, template } = await prepare();
  const name = `herald_t_${RUN}_${++made}`;
  const url = await cluster.createDatabase(name, template);
  return { url, drop: () => cluster.dropDatabase(name) };
}
