import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
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
