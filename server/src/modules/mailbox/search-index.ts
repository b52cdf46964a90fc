import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { execute } from '../../db/prepared.js';

/**
 * Puts a delivered message's subject (a first message's only: a reply's "Re: …" repeats it and must not outlive
 * it when it is recalled), plain-text body and attachment names into the full-text index (or refreshes
 * them after an edit). Runs in the transaction that delivers or edits the message, so the index never lags.
 */
export async function indexMessage(tx: DbOrTx, messageId: string): Promise<void> {
  // Two statements (issue 15): the document's id whether it is new or not, then its text, replacing what was indexed.
  const { rows } = await execute(tx, `insert into search_docs (message_id) values (?)
    on conflict (message_id) do update set message_id = excluded.message_id returning id`, [messageId]);
  const docId = rows[0]?.[0];
  if (docId === undefined) return;
  await execute(tx, `insert or replace into message_search (rowid, subject, body, attachments)
    select ?, case when parent_id is null then subject else '' end, body_text,
      coalesce((select group_concat(name, ' ') from attachments where message_id = ?), '')
    from messages where id = ?`, [docId, messageId, messageId]);
}

/** Takes a message out of the index: recalled, deleted or expired content is never found again by recipients. */
export async function unindexMessage(tx: DbOrTx, messageId: string): Promise<void> {
  await tx.run(sql`delete from message_search where rowid in (select id from search_docs where message_id = ${messageId})`);
  await tx.run(sql`delete from search_docs where message_id = ${messageId}`);
}
