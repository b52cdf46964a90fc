import { and, eq, gt, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from './cursor.js';

/** Keyset pagination on (name, id): the condition for the rows after a cursor. */
export function afterCursor(cursor: string | undefined, name: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const [n, i] = decodeCursor(cursor, ['string', 'string'] as const);
  return or(gt(name as never, n), and(eq(name as never, n), gt(id as never, i)));
}

/** `{ items, nextCursor }` from a query that fetched `limit + 1` rows ordered by (name, id). */
export function page<T extends { name: string; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
}
