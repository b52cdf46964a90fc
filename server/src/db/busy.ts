/**
 * Waiting for another process's write lock without stopping the event loop (issue 17 item 4: busy is never a 500).
 *
 * SQLite's own busy handler sleeps *inside* the call: with `busy_timeout = 5000` a write that met another process's
 * lock blocked this whole process for up to 5 s, then failed as `500 internal`. Connections now wait only
 * {@link BUSY_TIMEOUT_MS} inside SQLite (enough for another process's ordinary commit); past that the lock is waited
 * for here, asynchronously, with backoff, up to {@link busyDeadline} after the write was asked for. Only where
 * retrying is safe: a whole transaction (or statement, or batch) that failed before any of it ran.
 */

/** How long SQLite's busy handler may sleep inside one call (blocking the event loop), per connection. */
export const BUSY_TIMEOUT_MS = 5;

/** How long a write waits for another process's lock in all, from when it was asked for. Tests lower it. */
export const busyDeadline = { ms: 5_000 };

/** Backoff between attempts: the first wait, and the longest. */
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 200;

/** How many times a write met another process's lock and went on waiting (tests wait for it: a positive signal). */
export const busyWaits = { count: 0 };

type Coded = { code?: unknown; rawCode?: unknown; cause?: unknown };

/** SQLITE_BUSY (any extended code: `SQLITE_BUSY_SNAPSHOT`, `SQLITE_BUSY_RECOVERY`), following `cause`. */
export function isBusy(err: unknown): boolean {
  let e = err as Coded | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as Coded, depth++) {
    if (typeof e.rawCode === 'number') return (e.rawCode & 0xff) === 5;
    if (e.code === 'SQLITE_BUSY') return true;
  }
  return false;
}

/** The moment a write asked for now gives up waiting for another process. */
export const deadlineFromNow = () => performance.now() + busyDeadline.ms;

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY (or what `retryable` names), waiting between attempts (5 ms
 * doubling to 200 ms, equal jitter) while `deadline` (a `performance.now()` time) has not passed; at least one attempt.
 * `attempt` must be safe to repeat after a busy failure — nothing of it ran (on PostgreSQL: a transaction rolled back
 * whole). The last busy error is thrown (`http/storage-faults.ts` answers it `503 busy` with `Retry-After`).
 */
export async function whenUnlocked<T>(
  attempt: () => Promise<T>,
  deadline: number,
  retryable: (err: unknown) => boolean = isBusy, // PostgreSQL: serialization failure, deadlock (db/pg/errors.ts)
): Promise<T> {
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    try {
      return await attempt();
    } catch (err) {
      const left = deadline - performance.now();
      if (!retryable(err) || left <= 0) throw err;
      busyWaits.count++;
      const jittered = wait / 2 + (Math.random() * wait) / 2;
      await new Promise((resolve) => setTimeout(resolve, Math.min(jittered, left)));
    }
  }
}
