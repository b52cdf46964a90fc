import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const MAX_WORDS = 5;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * What people type into a search box, against a lower-case text column: every word must occur somewhere
 * (`zhang san`, `zs 市场`), in any order; `%` and `_` are ordinary characters. Undefined for an empty query.
 */
export function matchesWords(column: SQLWrapper, query: string | undefined): SQL | undefined {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  if (!words.length) return undefined;
  return and(...words.map((w) => sql`${column} like ${`%${escapeLike(w)}%`} escape '\\'`));
}
