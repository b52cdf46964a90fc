import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { messagingSettings } from '../settings/service.js';
import { messageAccess, type MessageAccess } from './access.js';
import { messages } from './schema.js';
import { messageViews } from './view.js';

/** The longest conversation shown at once (the first message and its first replies). */
export const MAX_THREAD = 500;

/** A conversation as the caller may see it: each message checked on its own (a late joiner sees what reached them). */
export async function threadOf(db: DbOrTx, actor: Actor, id: string) {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  const rows = await db.select({ id: messages.id }).from(messages)
    .where(eq(messages.threadId, access.message.threadId)).orderBy(asc(messages.createdAt), asc(messages.id)).limit(MAX_THREAD);
  const accesses: MessageAccess[] = [];
  for (const r of rows) {
    const a = r.id === id ? access : await messageAccess(db, actor, r.id);
    if (a && a.message.status === 'sent') accesses.push(a);
  }
  const settings = await messagingSettings(db);
  return { items: await messageViews(db, actor, accesses, { recallWindowMs: settings.recallWindowMinutes * 60_000 }) };
}
