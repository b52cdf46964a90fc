// Hand-written SQL on PostgreSQL (issue 18): the `readRows` / `execute` contract of db/prepared.ts — positional `?`
// arguments, rows as arrays — on the pool, or on the connection of the transaction a drizzle handle holds.
import { createHash } from 'node:crypto';
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'>;

/** The pool (a database handle) or the pooled client (a transaction) behind a drizzle PostgreSQL handle. */
export const clientOf = (db: unknown): Queryable => (db as { session: { client: Queryable } }).session.client;

const converted = new Map<string, { text: string; name: string }>();

/**
 * `?` placeholders as `$1, $2 …` (outside quoted literals and names), and a statement name, so that each pooled
 * connection parses a statement once and reuses it (the embedded engine's prepared-statement cache). Cached per text.
 */
export function toPgQuery(sql: string): { text: string; name: string } {
  let q = converted.get(sql);
  if (q) return q;
  let text = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '?') {
      text += `$${++n}`;
      continue;
    }
    text += ch;
  }
  q = { text, name: `h${createHash('sha1').update(text).digest('hex').slice(0, 20)}` };
  if (converted.size > 2000) converted.clear();
  converted.set(sql, q);
  return q;
}

/** An argument as node-postgres should send it: what the embedded engine's client would store, minus its 0/1. */
function toPgValue(value: unknown): unknown {
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

export async function pgRows(db: unknown, sql: string, args: readonly unknown[]) {
  const r = await clientOf(db).query({ ...toPgQuery(sql), values: args.map(toPgValue), rowMode: 'array' });
  return { rows: r.rows as unknown[][], rowsAffected: r.rowCount ?? 0 };
}
