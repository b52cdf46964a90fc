import type { DbOrTx } from '../../db/client.js';
import { execute } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
import { events } from './schema.js';
import { wakeLocalHubs } from './hub.js';

export type Audience = { kind: 'member' | 'contact'; id: string };

/**
 * Queues an event for each audience member. Call it inside the transaction that makes the change: the
 * live stream only sees it once committed, and sees it from every server process on the database.
 */
export async function publishEvent(
  db: DbOrTx,
  audience: Audience[],
  type: string,
  payload: unknown = {},
): Promise<void> {
  if (audience.length === 0) return;
  const at = now();
  await db.insert(events).values(audience.map((a) => ({ at, audienceKind: a.kind, audienceId: a.id, type, payload })));
  wakeLocalHubs();
}

/**
 * Queues an event for every holder of a message in their mailbox, set-based (`INSERT … SELECT`): a message to
 * 10,000 people is one statement, not 10,000 rows built in JavaScript.
 */
export async function publishToMailboxes(
  db: DbOrTx,
  messageId: string,
  type: string,
  payload: unknown = {},
): Promise<void> {
  // Hand-written, prepared once (issue 15): every send, edit, recall and expiry runs it.
  await execute(
    db,
    `insert into events (at, audience_kind, audience_id, type, payload)
    select ?, owner_kind, owner_id, ?, ? from mailbox where message_id = ? and deleted_at is null`,
    [now(), type, JSON.stringify(payload), messageId],
  );
  wakeLocalHubs();
}
