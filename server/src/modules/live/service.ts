import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { events } from './schema.js';

export type Audience = { kind: 'member' | 'contact'; id: string };

/**
 * Queues an event for each audience member. Call it inside the transaction that makes the change: the
 * live stream only sees it once committed, and sees it from every server process on the database.
 */
export async function publishEvent(db: DbOrTx, audience: Audience[], type: string, payload: unknown = {}): Promise<void> {
  if (audience.length === 0) return;
  const at = now();
  await db.insert(events).values(audience.map((a) => ({ at, audienceKind: a.kind, audienceId: a.id, type, payload })));
}
