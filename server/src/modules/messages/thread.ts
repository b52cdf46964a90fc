import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { keptQuery } from '../../db/kept-query.js';
import { Problem } from '../../http/problem.js';
import type { Actor } from '../auth/actor.js';
import { messagingSettingsForViews } from '../settings/service.js';
import { accessTo, messageById } from './access.js';
import { messages } from './schema.js';
import { messageViews } from './view.js';

/** The longest conversation shown at once (the first message and its first replies). */
export const MAX_THREAD = 500;

/** A conversation's delivered messages, oldest first (its SQL built once: `keptQuery`). */
const deliveredIn = keptQuery((db, v: { threadId: string }) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.threadId, v.threadId), eq(messages.status, 'sent')))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(MAX_THREAD),
);

/**
 * A conversation as the caller may see it: each message checked on its own (a late joiner sees what reached them).
 * The message asked for is checked with the others, in one pass (issue 15: opening a message reads its thread too);
 * it may be outside the list (not delivered: an approver's; or past MAX_THREAD) and then only decides `not-found`.
 */
export async function threadOf(db: DbOrTx, actor: Actor, id: string) {
  const [message] = await messageById(db, { id });
  if (!message) throw new Problem('not-found');
  const rows = await deliveredIn(db, { threadId: message.threadId });
  const listed = rows.some((m) => m.id === id);
  const accesses = await accessTo(db, actor, listed ? rows : [message, ...rows]);
  if (!accesses.some((a) => a.message.id === id)) throw new Problem('not-found');
  const shown = listed ? accesses : accesses.filter((a) => a.message.id !== id);
  const settings = await messagingSettingsForViews(db);
  return { items: await messageViews(db, actor, shown, { recallWindowMs: settings.recallWindowMinutes * 60_000 }) };
}
