// Where a search's hits live (docs/api.md "Listing", `folders`): per folder, so the inbox can say "also 3 in Archived".
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { ledMailboxWhere, owner, type MailboxFilter } from './query.js';
import { countSent } from './sent.js';
import { dialect } from '../../db/dialect.js';

/** Per-folder counts of a search stop here (the widget says "also 1,000+ in Archived"). */
export const FOLDER_CAP = 1000;

/**
 * Where a search's hits live (first page with `q`): the same filter counted per folder in ONE scan of the owner's
 * matching entries (capped), and the caller's sent messages matching `q` (and `from`/`to`) — `sent` is null when a
 * filter only the mailbox knows (tag, flags, priority, sender) is set.
 */
export async function folderCounts(db: DbOrTx, actor: Actor, f: MailboxFilter, at = now()) {
  const ownerId = owner(actor);
  const where = await ledMailboxWhere(db, ownerId, f, at, true);
  const mailboxOnly =
    f.tagId !== undefined ||
    f.unread ||
    f.starred ||
    f.priority !== undefined ||
    f.needsConfirmation ||
    f.hasAttachments ||
    f.senderId !== undefined;
  const [[row], sent] = await Promise.all([
    dialect.all<{ inbox: number | null; archived: number | null; trash: number | null }>(
      db,
      sql`
      select count(*) filter (where d is null and a is null) as inbox,
        count(*) filter (where d is null and a is not null) as archived, count(*) filter (where d is not null) as trash
      from (select mb.deleted_at as d, mb.archived_at as a from mailbox mb where ${where} limit ${FOLDER_CAP * 3}) f`,
    ),
    mailboxOnly ? null : countSent(db, ownerId, { q: f.q, from: f.from, to: f.to, tz: f.tz }, FOLDER_CAP),
  ]);
  const capped = (n: number | null | undefined) => Math.min(Number(n ?? 0), FOLDER_CAP);
  return { inbox: capped(row?.inbox), archived: capped(row?.archived), trash: capped(row?.trash), sent };
}
