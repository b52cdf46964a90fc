import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Batch } from './batches.js';
import { dialect } from '../../db/dialect.js';

export type Percentiles = { count: number; p50: number | null; p90: number | null };

/** Upper bounds of the buckets that the first pass counts in (ms); the last bucket is open. */
const BOUNDS = [
  1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 2160, 2880, 4320, 7200, 10_080, 20_160,
].map((m) => m * 60_000);
/** How many equal slices the second pass cuts the percentile's bucket into. */
const SLICES = 64;

type Range = { lo: number; hi: number };
type Target = { p: number; rank: number; range: Range; before: number };

/**
 * Median and 90th percentile (nearest rank, exact) of the time from delivery to `column` over the mailbox rows of
 * every batch's messages. A window function over all of them sorted ~800,000 rows in one statement (1.4 s of CPU on
 * the bench's mailbox); a sort cannot be split into batches, counts can. So, batch by batch (each statement short,
 * bench/receipts.bench.ts): (1) rows per log-spaced time bucket, with no sort; (2) inside the bucket holding the
 * percentile's rank, rows per one of 64 equal slices; (3) inside that slice, rows per distinct value — a few hundred
 * rows — from which the rank is counted off exactly.
 */
export async function timeTo(db: DbOrTx, batches: Batch[], column: 'read_at' | 'confirmed_at'): Promise<Percentiles> {
  const at = sql.raw(`mb.${column}`);
  const rows = (batch: Batch) => sql`select ${at} - mb.delivered_at as d from mailbox mb
    where ${batch('mb.message_id')} and ${at} is not null`;

  // (1) Rows below each bound, the smallest and the largest.
  const below = sql.join(
    BOUNDS.map((b, i) => sql`sum(case when d < ${b} then 1 else 0 end) as ${sql.raw(`b${i}`)}`),
    sql`, `,
  );
  let n = 0,
    min = Infinity,
    max = -Infinity;
  const cumulative = BOUNDS.map(() => 0);
  for (const batch of batches) {
    const [r] = await dialect.all<Record<string, number | null>>(
      db,
      sql`select count(*) as n, min(d) as lo, max(d) as hi, ${below} from (${rows(batch)}) t`,
    );
    if (!r || !Number(r.n)) continue;
    n += Number(r.n);
    min = Math.min(min, Number(r.lo));
    max = Math.max(max, Number(r.hi));
    BOUNDS.forEach((_, i) => (cumulative[i]! += Number(r[`b${i}`] ?? 0)));
  }
  if (!n) return { count: 0, p50: null, p90: null };
  cumulative.push(n); // the open last bucket ends with every row
  const targets: Target[] = [50, 90].map((p) => {
    const rank = Math.ceil((n * p) / 100);
    const i = cumulative.findIndex((c) => c >= rank);
    return {
      p,
      rank,
      range: { lo: i === 0 ? min : BOUNDS[i - 1]!, hi: i < BOUNDS.length ? BOUNDS[i]! : max + 1 },
      before: i === 0 ? 0 : cumulative[i - 1]!,
    };
  });

  // (2) Rows per slice of each target's bucket; the slice holding the rank becomes the target's range.
  const slices = await countsPer(
    db,
    batches,
    rows,
    targets,
    (r) => sql`(d - ${int(r.lo)}) * ${int(SLICES)} / ${int(r.hi - r.lo)}`,
  );
  for (const [k, t] of targets.entries()) {
    const { key, before } = walk(slices[k]!, t.rank - t.before);
    t.before += before;
    t.range = sliceRange(t.range, key);
  }

  // (3) Rows per distinct value of the slice: the rank is counted off among them.
  const values = await countsPer(db, batches, rows, targets, () => sql`d`);
  const [p50, p90] = targets.map((t, k) => Math.max(0, walk(values[k]!, t.rank - t.before).key));
  return { count: n, p50: p50!, p90: p90! };
}

/** Integers written into a statement: bound numbers may arrive as REAL, and the slices need integer division. */
const int = (v: number) => sql.raw(String(Math.trunc(v)));
const within = (r: Range) => sql`(d >= ${int(r.lo)} and d < ${int(r.hi)})`;

/**
 * Per target, rows per `group` value inside the target's range, summed over the batches: one scan per batch for all
 * targets. Two targets' ranges are the same or do not overlap (buckets, and slices of one bucket), so each row
 * counts for the first range that holds it, and targets sharing a range share its counts.
 */
async function countsPer(
  db: DbOrTx,
  batches: Batch[],
  rows: (batch: Batch) => SQL,
  targets: Target[],
  group: (r: Range) => SQL,
): Promise<Map<number, number>[]> {
  const ranges: Range[] = [];
  const rangeOf = targets.map((t) => {
    const i = ranges.findIndex((r) => r.lo === t.range.lo && r.hi === t.range.hi);
    return i >= 0 ? i : ranges.push(t.range) - 1;
  });
  const which = sql.join(
    ranges.map((r, i) => sql`when ${within(r)} then ${int(i)}`),
    sql` `,
  );
  const value = sql.join(
    ranges.map((r) => sql`when ${within(r)} then ${group(r)}`),
    sql` `,
  );
  const counts = ranges.map(() => new Map<number, number>());
  for (const batch of batches) {
    const found = await dialect.all<{ r: number; g: number; n: number }>(
      db,
      sql`
      select case ${which} end as r, case ${value} end as g, count(*) as n from (${rows(batch)}) x
      where ${sql.join(ranges.map(within), sql` or `)} group by r, g`,
    );
    for (const f of found) {
      const m = counts[Number(f.r)]!;
      m.set(Number(f.g), (m.get(Number(f.g)) ?? 0) + Number(f.n));
    }
  }
  return rangeOf.map((i) => counts[i]!);
}

/**
 * Integer bounds [lo, hi) of slice `key` of `range`, as the statement's integer division drew it: the whole d with
 * `(d - lo) * SLICES / span = key` are those from lo + ⌈key · span / SLICES⌉ up to lo + ⌈(key + 1) · span / SLICES⌉.
 */
function sliceRange(range: Range, key: number): Range {
  const span = range.hi - range.lo;
  return {
    lo: range.lo + Math.ceil((key * span) / SLICES),
    hi: Math.min(range.hi, range.lo + Math.ceil(((key + 1) * span) / SLICES)),
  };
}

/**
 * The key holding the `rank`-th row (1-based) when the keys are taken in order, and the rows before it. The passes
 * yield between statements, so a receipt written meanwhile can shift a count by a row: the walk then stops at the
 * nearest key rather than failing.
 */
function walk(counts: Map<number, number>, rank: number): { key: number; before: number } {
  const keys = [...counts.keys()].sort((a, b) => a - b);
  let before = 0;
  for (const [i, key] of keys.entries()) {
    const n = counts.get(key)!;
    if (before + n >= rank || i === keys.length - 1) return { key, before };
    before += n;
  }
  return { key: 0, before: 0 }; // nothing counted: only when every row of the bucket changed meanwhile
}
