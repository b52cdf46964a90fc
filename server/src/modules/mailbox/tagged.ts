import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The entry `mb` carries one of `tagIds` (a subquery of tag ids), for the tag filter and `tag:`. Matched on the
 * entry's key in `mailbox_owner_idx`, (delivered_at, message_id): a page seeks the tagged entries in order and reads
 * no entry's row. Testing `message_id` alone walked every entry of the owner: 17–20 ms per 100,000 without planner
 * statistics, where this costs 1–5 (bench/mailbox.bench.ts).
 *
 * So an assignment must carry its entry's `delivered_at`: a batch `tag` copies it (batch.ts), so does a sender's tag
 * on a message they sent when they hold an entry of it (sent-state.ts), nothing changes an entry's delivery time, and
 * a delivery never gives a sender an entry of their own message. Migration 0033 set right the copies made before.
 */
export const taggedWith = (ownerId: SQLWrapper | string, tagIds: SQL): SQL =>
  sql`(mb.delivered_at, mb.message_id) in (select mt.delivered_at, mt.message_id from mailbox_tags mt
    where mt.owner_id = ${ownerId} and mt.tag_id in (${tagIds}))`;
