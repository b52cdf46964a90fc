import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { settings } from '../settings/schema.js';

/**
 * How long message content is kept (issue 19 item 8; docs/api.md "Retention"). Stored under the `retention` key of
 * the settings table, beside `messaging`.
 */
export type RetentionPolicy = {
  /** Days after a message expired before its body and files are deleted for everyone; null: kept for ever. */
  expiredGraceDays: number | null;
  /** Messages older than this many days are deleted (a stub stays for the audit trail); null: no age limit. */
  retentionDays: number | null;
  /** The age limit spares a message that any of its recipients archived (and did not put in the trash). */
  spareArchived: boolean;
  /** The age limit spares a message that any of its recipients tagged. */
  spareTagged: boolean;
};

/** Expired content goes a month after expiry, unless an admin says otherwise; no age limit until one is set. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  expiredGraceDays: 30,
  retentionDays: null,
  spareArchived: true,
  spareTagged: true,
};

/** What one purge run did (purge.ts), kept as the last run's figures and written into its audit entry. */
export type PurgeRun = {
  startedAt: number;
  finishedAt: number;
  /** Messages whose content went because they expired (plus the grace period) and by the age limit. */
  expiredMessages: number;
  retentionMessages: number;
  /** Older messages the age limit kept because someone archived or tagged them (counted when examined). */
  sparedMessages: number;
  /** Subjects, bodies, plain texts and earlier revisions removed, in bytes (as SQLite measures text). */
  contentBytes: number;
  /** Files whose bytes the blob store deleted in this run, and their size. */
  files: number;
  fileBytes: number;
  /** Blobs still waiting to be deleted when the run ended (the store failed; the next run tries again). */
  pendingBlobs: number;
  /** Why the run stopped early, if it did (a failing blob store); the next run goes on from where it stopped. */
  error: string | null;
};

const POLICY_KEY = 'retention';
const LAST_RUN_KEY = 'retention.last-run';

const read = async (db: DbOrTx, key: string) =>
  (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)))[0]?.value;

export async function retentionPolicy(db: DbOrTx): Promise<RetentionPolicy> {
  return { ...DEFAULT_RETENTION, ...((await read(db, POLICY_KEY)) as Partial<RetentionPolicy> | undefined) };
}

/** The last finished run's figures, or null before the first. */
export async function lastPurgeRun(db: DbOrTx): Promise<PurgeRun | null> {
  return ((await read(db, LAST_RUN_KEY)) as PurgeRun | undefined) ?? null;
}

export async function saveLastPurgeRun(db: DbOrTx, run: PurgeRun): Promise<void> {
  await db
    .insert(settings)
    .values({ key: LAST_RUN_KEY, value: run, updatedBy: null, updatedAt: run.finishedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value: run, updatedBy: null, updatedAt: run.finishedAt } });
}

/** Read, change and audit in one transaction, as the messaging settings are. */
export async function updateRetentionPolicy(
  db: Db,
  actor: Actor,
  patch: Partial<RetentionPolicy>,
  info: RequestInfo,
): Promise<RetentionPolicy> {
  return db.transaction(async (tx) => {
    const before = await retentionPolicy(tx);
    const after: RetentionPolicy = { ...before, ...patch };
    const t = now();
    await tx
      .insert(settings)
      .values({ key: POLICY_KEY, value: after, updatedBy: actorId(actor), updatedAt: t })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: actorId(actor), updatedAt: t } });
    await recordAudit(tx, actor, {
      action: 'settings.retention.update',
      targetType: 'settings',
      targetId: POLICY_KEY,
      before,
      after,
      ...info,
    });
    return after;
  });
}
