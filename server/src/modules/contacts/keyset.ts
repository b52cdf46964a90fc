import { and, eq, gt, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { Problem } from '../../http/problem.js';

/** Keyset pagination on (name, id): the cursor is the last item's pair, opaque to callers. */
export const encodeCursor = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString('base64url');

export function afterCursor(cursor: string | undefined, name: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  let pair: unknown;
  try {
    pair = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Problem('validation', 'The cursor is not valid; use the nextCursor of a previous page.');
  }
  if (!Array.isArray(pair) || pair.length !== 2 || pair.some((p) => typeof p !== 'string')) {
    throw new Problem('validation', 'The cursor is not valid; use the nextCursor of a previous page.');
  }
  const [n, i] = pair as [string, string];
  return or(gt(name as never, n), and(eq(name as never, n), gt(id as never, i)));
}

/** `{ items, nextCursor }` from a query that fetched `limit + 1` rows. */
export function page<T extends { name: string; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
}
