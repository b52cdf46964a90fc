import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { ENGINE } from '../db/engine.js';
import { migrateDatabase } from '../db/migrate.js';
import { createLogger } from '../lib/logger.js';
import { allowOutbound, parseOutboundAllowList } from '../lib/outbound.js';
import { LiveHub } from '../modules/live/hub.js';
import { openBlobStore } from '../blob-store/open.js';
import { ensureBaseline } from '../seed.js';
import type { Deps } from '../http/env.js';
import { freshPgDatabase, TEST_ADMIN_PASSWORD } from './pg-database.js';

export { TEST_ADMIN_PASSWORD };
/** What `npm start` and the tests allow outbound connections to besides public addresses. */
export const LOOPBACK = '127.0.0.1,::1,localhost';
/** For tests that call the channel senders without `testDeps` (which allows loopback itself). */
export const allowLoopback = () => allowOutbound(parseOutboundAllowList(LOOPBACK.split(',')));

/**
 * Real dependencies on a fresh temp-file database (in-memory libsql loses tables after a transaction), or on the data
 * folder `reuse` names (a bench's kept database; migrated to the current schema). A process on PostgreSQL
 * (HERALD_TEST_ENGINE=pg, issue 18) gets a fresh database copied from a migrated, seeded template instead.
 */
export async function testDeps(
  env: Record<string, string> = {},
  reuse?: string,
): Promise<Deps & { dir: string; cleanup: () => void }> {
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'herald-test-'));
  const pgDatabase = ENGINE === 'pg' && !env.DATABASE_URL ? await freshPgDatabase() : undefined;
  // Tests' receivers (SMTP, webhooks, SMS gateways) listen on loopback, which Herald refuses unless allowed.
  const config: Config = loadConfig({
    HERALD_DATA_DIR: dir,
    HERALD_LOG_LEVEL: process.env.HERALD_TEST_LOG_LEVEL ?? 'silent', // 'error' shows a failing test's 500s
    HERALD_LIVE_POLL_MS: '25',
    HERALD_OUTBOUND_ALLOW: LOOPBACK,
    ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : {}),
    ...env,
  });
  allowOutbound(config.outboundAllow);
  const db = openDatabase(config.databaseUrl);
  if (!pgDatabase) {
    await migrateDatabase(db);
    await ensureBaseline(db, TEST_ADMIN_PASSWORD);
  }
  const live = new LiveHub(db, config.livePollMs, undefined, { listen: config.liveListen });
  return {
    config,
    db,
    live,
    dir,
    blobs: await openBlobStore(config.blobs),
    logger: createLogger(config.logLevel),
    cleanup: () => {
      live.close();
      // PostgreSQL: the pool ends, then its database goes (in the background: cleanup stays synchronous).
      void closeDatabase(db)
        .then(() => pgDatabase?.drop())
        .catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
