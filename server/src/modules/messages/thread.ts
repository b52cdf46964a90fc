import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { messagingSettings } from '../settings/service.js';
import { accessTo, messageAccess } from './access.js';
import { messages } from './schema.js';
import { messageViews } from './view.js';

/** The longest conversation shown at once (the first message and its first replies). */
export const MAX_THREAD = 500;

/** A conversation as the caller may see it: each message checked on its own (a late joiner sees what reached them). */
export async function threadOf(db: DbOrTx, actor: Actor, id: string) {
  const access = await messageAccess(db, actor, id);
  if (!access) throw new Problem('not-found');
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.threadId, access.message.threadId), eq(messages.status, 'sent')))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(MAX_THREAD);
  const accesses = await accessTo(db, actor, rows);
  const settings = await messagingSettings(db);
  return { items: await messageViews(db, actor, accesses, { recallWindowMs: settings.recallWindowMinutes * 60_000 }) };
}
