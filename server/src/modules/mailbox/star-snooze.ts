// Issue 20 #3: star and snooze, each member's own state on their mailbox entry (docs/api.md "Star and snooze").
// Both are writes to `mailbox`, so the per-owner version triggers of migration 0013 move the owner's kept pages
// (listing-cache.ts) in the same transaction, as archive and read do. Snoozing archives the entry until a time:
// it leaves the inbox, its counts (migration 0009) and the unread badge through what archiving already moves, and
// the snooze sweep (run with the expiry sweep, main.ts) brings it back — unread, and announced on the live stream.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import { publishEvent } from '../live/service.js';
import { mailboxState, type MailboxState } from '../messages/view.js';
import { noteOwnChanges, stateChange } from './listing-cache.js';
import { owner } from './query.js';
import { entryTagIds, ownState, selfAudience, writeOwnEntry, type OwnChange } from './service.js';
import { dialect } from '../../db/dialect.js';

/** The furthest a snooze may reach: a year (a later "remind me" is a calendar's job). */
export const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Changes the caller's own live entry (404 for anything else: nobody learns of others' mail) and says so live. Found
 * and changed by hand-written statements, as a read is (`setRead`, issue 15).
 */
async function changeEntry(
  db: Db,
  actor: Actor,
  messageId: string,
  action: 'star' | 'unstar' | 'snooze' | 'unsnooze',
  set: (t: number) => OwnChange,
): Promise<MailboxState> {
  const ownerId = owner(actor);
  return db.transaction(async (tx) => {
    const t = now();
    const { entry, message } = await ownState(tx, ownerId, messageId);
    if (message.status !== 'sent') throw new Problem('not-found');
    const next = await writeOwnEntry(tx, ownerId, messageId, entry, set(t));
    // A star changes the entry's state alone: a kept page is patched from it (listing-cache.ts). A snooze moves the
    // entry out of the inbox or back, and is not noted: the page is read whole.
    if (action === 'star' || action === 'unstar')
      await noteOwnChanges(tx, [stateChange(ownerId, messageId, next, message)]);
    const state = mailboxState(next, message, await entryTagIds(tx, ownerId, messageId), t);
    await publishEvent(tx, selfAudience(actor), 'mailbox.updated', { messageId, action, state });
    return state;
  });
}

export const setStar = (db: Db, actor: Actor, messageId: string, starred: boolean) =>
  changeEntry(db, actor, messageId, starred ? 'star' : 'unstar', (t) => ({ starredAt: starred ? t : null }));

/** Archives the entry until `until` (in the future, within `MAX_SNOOZE_MS`); snoozing again moves the time. */
export function snooze(db: Db, actor: Actor, messageId: string, until: number) {
  const t = now();
  if (until <= t || until > t + MAX_SNOOZE_MS) {
    throw new Problem('validation', 'Snooze until a time in the coming year.', {
      errors: [{ path: 'until', code: 'invalid-value', message: 'Must be later than now and within a year' }],
    });
  }
  return changeEntry(db, actor, messageId, 'snooze', (at) => ({ archivedAt: at, snoozedUntil: until }));
}

/** Back to the inbox now (a snoozed entry) or just out of the archive. */
export const unsnooze = (db: Db, actor: Actor, messageId: string) =>
  changeEntry(db, actor, messageId, 'unsnooze', () => ({ archivedAt: null, snoozedUntil: null }));

/** Entries woken per transaction, so one sweep never holds the write lock for long. */
const WAKE_BATCH = 500;

/**
 * The snooze sweep: every entry whose time has come goes back to the inbox and its owner's widgets hear
 * `mailbox.updated` (action `unsnooze`) and read the inbox again. Over `mailbox_snooze_due_idx`. Returns how many woke.
 * Its read state is kept: `read_at` is the sender's read receipt (R8) and the reach figures' time to read, which a
 * snooze the reader chose must not take back (review of issue 20).
 */
export async function wakeSnoozed(db: Db, at = now()): Promise<number> {
  let woken = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await dialect.all<{ ownerKind: 'member' | 'contact'; ownerId: string; messageId: string }>(
        tx,
        sql`
        update mailbox set archived_at = null, snoozed_until = null
        where (owner_id, message_id) in (select owner_id, message_id from mailbox
          where snoozed_until is not null and snoozed_until <= ${at} order by snoozed_until limit ${WAKE_BATCH})
        returning owner_kind as "ownerKind", owner_id as "ownerId", message_id as "messageId"`,
      );
      const byOwner = new Map<string, { kind: 'member' | 'contact'; ids: string[] }>();
      for (const r of rows) {
        const o = byOwner.get(r.ownerId) ?? { kind: r.ownerKind, ids: [] };
        o.ids.push(r.messageId);
        byOwner.set(r.ownerId, o);
      }
      for (const [id, o] of byOwner)
        await publishEvent(tx, [{ kind: o.kind, id }], 'mailbox.updated', { messageIds: o.ids, action: 'unsnooze' });
      return rows.length;
    });
    woken += n;
    if (n < WAKE_BATCH) return woken;
  }
}
