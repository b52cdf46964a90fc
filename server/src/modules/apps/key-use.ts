import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { apiKeys } from './schema.js';

/** `last_used_at` is kept to the minute: a key's use is written at most once a minute per process. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type Use = { writtenAt: number; writing: boolean };
/** Per database handle (a test's second process has its own), by key id. */
const usesByDb = new WeakMap<Db, Map<string, Use>>();

/**
 * Notes that an API key was used, off the request path and best-effort. The request never waits for this write: a
 * plain GET by a key must not queue behind the process's writes, nor wait for another process's lock and answer
 * `503 busy` (review of issue 17 item 4) for a column only an admin's key list reads. One write at a time per key;
 * one that fails (the lock held past its deadline) is reported to `onError` and tried again on the key's next use.
 * `last_used_at` moves no identity epoch, so writing it never drops a cached caller.
 */
export function noteApiKeyUse(db: Db, keyId: string, onError: (err: unknown) => void): void {
  let uses = usesByDb.get(db);
  if (!uses) usesByDb.set(db, (uses = new Map()));
  let use = uses.get(keyId);
  if (!use) uses.set(keyId, (use = { writtenAt: Number.NEGATIVE_INFINITY, writing: false }));
  const t = now();
  if (use.writing || t - use.writtenAt < LAST_USED_RESOLUTION_MS) return;
  use.writing = true;
  const written = use;
  db.update(apiKeys)
    .set({ lastUsedAt: t })
    .where(eq(apiKeys.id, keyId))
    .then(
      () => {
        written.writtenAt = t;
      },
      (err: unknown) => onError(err),
    )
    .finally(() => {
      written.writing = false;
    });
}
