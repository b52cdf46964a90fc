// `Idempotency-Key` (R10) for everything that writes a message: a send, a reply, a forward, a customer's new
// conversation. The key is the message row's (`messages_idempotency_idx` on sender and key).
import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { priorWithKey } from './send-sql.js';

/** What a replay must repeat exactly: the request's body (and what it answers), hashed. */
export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

/**
 * `Idempotency-Key` (R10): inside the writing transaction (writes are serialised, so a concurrent twin sees the
 * first one's row), the same key with the same body answers the first message; with another body it is refused.
 */
export async function replayed(
  tx: DbOrTx,
  senderId: string,
  key: string | undefined,
  hash: string,
): Promise<{ id: string } | null> {
  if (!key) return null;
  const prior = await priorWithKey(tx, senderId, key);
  if (!prior) return null;
  if (prior.requestHash !== hash)
    throw new Problem(
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new message.',
    );
  return prior;
}

/** Runs a send; if its twin won the race for the key meanwhile, answers the twin's message instead of an error. */
export async function withKeyRetry<T extends { id: string; replayed: boolean }>(
  db: Db,
  senderId: string,
  key: string | undefined,
  hash: string,
  run: () => Promise<T>,
): Promise<T | { id: string; replayed: true }> {
  try {
    return await run();
  } catch (err) {
    if (!key || !isKeyConflict(err)) throw err;
    const prior = await replayed(db, senderId, key, hash);
    if (!prior) throw err;
    return { id: prior.id, replayed: true };
  }
}

/**
 * Whether a failed insert was the twin of a concurrent request with the same Idempotency-Key (a libSQL server does not
 * serialise them for us).
 */
const isKeyConflict = (err: unknown): boolean =>
  /idempotency_key|messages_idempotency_idx/.test(String((err as { cause?: unknown })?.cause ?? err));
