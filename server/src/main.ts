import { chmodSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { closeDatabase, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import {
  missingLazyPackages,
  warmUpHeavyModules,
  whenQuiet,
  whenStillQuiet,
  LOAD_ORDER_TIMEOUT_MS,
} from './lib/heavy-modules.js';
import { createLogger } from './lib/logger.js';
import { LiveHub } from './modules/live/hub.js';
import { openBlobStore } from './blob-store/open.js';
import { sweepUnclaimedUploads } from './modules/attachments/service.js';
import { sweepExpired } from './modules/mailbox/expiry.js';
import { wakeSnoozed } from './modules/mailbox/star-snooze.js';
import { runPurge } from './modules/retention/purge.js';
import { deliverDueMessages } from './modules/messages/schedule.js';
import { closeEmailTransport } from './modules/notify/channels/index.js';
import { allowOutbound } from './lib/outbound.js';
import { NotifyWorker } from './modules/notify/worker.js';
import { ensureBaseline, seedDemo, SUPER_ADMIN_LOGIN } from './seed.js';
import { startDemoPortal } from './demo-portal.js';
import { keepFirstPassword, readFirstPassword } from './lib/first-password.js';
import { banner } from './banner.js';
import { checkDataFolder, StartupError, startupFailureLine, startupFlags } from './ops/startup-check.js';
import { databaseFile } from './ops/data-folder.js';
import { dropPlannerStatistics } from './ops/planner-statistics.js';

const SHUTDOWN_GRACE_MS = 10_000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const EXPIRY_SWEEP_EVERY_MS = 60 * 1000;
/** Snoozed entries come back this soon after their time at the latest (issue 20 #3): one indexed statement. */
const SNOOZE_SWEEP_EVERY_MS = 15 * 1000;
/** Scheduled messages (issue 20 #1) go out this soon after their time at most: one indexed statement when idle. */
const SCHEDULED_SEND_EVERY_MS = 1000;
/** The expiry and retention purge (issue 19 item 8): its limits are in days, so hourly is soon enough. */
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Connections the kernel may queue before the process accepts them (see `server.listen` below). */
const LISTEN_BACKLOG = 4096;
/** Heavy packages (spreadsheets, mail) load in the background this long after start, a piece at a time (issue 15). */
const WARM_UP_AFTER_MS = 5_000;
/**
 * Past this long after the warm-up began, its pieces no longer wait for quiet, only their 10 ms pause: ~190 pieces
 * must not wait up to a minute each on a server that stays busy (each package still waits up to a minute).
 */
const WARM_UP_PATIENCE_MS = 5 * 60_000;

async function main() {
  // The data folder holds the database (embed app secrets), the log and the one-time password: this OS user's only.
  process.umask(0o077);
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(config.dataDir, 0o700); // a folder made by an earlier version was left readable by everyone
  } catch {
    /* not ours to change: the operator decides */
  }
  const logger = createLogger(config.logLevel, config.logFile);
  const missing = missingLazyPackages();
  if (missing.length)
    throw new StartupError(
      `Herald could not start: its install is incomplete (${missing.join(', ')} not found); run ` +
        '`pnpm install --frozen-lockfile`.',
    );
  // Issue 18: a bad HERALD_BLOB_URL, a missing folder or bucket stops the start (ConfigError) before anything else.
  const blobs = await openBlobStore(config.blobs);
  // Issue 17: one line on a bad database.
  await checkDataFolder(config, startupFlags(process.argv.slice(2)), logger, blobs);
  const file = databaseFile(config);
  // Statistics are no damage: a failure to drop them (another process's long write, a read-only file) is said and
  // Herald starts with them.
  const dropped = file
    ? await dropPlannerStatistics(file).catch((err: unknown) => {
        logger.warn(
          { err },
          'could not drop the planner statistics an ANALYZE left; Herald runs with them until its next start',
        );
        return [];
      })
    : [];
  if (dropped.length)
    logger.warn(
      { tables: dropped },
      'dropped the planner statistics an ANALYZE left: Herald plans without them (README "No ANALYZE …")',
    );
  const db = openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(db, (line) => logger.warn(line));
  const { adminPassword } = await ensureBaseline(db, config.adminPassword);
  // A random first password is kept (mode 0600, until the first change) for `pnpm herald admin-password`; one chosen
  // through HERALD_ADMIN_PASSWORD is known to whoever chose it.
  if (adminPassword && !config.adminPassword) await keepFirstPassword(config.dataDir, adminPassword);
  const stillFirstPassword = !adminPassword && (await readFirstPassword(db, config.dataDir)) !== null;
  if (config.seedDemo && (await seedDemo(db, { withRoles: true, withMessages: true, blobs })))
    logger.info('seeded the demo organisation');
  const live = new LiveHub(db, config.livePollMs, logger, { listen: config.liveListen });
  // The newest events, for the streams that reconnect as soon as the server listens (a restart with pages open).
  await live.preload().catch((err: unknown) => logger.warn({ err }, 'loading the newest live events ahead failed'));
  allowOutbound(config.outboundAllow);
  const app = createApp({ config, db, logger, live, blobs });
  // Uploads never attached to a message are dropped after a day (docs/api.md "Attachments").
  const sweep = () =>
    sweepUnclaimedUploads(db, blobs)
      .then((n) => {
        if (n) logger.info({ removed: n }, 'removed unsent uploads');
      })
      .catch((err: unknown) => logger.error({ err }, 'sweeping unsent uploads failed'));
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  sweeper.unref();
  void sweep();
  // Expired messages leave the search index and recipients are told (docs/api.md "Expiry"); reads never wait for it.
  const sweepExpiry = () =>
    sweepExpired(db)
      .then((n) => {
        if (n) logger.info({ expired: n }, 'swept expired messages');
      })
      .catch((err: unknown) => logger.error({ err }, 'sweeping expired messages failed'));
  const expirySweeper = setInterval(sweepExpiry, EXPIRY_SWEEP_EVERY_MS);
  expirySweeper.unref();
  void sweepExpiry();
  const wakeSnoozes = () =>
    wakeSnoozed(db).catch((err: unknown) => logger.error({ err }, 'waking snoozed entries failed'));
  const snoozeSweeper = setInterval(wakeSnoozes, SNOOZE_SWEEP_EVERY_MS);
  snoozeSweeper.unref();
  void wakeSnoozes();
  // Scheduled sends (issue 20 #1): every process looks; each message is claimed and delivered by one of them.
  let delivering: Promise<void> | null = null;
  const deliverDue = () => {
    delivering ??= deliverDueMessages(db, undefined, logger)
      .then((n) => {
        if (n) logger.info({ delivered: n }, 'delivered scheduled messages');
      })
      .catch((err: unknown) => logger.error({ err }, 'delivering scheduled messages failed'))
      .finally(() => (delivering = null));
  };
  const scheduledSender = setInterval(deliverDue, SCHEDULED_SEND_EVERY_MS);
  scheduledSender.unref();
  // Expired content past its grace period and messages past the age limit are purged, in batches, in the background;
  // a run still going when the next is due is left to finish (docs/architecture.md "Expiry and retention purge").
  let purging: Promise<void> | null = null;
  const purge = () => {
    purging ??= runPurge(db, blobs)
      .then((run) => {
        const freed = run.expiredMessages + run.retentionMessages + run.files;
        if (freed || run.error) logger.info({ ...run }, 'purged expired and old message content');
      })
      .catch((err: unknown) => logger.error({ err }, 'purging message content failed'))
      .finally(() => (purging = null));
  };
  const purger = setInterval(purge, PURGE_EVERY_MS);
  purger.unref();
  setTimeout(purge, WARM_UP_AFTER_MS).unref();
  // E-mail, webhook and SMS notifications and reminders (R9): one worker per process, all sharing the outbox.
  const notifier = new NotifyWorker(db, {
    logger,
    pollMs: config.notifyPollMs,
    retryBaseMs: config.notifyRetryBaseMs,
    blobs, // issue 20 #9: e-mails carry the body's inline images
    publicUrl: config.publicUrl,
  });
  notifier.start();

  const server = createAdaptorServer({ fetch: app.fetch });
  // A restart with thousands of pages open is thousands of connects within a second (issue 15): Node's default
  // accept queue of 511 overflows while the process is busy opening streams, and a dropped connect is retried by the
  // client's kernel only after 1 s, then 3 s … The kernel caps this at net.core.somaxconn (4096 on current Linux).
  server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
    const info = server.address() as AddressInfo;
    const url = config.publicUrl.replace(/:\d+$/, `:${info.port}`);
    logger.info({ port: info.port, database: config.databaseUrl }, 'Herald is listening');
    process.stdout.write(banner({ url, adminLogin: SUPER_ADMIN_LOGIN, adminPassword, stillFirstPassword, config }));
    void startDemoPortal(db, url, logger);
    setTimeout(() => {
      const began = performance.now();
      // Each package once the event loop is quiet, and each piece of it while it stays so: not during a restart's
      // reconnect storm, nor a burst of opens that begins in the middle of a package. Past WARM_UP_PATIENCE_MS, a
      // server still busy gets the rest a piece per 10 ms pause (each package still waits up to a minute for quiet).
      const patientUntil = began + WARM_UP_PATIENCE_MS;
      void warmUpHeavyModules(
        (err) => logger.warn({ err }, 'loading spreadsheet/mail packages ahead failed'),
        LOAD_ORDER_TIMEOUT_MS,
        () => whenQuiet(),
        () => whenStillQuiet({ patientUntil }),
      ).then(() =>
        logger.debug({ ms: Math.round(performance.now() - began) }, 'spreadsheet and mail packages loaded ahead'),
      );
    }, WARM_UP_AFTER_MS).unref();
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(sweeper);
    clearInterval(expirySweeper);
    clearInterval(snoozeSweeper);
    clearInterval(scheduledSender);
    clearInterval(purger);
    live.close(); // ends open event streams so that close() below can complete
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections');
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // The worker finishes the sends it has claimed (else they would wait out their lease) before the database closes.
    // Bounded by the grace period: a send stuck on a slow server is left to its lease, and another process retries it.
    const notifierStopped = Promise.race([
      notifier.stop().catch((err: unknown) => logger.error({ err }, 'stopping the notify worker failed')),
      new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
    ]);
    // A stream ended by live.close() closes its connection (its body is close-delimited), but a kept-alive
    // connection of another request would carry a reconnect to this stopping process: close them as they fall idle.
    const closeIdle = setInterval(() => (server as { closeIdleConnections?: () => void }).closeIdleConnections?.(), 50);
    closeIdle.unref();
    server.close(() => {
      void notifierStopped.then(() => {
        closeEmailTransport(); // the SMTP pool's idle connections say QUIT
        void closeDatabase(db).finally(() => {
          logger.info('stopped');
          process.exit(0);
        });
      });
    });
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`${startupFailureLine(err)}\n`);
  }
  process.exit(1);
});
