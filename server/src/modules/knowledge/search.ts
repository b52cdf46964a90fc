// Issue 19 #7: the Knowledge view's text search is the mailbox's (docs/api.md "Search"): one FTS5 trigram index of
// every delivered message (search_docs / message_search, filled when a message is delivered or edited) probed through
// the engine seam, and a substring test for terms shorter than a trigram (2-character Chinese words such as 放假).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { dialect } from '../../db/dialect.js';
import { FTS_MIN_CHARS, OWN_SUBJECT } from '../mailbox/query.js';
import { splitSearch } from '../mailbox/search-syntax.js';

/** The message `messageId` holds `term` (lower-case) in its subject (a first message's), text or file names. */
export function messageHasTerm(messageId: SQLWrapper, term: string): SQL {
  if ([...term].length >= FTS_MIN_CHARS) return dialect.searchTerm(messageId, term);
  return sql`exists (select 1 from messages x where x.id = ${messageId}
    and (${dialect.contains(OWN_SUBJECT('x'), term)} or ${dialect.contains(sql`x.body_text`, term)}
      or exists (select 1 from attachments a where a.message_id = x.id and ${dialect.contains(sql`a.name`, term)})))`;
}

/** Every plain word of `q` must occur (operators such as `from:` describe mailbox entries and are not used here). */
export function textConditions(messageId: SQLWrapper, q: string | undefined): SQL[] {
  if (!q) return [];
  return splitSearch(q).terms.map((term) => messageHasTerm(messageId, term));
}
