import { and, inArray, isNotNull, isNull, lte, asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { publishToMailboxes } from '../live/service.js';
import { stopNotifications } from '../notify/outbox.js';
import { messages } from '../messages/schema.js';
import { unindexMessage } from './search-index.js';

/** Messages handled per transaction, so one sweep never holds the write lock for long. */
const SWEEP_BATCH = 200;

/**
 * The expiry sweep (docs/api.md "Expiry", every minute): messages whose expiry passed leave the search index and
 * their recipients get `message.expired`. Reads check the time themselves, so this only tidies up and notifies.
 * A mailbox entry's own expiry is the message's (`expiresInMs` is turned into `messages.expires_at` at delivery).
 * Returns how many messages were swept.
 */
export async function sweepExpired(db: Db, at = now()): Promise<number> {
  let swept = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // Over the partial index messages_expiry_idx (expires_at, where not null and not yet swept).
      const due = await tx
        .select({ id: messages.id, deletedAt: messages.deletedAt })
        .from(messages)
        .where(and(isNotNull(messages.expiresAt), isNull(messages.expirySweptAt), lte(messages.expiresAt, at)))
        .orderBy(asc(messages.expiresAt))
        .limit(SWEEP_BATCH);
      for (const m of due) {
        await unindexMessage(tx, m.id);
        // A deleted message already told its recipients.
        if (m.deletedAt === null) await publishToMailboxes(tx, m.id, 'message.expired', { messageId: m.id });
      }
      if (due.length)
        await tx
          .update(messages)
          .set({ expirySweptAt: at })
          .where(
            inArray(
              messages.id,
              due.map((m) => m.id),
            ),
          );
      await stopNotifications(
        tx,
        due.map((m) => m.id),
        'expired',
        at,
      );
      return due.length;
    });
    swept += n;
    if (n < SWEEP_BATCH) return swept;
  }
}
