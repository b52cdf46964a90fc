import type { Db } from '../../db/client.js';
import { readRow } from '../../db/prepared.js';

/** Callers remembered per process; beyond this the least recently used are forgotten. */
export const IDENTITY_CACHE_SIZE = 20_000;

type Entry<T> = { value: T; validUntil: number };

/**
 * Who is calling, remembered per process (issue 15): session → actor, embed token → actor and app origins, API key →
 * actor. Nothing here decides anything: an entry is exactly what the uncached lookup answered, kept until
 *  - its own time runs out (`validUntil`: a session's or token's expiry, checked in memory on every use), or
 *  - the identity epoch moves. SQLite triggers (migration 0008) bump `identity_epoch` in the same transaction as
 *    any write that can change who someone is or what they may do — grants, roles, member status, password,
 *    departments, sessions, embed apps, API keys, contacts — so every process on the database drops its cache at
 *    its next request, and no code path can forget to.
 * The epoch is read at the start of every request (`begin`), before anything is looked up — or, for a session this
 * process keeps no answer for, in the same statement as its lookup (`beginAt`, one snapshot) — and an entry is stored
 * only if the epoch has not moved since that read: a lookup that raced a change is never kept.
 */
export class IdentityCache {
  #epoch: number | undefined;
  readonly #entries = new Map<string, Entry<unknown>>();
  constructor(private readonly db: Db) {}

  /** The epoch as this request's `begin` read it (undefined before the first request). */
  get epoch(): number | undefined {
    return this.#epoch;
  }

  /** Reads the epoch (one tiny statement) and forgets everything if it moved; answers it for `set`. */
  async begin(): Promise<number> {
    return this.beginAt(await readIdentityEpoch(this.db));
  }

  /**
   * `begin` with an epoch read by the caller, in the same statement as a lookup (`readSessionAt`): one read where a
   * cache miss took two (issue 15: each stream of a restart's reconnect storm is a miss).
   */
  beginAt(epoch: number): number {
    if (epoch !== this.#epoch) {
      this.#entries.clear();
      this.#epoch = epoch;
    }
    return epoch;
  }

  /** Whether an answer is kept under `key` (it may still turn out stale at `begin`). */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get<T>(key: string, now: number): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.validUntil <= now) return undefined;
    this.#entries.set(key, entry); // most recently used last
    return entry.value as T;
  }

  /** Keeps what a lookup begun at `epoch` answered, unless the epoch has moved since. */
  set<T>(epoch: number, key: string, value: T, validUntil: number): void {
    if (epoch !== this.#epoch || epoch < 0) return;
    if (this.#entries.size >= IDENTITY_CACHE_SIZE) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, validUntil });
  }
}

/**
 * The identity epoch (one tiny prepared statement). No row (a hand-edited database): nothing bumps it, so nothing may
 * be kept (-1 is never stored by `set`) — and the live streams' guard re-checks at every poll.
 */
export async function readIdentityEpoch(db: Db): Promise<number> {
  const row = await readRow(db, 'select value from identity_epoch where id = 1');
  return row ? Number(row[0]) : -1;
}

const caches = new WeakMap<object, IdentityCache>();

/** The process's identity cache for a database. */
export function identityCache(db: Db): IdentityCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new IdentityCache(db)));
  return cache;
}
