import type { Client, Transaction } from '@libsql/client';
import Database from 'libsql/promise';
import { IN_WRITE_TURN, type InWriteTurn } from './write-queue.js';

/**
 * When the checkpointer runs (issue 15: no stalls). `passiveAfterMs` after the first write of a burst, a passive
 * checkpoint; `truncateAfterMs` after the last write, a truncating one. Tests shorten them.
 */
export const checkpointTiming = { passiveAfterMs: 250, truncateAfterMs: 5000 };

/** What one checkpoint reported: SQLite's `busy`, frames in the WAL, frames copied into the database. */
export type CheckpointResult = { mode: 'PASSIVE' | 'TRUNCATE'; busy: boolean; log: number; checkpointed: number };

/**
 * Moves the WAL into the database file off the event loop.
 *
 * SQLite checkpoints inside the COMMIT that takes the WAL past `wal_autocheckpoint` pages: every page the WAL holds
 * is copied and synced in that call, on the thread that committed — the main thread (190–325 ms measured after a
 * 30,000-row import). The app's connections therefore run with `wal_autocheckpoint = 0` (`db/client.ts`) and this
 * checkpointer, on a connection of its own through `libsql/promise` (each statement runs on libsql's thread):
 *  - `PRAGMA wal_checkpoint(PASSIVE)` shortly after writes (at most one per `passiveAfterMs`, however many writes):
 *    it blocks neither readers nor the writer and copies what no reader still needs; once everything is copied,
 *    the next writer starts the WAL from its beginning, so it does not keep growing while Herald is busy;
 *  - `PRAGMA wal_checkpoint(TRUNCATE)` when no write came for `truncateAfterMs`: the file goes back to zero bytes.
 *    With `busy_timeout = 0` it gives up at once (and is tried again later) rather than wait for a writer, which
 *    would then wait for it on the main thread.
 * Failures are reported to `onError` and never reach a request; the next write schedules another try.
 */
export class Checkpointer {
  #db: Database | undefined;
  #passive: NodeJS.Timeout | undefined;
  #truncate: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #lastWrite = 0;
  #closed = false;
  /** Every checkpoint run, newest last (a few kept): what tests and the bench read. */
  readonly results: CheckpointResult[] = [];

  #warned = false;
  constructor(
    private readonly path: string,
    private readonly onError: (err: unknown) => void = (err) => this.#warn(err),
    private readonly inWriteTurn?: InWriteTurn,
  ) {}

  /** Said once until a checkpoint succeeds again: the WAL then grows until one does. */
  #warn(err: unknown): void {
    if (this.#warned) return;
    this.#warned = true;
    process.emitWarning(`WAL checkpoint of ${this.path} failed (tried again after the next write): ${String(err)}`);
  }

  /** A write committed: schedules the checkpoints. Costs a clock read when one is already scheduled. */
  wrote(): void {
    if (this.#closed) return;
    this.#lastWrite = performance.now();
    this.#passive ??= setTimeout(() => {
      this.#passive = undefined;
      void this.#run('PASSIVE');
    }, checkpointTiming.passiveAfterMs).unref();
    this.#truncate ??= this.#idleTimer(checkpointTiming.truncateAfterMs);
  }

  #idleTimer(ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      this.#truncate = undefined;
      const quiet = performance.now() - this.#lastWrite;
      // Writes came meanwhile: wait until the last of them is old enough.
      const left = checkpointTiming.truncateAfterMs - quiet;
      if (left > 0) this.#truncate = this.#idleTimer(left);
      else void this.#run('TRUNCATE');
    }, ms).unref();
  }

  async #run(mode: CheckpointResult['mode']): Promise<void> {
    while (this.#running) await this.#running;
    if (this.#closed) return;
    this.#running = (async () => {
      try {
        if (!this.#db) {
          this.#db = new Database(this.path, {});
          await this.#db.exec('PRAGMA busy_timeout = 0');
        }
        const db = this.#db;
        const checkpoint = async () =>
          (await (await db.prepare(`PRAGMA wal_checkpoint(${mode})`)).raw(true).all()) as number[][];
        let [row] = await checkpoint();
        // The last pass in the process's write turn: it copies only what was written during the first, and with no
        // write between it and the next, that writer starts the WAL from its beginning again instead of appending.
        if (mode === 'PASSIVE' && this.inWriteTurn && row?.[0] === 0 && !this.#closed)
          [row] = await this.inWriteTurn(checkpoint);
        this.#warned = false;
        this.results.push({ mode, busy: row?.[0] === 1, log: row?.[1] ?? 0, checkpointed: row?.[2] ?? 0 });
        if (this.results.length > 20) this.results.shift();
        // A truncation that found someone busy is tried again after the next quiet period.
        if (mode === 'TRUNCATE' && row?.[0] === 1) this.#truncate ??= this.#idleTimer(checkpointTiming.truncateAfterMs);
      } catch (err) {
        if (!this.#closed) this.onError(err);
      } finally {
        this.#running = undefined;
      }
    })();
    await this.#running;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#passive);
    clearTimeout(this.#truncate);
    const db = this.#db;
    this.#db = undefined;
    // A checkpoint in flight finishes on libsql's thread first.
    void (this.#running ?? Promise.resolve()).finally(() => {
      try {
        db?.close();
      } catch {
        /* closed */
      }
    });
  }
}

const checkpointers = new WeakMap<object, Checkpointer>();

/** The checkpointer of an embedded database's client (tests and benches read its results). */
export const checkpointerOf = (client: Client): Checkpointer | undefined => checkpointers.get(client);

/**
 * Wraps the `file:` client so that every committed write tells the checkpointer: a transaction's commit, a batch,
 * a migration, and a statement that changed rows outside a transaction. `close()` closes the checkpointer too.
 */
export function checkpointAfterWrites(client: Client, path: string, onError?: (err: unknown) => void): Client {
  const inWriteTurn = (client as unknown as { [IN_WRITE_TURN]?: InWriteTurn })[IN_WRITE_TURN];
  const checkpointer = new Checkpointer(path, onError, inWriteTurn);
  const wrapTransaction = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
        return async () => {
          await (value as () => Promise<void>).call(target);
          checkpointer.wrote();
        };
      },
    });
  const wrapped = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      switch (prop) {
        case 'execute':
          return async (...args: unknown[]) => {
            const rs = await (value as (...a: unknown[]) => Promise<{ rowsAffected: number }>).apply(target, args);
            if (rs.rowsAffected > 0) checkpointer.wrote();
            return rs;
          };
        case 'batch':
        case 'migrate':
        case 'executeMultiple':
          return async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            } finally {
              checkpointer.wrote();
            }
          };
        case 'transaction':
          return async (...args: unknown[]) =>
            wrapTransaction(await (value as (...a: unknown[]) => Promise<Transaction>).apply(target, args));
        case 'close':
          return () => {
            checkpointer.close();
            (value as () => void).call(target);
          };
        default:
          return typeof value === 'function' ? value.bind(target) : value;
      }
    },
  });
  checkpointers.set(wrapped, checkpointer);
  return wrapped;
}
