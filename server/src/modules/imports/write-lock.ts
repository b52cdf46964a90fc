import type { Db, Tx } from '../../db/client.js';

const tails = new WeakMap<Db, Promise<void>>();

/**
 * `db.transaction(fn)`, one at a time per process. The embedded (`file:`) client runs SQLite synchronously, so a
 * second `BEGIN IMMEDIATE` while this process already holds the write lock blocks the event loop for the whole
 * busy timeout (the holder cannot finish meanwhile) and then fails with SQLITE_BUSY. Queueing here turns that
 * into an ordinary wait; other processes still wait on SQLite's own lock.
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = tails.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => { release = resolve; });
  tails.set(db, previous.then(() => mine));
  await previous;
  try {
    return await db.transaction(fn);
  } finally {
    release();
  }
}
