import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isDatabase } from '../../db/kept-query.js';
import { readRow } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import { identityCache } from '../auth/identity-cache.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { settings } from './schema.js';

/** How messaging behaves organisation-wide (docs/api.md "Drafts and settings"). */
export type MessagingSettings = {
  /** How long after delivery a sender may recall a message (R4); managers may at any time. */
  recallWindowMinutes: number;
  /** Links to these domains (and their subdomains) are refused when a message is sent. */
  linkBlocklist: string[];
  /** When not empty, links elsewhere are flagged to recipients. */
  linkAllowlist: string[];
};

export const DEFAULT_MESSAGING: MessagingSettings = { recallWindowMinutes: 1440, linkBlocklist: [], linkAllowlist: [] };

export async function messagingSettings(db: DbOrTx): Promise<MessagingSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'messaging'));
  return { ...DEFAULT_MESSAGING, ...(row?.value as Partial<MessagingSettings> | undefined) };
}

const keptForViews = new WeakMap<object, { epoch: number; settings: MessagingSettings }>();

/**
 * The messaging settings for a read that shows messages (a message, its conversation, the Sent list: the recall
 * window), kept per process while the identity epoch stays (issue 15: a statement less per message opened). Migration
 * 0010's triggers move the epoch with any change to `settings`, and every request reads the epoch as it authenticates,
 * so a change shows from the next request on, in every process — as for who is calling. They are kept only together
 * with the epoch read in the same statement. Inside a transaction (a `DbOrTx` that is not the database) they are read
 * as they stand there; and a write that depends on them reads them itself (recall, in its transaction).
 */
export async function messagingSettingsForViews(db: DbOrTx): Promise<MessagingSettings> {
  if (!isDatabase(db)) return messagingSettings(db);
  const current = identityCache(db).epoch;
  const hit = keptForViews.get(db);
  if (hit && hit.epoch === current) return hit.settings;
  const row = await readRow(
    db,
    `select (select value from identity_epoch where id = 1), (select value from settings where key = 'messaging')`,
  );
  const epoch = row?.[0] == null ? -1 : Number(row[0]);
  const stored = typeof row?.[1] === 'string' ? (JSON.parse(row[1]) as Partial<MessagingSettings>) : undefined;
  const settings = { ...DEFAULT_MESSAGING, ...stored };
  if (epoch >= 0) keptForViews.set(db, { epoch, settings });
  return settings;
}

/** Read, change and audit in one transaction: two admins saving at once cannot lose a change or its trace. */
export async function updateMessagingSettings(
  db: Db,
  actor: Actor,
  patch: Partial<MessagingSettings>,
  info: RequestInfo,
): Promise<MessagingSettings> {
  return db.transaction((tx) => update(tx, actor, patch, info));
}

async function update(
  db: DbOrTx,
  actor: Actor,
  patch: Partial<MessagingSettings>,
  info: RequestInfo,
): Promise<MessagingSettings> {
  const before = await messagingSettings(db);
  const after: MessagingSettings = { ...before, ...patch };
  const t = now();
  await db
    .insert(settings)
    .values({ key: 'messaging', value: after, updatedBy: actorId(actor), updatedAt: t })
    .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedBy: actorId(actor), updatedAt: t } });
  await recordAudit(db, actor, {
    action: 'settings.messaging.update',
    targetType: 'settings',
    targetId: 'messaging',
    before,
    after,
    ...info,
  });
  return after;
}
