import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';

/**
 * At most this many mailbox rows per statement of the dashboard (issue 24). The embedded SQLite runs each statement
 * on the event loop's thread: one statement over a month's million rows held every other request for ~0.7 s. Split
 * by message, each statement reads ~25,000 rows (~20–30 ms on the bench's machine), and the client lets the loop
 * turn between statements (`pace()`, db/write-queue.ts). A single message with more recipients is a batch of its own.
 */
export const ROWS_PER_BATCH = 25_000;

/**
 * The messages `sent` selects (`m` is the messages alias), in delivery order, cut into batches of at most `rows`
 * recipients (by `recipient_count`, written at delivery): each batch is `<column> in (…ids)` over `column`.
 */
export async function sentBatches(db: DbOrTx, sent: SQL, rows = ROWS_PER_BATCH): Promise<Batch[]> {
  const messages = await dialect.all<{ id: string; n: number }>(
    db,
    sql`
    select m.id as id, m.recipient_count as n from messages m where ${sent} order by m.delivered_at, m.id`,
  );
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const m of messages) {
    const n = Number(m.n ?? 0);
    if (current.length && size + n > rows) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(m.id);
    size += n;
  }
  if (current.length) batches.push(current);
  return batches.map((ids) => (column: string) => sql`${sql.raw(column)} in ${ids}`);
}

/** One batch of messages as a condition on a message id column, e.g. `batch('mb.message_id')`. */
export type Batch = (column: string) => SQL;
