import { z } from 'zod';
import { parseBlobLocation, type BlobLocation } from './blob-store/location.js';
import { parseOutboundAllowList, type OutboundAllowList } from './lib/outbound.js';

/** Every setting Herald reads from the environment, validated once at start-up (README: Configuration). */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  HERALD_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  HERALD_PUBLIC_URL: z.url().optional(),
  HERALD_ADMIN_PASSWORD: z.string().min(10).max(128).optional(),
  HERALD_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  HERALD_JWT_AUDIENCE: z.string().min(1).default('herald'),
  HERALD_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  HERALD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HERALD_LOG_FILE: z.string().min(1).optional(),
  HERALD_LIVE_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(500),
  HERALD_LIVE_LISTEN: z.enum(['true', 'false']).default('true'),
  HERALD_LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  HERALD_NOTIFY_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
  HERALD_NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  HERALD_OUTBOUND_ALLOW: z.string().default(''),
  HERALD_INBOX_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  // Read with the AWS variables by blob-store/location.ts.
  HERALD_BLOB_URL: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  publicUrl: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  jwtAudience: string;
  sessionTtlMs: number;
  logLevel: z.infer<typeof ConfigSchema>['HERALD_LOG_LEVEL'];
  /** Where the JSON log lines go: this file (appended), else stdout. */
  logFile: string | undefined;
  livePollMs: number;
  /** PostgreSQL: wake the live hub by LISTEN/NOTIFY when any node commits events (modules/live/pg-wake.ts). */
  liveListen: boolean;
  /** Memory per process for kept inbox pages (mailbox/listing-cache.ts); 0 keeps none. */
  inboxCacheMb: number;
  liveHeartbeatMs: number;
  /** How often the notify worker looks for due notifications and reminders (R9). */
  notifyPollMs: number;
  /** The first retry's delay; each further attempt doubles it (at most an hour), with jitter. */
  notifyRetryBaseMs: number;
  /** Non-public hosts and address ranges that webhooks, the SMS gateway and SMTP may reach (lib/outbound.ts). */
  outboundAllow: OutboundAllowList;
  /** Where attachment bytes live: `HERALD_BLOB_URL` (s3://bucket/prefix, file:/folder), else `<dataDir>/blobs`. */
  blobs: BlobLocation;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let outboundAllow: OutboundAllowList;
  try {
    outboundAllow = parseOutboundAllowList(e.HERALD_OUTBOUND_ALLOW.split(','));
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  HERALD_OUTBOUND_ALLOW: ${(err as Error).message}`);
  }
  let blobs: BlobLocation;
  try {
    blobs = parseBlobLocation(env, e.HERALD_DATA_DIR);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${(err as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.HERALD_DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? `file:${e.HERALD_DATA_DIR}/herald.db`,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    publicUrl: (e.HERALD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    adminPassword: e.HERALD_ADMIN_PASSWORD,
    seedDemo: e.HERALD_SEED_DEMO === 'true',
    jwtAudience: e.HERALD_JWT_AUDIENCE,
    sessionTtlMs: e.HERALD_SESSION_TTL_HOURS * 3_600_000,
    logLevel: e.HERALD_LOG_LEVEL,
    logFile: e.HERALD_LOG_FILE,
    livePollMs: e.HERALD_LIVE_POLL_MS,
    liveListen: e.HERALD_LIVE_LISTEN === 'true',
    inboxCacheMb: e.HERALD_INBOX_CACHE_MB,
    liveHeartbeatMs: e.HERALD_LIVE_HEARTBEAT_MS,
    notifyPollMs: e.HERALD_NOTIFY_POLL_MS,
    notifyRetryBaseMs: e.HERALD_NOTIFY_RETRY_BASE_MS,
    outboundAllow,
    blobs,
  };
}
