import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { execute } from '../../db/prepared.js';
import { dialect } from '../../db/dialect.js';

/**
 * Puts a delivered message's subject (a first message's only: a reply's "Re: …" repeats it and must not outlive
 * it when it is recalled), plain-text body and attachment names into the full-text index (or refreshes
 * them after an edit). Runs in the transaction that delivers or edits the message, so the index never lags.
 */
export async function indexMessage(tx: DbOrTx, messageId: string): Promise<void> {
  // One statement (issue 15): the document row, new or the same one again; its triggers (migration 0012) write the
  // text into the FTS5 table under the row's id, replacing what was indexed.
  await execute(
    tx,
    `insert into search_docs (message_id) values (?)
    on conflict (message_id) do update set message_id = excluded.message_id`,
    [messageId],
  );
}

/** Takes a message out of the index: recalled, deleted or expired content is never found again by recipients. */
export async function unindexMessage(tx: DbOrTx, messageId: string): Promise<void> {
  const first = dialect.searchUnindex(messageId);
  if (first) await dialect.run(tx, first);
  await dialect.run(tx, sql`delete from search_docs where message_id = ${messageId}`);
}
