// Issue 19 #7: the Knowledge view's text search is the mailbox's (docs/api.md "Search"): one FTS5 trigram index of
// every delivered message (search_docs / message_search, filled when a message is delivered or edited) probed through
// the engine seam, and a substring test for terms shorter than a trigram (2-character Chinese words such as 放假).
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { messageHasTerm } from '../mailbox/query.js';
import { splitSearch } from '../mailbox/search-syntax.js';

/** Every plain word of `q` must occur (operators such as `from:` describe mailbox entries and are not used here). */
export function textConditions(messageId: SQLWrapper, q: string | undefined): SQL[] {
  if (!q) return [];
  return splitSearch(q).terms.map((term) => messageHasTerm(messageId, term));
}
