import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createLogger } from '../lib/logger.js';
import { allowOutbound, parseOutboundAllowList } from '../lib/outbound.js';
import { LiveHub } from '../modules/live/hub.js';
import { openBlobStore } from '../blob-store/open.js';
import { ensureBaseline } from '../seed.js';
import type { Deps } from '../http/env.js';

export const TEST_ADMIN_PASSWORD = 'first-Login-pass-2026';
/** What `npm start` and the tests allow outbound connections to besides public addresses. */
export const LOOPBACK = '127.0.0.1,::1,localhost';
/** For tests that call the channel senders without `testDeps` (which allows loopback itself). */
export const allowLoopback = () => allowOutbound(parseOutboundAllowList(LOOPBACK.split(',')));

/**
 * Real dependencies on a fresh temp-file database (in-memory libsql loses tables after a transaction), or on the data
 * folder `reuse` names (a bench's kept database; migrated to the current schema).
 */
export async function testDeps(
  env: Record<string, string> = {},
  reuse?: string,
): Promise<Deps & { dir: string; cleanup: () => void }> {
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'herald-test-'));
  // Tests' receivers (SMTP, webhooks, SMS gateways) listen on loopback, which Herald refuses unless allowed.
  const config: Config = loadConfig({
    HERALD_DATA_DIR: dir,
    HERALD_LOG_LEVEL: 'silent',
    HERALD_LIVE_POLL_MS: '25',
    HERALD_OUTBOUND_ALLOW: LOOPBACK,
    ...env,
  });
  allowOutbound(config.outboundAllow);
  const db = openDatabase(config.databaseUrl);
  await migrateDatabase(db);
  await ensureBaseline(db, TEST_ADMIN_PASSWORD);
  const live = new LiveHub(db, config.livePollMs);
  return {
    config,
    db,
    live,
    dir,
    blobs: await openBlobStore(config.blobs),
    logger: createLogger(config.logLevel),
    cleanup: () => {
      live.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
