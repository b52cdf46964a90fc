import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { actorId, hasPermission, type Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { groups } from '../groups/schema.js';
import { settings } from '../settings/schema.js';

/** The settings key (one JSON row of `settings`): which groups accept conversations customers open (issue 19 #5). */
const KEY = 'customerConversations';
export type ConversationSettings = { groupIds: string[] };

export async function serviceGroupIds(db: DbOrTx): Promise<string[]> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return (row?.value as ConversationSettings | undefined)?.groupIds ?? [];
}

/** Org admins read and choose the service groups (with their names, for the admin's form). */
export async function conversationSettings(db: DbOrTx, actor: Actor) {
  requireAdmin(actor);
  const ids = await serviceGroupIds(db);
  const named = ids.length
    ? await db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, ids))
    : [];
  return { groupIds: ids, groups: named };
}

export async function updateConversationSettings(db: Db, actor: Actor, input: ConversationSettings, info: RequestInfo) {
  requireAdmin(actor);
  const groupIds = [...new Set(input.groupIds)];
  await db.transaction(async (tx) => {
    const found = groupIds.length
      ? await tx.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds))
      : [];
    const known = new Set(found.map((g) => g.id));
    const errors = groupIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `groupIds.${i}`, code: 'unknown-group' as const, message: 'No such group' }],
    );
    if (errors.length) throw new Problem('validation', 'Some groups do not exist.', { errors });
    const before = { groupIds: await serviceGroupIds(tx) };
    const value = { groupIds };
    const t = now();
    await tx
      .insert(settings)
      .values({ key: KEY, value, updatedBy: actorId(actor), updatedAt: t })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actorId(actor), updatedAt: t } });
    await recordAudit(tx, actor, {
      action: 'settings.conversations.update',
      targetType: 'settings',
      targetId: KEY,
      before,
      after: value,
      ...info,
    });
  });
  return conversationSettings(db, actor);
}

function requireAdmin(actor: Actor) {
  if (actor.kind !== 'member' || !hasPermission(actor, 'org.admin'))
    throw new Problem('forbidden', 'Choosing the service groups needs the "org.admin" permission.');
}
