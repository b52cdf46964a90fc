import type { DbOrTx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import type { Scope } from '../auth/scope.js';

/**
 * How long the dashboard's figures of one scope are served again (issue 24). Organisation-wide over a million-row
 * month they cost ~1.5 s of CPU (bench/receipts.bench.ts); viewers who reload, switch tabs and export would pay it
 * each time. A minute old is fresh enough for figures of 1–90 days: the answer says when it was counted (`to`).
 */
export const SUMMARY_TTL_MS = 60_000;
/** Distinct scopes and windows kept per database: a few roles' subtrees × three windows, with room to spare. */
export const SUMMARY_ENTRIES = 64;

type Entry<T> = { at: number; value: Promise<T> };
const byDatabase = new WeakMap<object, Map<string, Entry<unknown>>>();

/** One key per scope (its subtrees in a fixed order) and window: viewers with the same scope share figures. */
export const scopeKey = (scope: Scope, days: number): string =>
  `${scope.all ? '*' : [...scope.paths].sort().join('|')}#${days}`;

/**
 * The figures of `key` counted at most `SUMMARY_TTL_MS` ago, else `count()`'s; viewers asking while they are being
 * counted wait for the same count. Permission checks stay with the caller, before the key is known: the cache only
 * answers a scope the caller was just found to hold. A failed count is not kept.
 */
export function remembered<T>(db: DbOrTx, key: string, count: () => Promise<T>, at = now()): Promise<T> {
  let entries = byDatabase.get(db);
  if (!entries) byDatabase.set(db, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && at - hit.at < SUMMARY_TTL_MS) return hit.value as Promise<T>;
  for (const [k, e] of entries) if (at - e.at >= SUMMARY_TTL_MS) entries.delete(k);
  if (entries.size >= SUMMARY_ENTRIES) entries.delete(entries.keys().next().value!); // the oldest
  const value = count();
  entries.set(key, { at, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}
