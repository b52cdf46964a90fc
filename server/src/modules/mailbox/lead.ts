// A search led by its rarest word (SQLite only; docs/architecture.md "Filter shapes for a planner without statistics").
//
// Herald's SQLite runs without planner statistics ("Planner statistics: none, on purpose"), so its planner takes
// `mb.owner_id = ?` for about ten rows and answers a search by walking the owner's entries in order
// (`mailbox_owner_idx`), testing each one against the word's matches: 24–30 ms for a mailbox of 100,000 entries
// however few match. When a word matches few messages (counted first, capped), the search is led by them instead:
// the owner's entries of those messages are looked up by key and sorted. PostgreSQL keeps statistics and chooses by
// itself, so it is never led.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { ftsString } from '../../db/sqlite/dialect.js';

/**
 * Above this many matching messages the walk is cheaper, or no worse. Leading costs ~3–4 µs per matching message
 * (key look-ups and a sort), the walk ~0.1–0.25 µs per entry of the whole mailbox: at 1,000 a led search costs a few
 * ms at most, where a walk of 100,000 entries costs 24–30.
 */
export const LEAD_MAX = 1000;

/**
 * The word of `terms` with the fewest matching messages, organisation-wide, when it has at most LEAD_MAX; one
 * statement, each count stopping at LEAD_MAX + 1. None on PostgreSQL. The caller passes only words the FTS index
 * answers (3 or more characters, `mailboxLead`).
 */
export async function chooseLead(db: DbOrTx, terms: readonly string[]): Promise<string | undefined> {
  if (ENGINE !== 'sqlite' || !terms.length) return undefined;
  const counts = terms.map(
    (term, i) =>
      sql`(select count(*) from (select 1 from message_search where message_search match ${ftsString(term)}
        limit ${LEAD_MAX + 1})) as ${sql.identifier(`n${i}`)}`,
  );
  const [row] = await dialect.all<Record<string, number>>(db, sql`select ${sql.join(counts, sql`, `)}`);
  let best: { term: string; n: number } | undefined;
  terms.forEach((term, i) => {
    const n = Number(row?.[`n${i}`]);
    if (n <= LEAD_MAX && (!best || n < best.n)) best = { term, n };
  });
  return best?.term;
}

/**
 * The condition that leads: the rowids of `ownerId`'s entries of the messages holding `term`. The caller writes its
 * owner test as `+mb.owner_id = ?` (the unary plus keeps SQLite from walking `mailbox_owner_idx` for it) and drops
 * the word's own test, which this replaces.
 */
export const leadCondition = (ownerId: string | SQLWrapper, term: string): SQL =>
  sql`mb.rowid in (select m2.rowid from search_docs d cross join mailbox m2
    on m2.message_id = d.message_id and m2.owner_id = ${ownerId}
    where d.id in (select rowid from message_search where message_search match ${ftsString(term)}))`;
