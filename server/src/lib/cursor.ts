import { Problem } from '../http/problem.js';

type Part = 'string' | 'number';
type Values<S extends readonly Part[]> = { [K in keyof S]: S[K] extends 'number' ? number : string };

/** An opaque keyset cursor: the sort key of a page's last item. */
export const encodeCursor = (...values: Array<string | number>): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** The sort key back, checked against its shape; anything else is one `400 validation` on `cursor`. */
export function decodeCursor<const S extends readonly Part[]>(cursor: string, shape: S): Values<S> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((v, i) => typeof v !== shape[i])) {
    throw new Problem('validation', 'The cursor is not valid; use the nextCursor of a previous page.', {
      errors: [{ path: 'cursor', code: 'invalid-value', message: 'Not a valid cursor' }],
    });
  }
  return values as Values<S>;
}
