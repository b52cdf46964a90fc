import type { DbOrTx } from '../../db/client.js';
import { execute } from '../../db/prepared.js';
import { now } from '../../lib/clock.js';
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
  const json = JSON.stringify(payload);
  // Hand-written and prepared once per row count (issue 15): nearly every write publishes one or two events, and
  // building the insert through drizzle cost more than running it, and slowed the request after it.
  for (let i = 0; i < audience.length; i += EVENTS_PER_INSERT) {
    const rows = audience.slice(i, i + EVENTS_PER_INSERT);
    const values = rows.map(() => '(?, ?, ?, ?, ?)').join(', ');
    await execute(
      db,
      `insert into events (at, audience_kind, audience_id, type, payload) values ${values}`,
      rows.flatMap((a) => [at, a.kind, a.id, type, json]),
    );
  }
  wakeLocalHubs();
}
/** At most this many rows an insert: each row count is a statement of its own in the connection's cache. */
const EVENTS_PER_INSERT = 50;

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
