// `pnpm herald migrate-data --from file:… --to postgres://…` (issue 18 item 5; README "Moving to PostgreSQL"): copies a
// whole embedded installation, with its attachments, into an empty PostgreSQL database, then proves the copy by row
// counts and checksums. The only place that holds both engines at once: it reads the source file through libsql and
// writes the target through its own node-postgres connection, table by table from the catalogs, never through the
// services (whose tables are picked for one engine per process).
//
// How (docs/postgresql-plan.md §6):
// 1. The target is migrated with Herald's own PostgreSQL migrations and must then hold no data.
// 2. The source is copied by SQLite itself (`VACUUM INTO`, one read transaction: one moment of it, as `backup` does)
//    into a snapshot beside it; Herald may keep running meanwhile, but what it writes afterwards is not in the copy.
//    The snapshot is brought to this Herald's SQLite migrations if it is older. The source file is never written.
// 3. Blobs: every attachment's and drawn signature's bytes are streamed from the source store to the target store
//    (skipped when both are the same store), hashed on the way. One already in the target at the right size is not
//    copied again, so a second run continues where a failed one stopped.
// 4. Tables: one PostgreSQL transaction. Foreign keys are dropped and added again at the end (which checks every
//    reference, in any table order, self-references too), secondary indexes likewise (built once over all the rows),
//    user triggers are disabled (the derived rows — inbox counts,
//    listing versions, epochs — are copied as the source's triggers kept them). Rows are read in primary-key order,
//    `BATCH_ROWS` at a time, and inserted with one `json_populate_recordset` statement per batch (the table's own row
//    type converts: SQLite's 0/1 to booleans, integers to bigint). Then the search text is rebuilt by its trigger, the
//    identity sequences are set past the copied ids, and everything is verified inside the same transaction: per table
//    the row count and a SHA-256 over normalised rows in primary-key order, computed on each side; the inbox counts
//    against a recount; each search document's text against the source's FTS5 row. Any difference rolls the whole copy
//    back (the target stays empty), so a run is all or nothing and can simply be repeated.
// 5. The blobs in the target store are read back and hashed against the sizes and SHA-256 the rows record.
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { migrate as migrateSqlite } from 'drizzle-orm/libsql/migrator';
import { drizzle } from 'drizzle-orm/libsql';
import { createClient } from '@libsql/client';
import pg from 'pg';
import type { BlobStore } from '../blob-store/store.js';
import { LocalBlobStore } from '../blob-store/local.js';
import { migratePostgres } from '../db/migrate.js';
import { MIGRATIONS_FOLDER } from '../paths.js';
import { OpsError } from './backup.js';
import { shown, shownBlobs } from './data-folder.js';
import { appliedMigration, attachmentRefs, knownMigrations, type AttachmentRef } from './manifest.js';
import { SqliteFile, headerProblem, sqliteCause } from './sqlite-file.js';
import { sumBlob, summingTap } from './verify.js';

/** Rows read and inserted at a time: bounded memory whatever the table's size. */
export const BATCH_ROWS = 1000;

/** Tables the migrations fill with their one row: the only rows an "empty" target may hold. */
const SEEDED_BY_MIGRATIONS = new Set(['identity_epoch', 'listing_epoch']);

/** Columns the PostgreSQL side derives itself (search text: a trigger), absent from the source. */
const DERIVED_COLUMNS: Record<string, string[]> = { search_docs: ['text'] };

/** Source tables with no twin on purpose: SQLite's bookkeeping and the FTS5 index (PostgreSQL: `search_docs.text`). */
const SOURCE_ONLY = (name: string) =>
  name.startsWith('sqlite_') || name === '__drizzle_migrations' || /^message_search(_|$)/.test(name);

export type MigrateDataOptions = {
  /** The embedded database file. */
  from: string;
  /** `postgres://…` of the target database (its password better in PGPASSWORD than in the URL). */
  to: string;
  fromBlobs: BlobStore;
  /** Where the attachments go; null: the target Herald uses the same store, nothing is copied. */
  toBlobs: BlobStore | null;
  /** One line of progress at a time (default: nothing). */
  progress?: (line: string) => void;
  /** Rows per batch (tests make it small to cross batch boundaries). */
  batchRows?: number;
  /**
   * Aborted when the command is interrupted (Ctrl-C, SIGTERM, SIGHUP): the source snapshot is removed before the
   * listener returns, the target's session is ended (its open transaction rolled back by PostgreSQL, its locks gone,
   * even mid-statement) and the connection closed. `onInterrupt` is then told what the target holds, and when the
   * session is gone.
   */
  signal?: AbortSignal;
  onInterrupt?: (outcome: { text: string; settled: Promise<void> }) => void;
};

/** How far a run got: what an interrupt leaves in the target. */
type Stage = 'checking' | 'migrating' | 'copying' | 'committing' | 'done';
const LEFT_BY_STAGE: Record<Stage, string> = {
  checking: 'nothing was written to the target',
  migrating:
    "the target's migration under way was rolled back (the target may hold part of Herald's tables, and no rows: a " +
    'new run goes on from there)',
  copying: "the copy into the target was rolled back (it holds Herald's tables and no rows)",
  committing:
    'the copy was being committed and may be complete: look at the target before using it (a new run refuses a ' +
    'target that holds rows)',
  done: 'the copy had been committed',
};

/**
 * Ends a target session from a second connection (PostgreSQL notices a closed client only when its statement ends: an
 * index build could go on for minutes, holding its locks). Bounded: an unreachable server is left to notice alone.
 */
async function endSession(url: string, pid: number): Promise<void> {
  const other = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await other.connect();
    await other.query('select pg_terminate_backend($1)', [pid]);
  } catch {
    // The session ends anyway once its statement does.
  } finally {
    await other.end().catch(() => {});
  }
}

export type TableReport = {
  table: string;
  /** Rows in the source snapshot and in the target after the copy. */
  sourceRows: number;
  targetRows: number;
  sourceSum: string;
  targetSum: string;
  ok: boolean;
};

export type MigrateReport = {
  ok: boolean;
  /** When the source snapshot was taken: later writes to the source are not in the copy. */
  snapshotAt: Date;
  tables: TableReport[];
  /** Derived data checked on the target: inbox counts against a recount, search text against the source's index. */
  derived: Array<{ what: string; ok: boolean; details?: string[] }>;
  blobs: {
    /** Distinct blobs the copied rows reference. */
    count: number;
    bytes: number;
    copied: number;
    /** Already in the target at the right size (a repeated run). */
    present: number;
    /** The target is the source store: nothing copied, only checked. */
    sameStore: boolean;
    /** Unsent uploads whose bytes were swept meanwhile: left out, as a backup does. */
    dropped: number;
    problems: string[];
  };
  /** Why the copy was rolled back or is incomplete (empty when ok). */
  problems: string[];
  seconds: number;
};

type Column = { name: string; type: 'text' | 'bigint' | 'integer' | 'boolean' };
type Table = { name: string; columns: Column[]; copied: Column[]; key: string[] };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const MAX_DETAILS = 10;
const listed = (items: string[]) => [
  ...items.slice(0, MAX_DETAILS),
  ...(items.length > MAX_DETAILS ? [`… and ${items.length - MAX_DETAILS} more`] : []),
];

/** A PostgreSQL URL as an operator may see it printed: no password. */
export function shownPgUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    // Review: node-postgres also takes the password as a query parameter.
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '…');
    return u.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}

/** Our own connection: integers as exact decimal text (hashed as text on both sides), booleans as booleans. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'herald-migrate-data',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 || oid === pg.types.builtins.INT4 || oid === pg.types.builtins.INT2
          ? (v: string) => v
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  try {
    await client.connect();
  } catch (err) {
    throw new OpsError(`Cannot connect to ${shownPgUrl(url)}: ${(err as Error).message}`);
  }
  client.on('error', () => {}); // reported by the query that meets it
  return client;
}

/** A value as both sides are hashed: null, true/false, integers as decimal text, text as it is. */
function normalised(value: unknown, column: Column, where: () => string): string | boolean | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'boolean':
      if (value === true || value === 1 || value === 1n) return true;
      if (value === false || value === 0 || value === 0n) return false;
      throw new OpsError(`${where()}: ${String(value)} is not a boolean (0 or 1)`);
    case 'bigint':
    case 'integer':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return value.replace(/^(-?)0+(?=\d)/, '$1');
      throw new OpsError(`${where()}: ${JSON.stringify(value)} is not a whole number`);
    case 'text':
      if (typeof value !== 'string') throw new OpsError(`${where()}: a ${typeof value} value where text belongs`);
      // PostgreSQL refuses NUL in text (22021); Herald's input edge refuses control characters, so this is damage.
      if (value.includes('\u0000')) throw new OpsError(`${where()}: the text holds a NUL character (U+0000)`);
      return value;
  }
}

/** Hashes rows in order: SHA-256 over one canonical JSON line per row. */
class RowSum {
  readonly #hash = createHash('sha256');
  rows = 0;
  add(values: Array<string | boolean | null>) {
    this.#hash.update(JSON.stringify(values));
    this.#hash.update('\n');
    this.rows++;
  }
  digest = () => this.#hash.digest('hex');
}

/** Every table of the target (public schema) with its columns and primary key, from the catalog. */
async function targetTables(client: pg.Client): Promise<Table[]> {
  const { rows } = await client.query<{ table: string; column: string; type: string; key: number | null }>(
    `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
       array_position(i.indkey::int2[], a.attnum) as "key"
     from pg_class c
     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     left join pg_index i on i.indrelid = c.oid and i.indisprimary
     where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
     order by c.relname, a.attnum`,
  );
  const tables = new Map<string, Table & { keyAt: Array<[number, string]> }>();
  for (const r of rows) {
    const t = tables.get(r.table) ?? { name: r.table, columns: [], copied: [], key: [], keyAt: [] };
    tables.set(r.table, t);
    if (!['text', 'bigint', 'integer', 'boolean'].includes(r.type))
      throw new OpsError(`${r.table}.${r.column}: type ${r.type} is not one this command converts`);
    const column = { name: r.column, type: r.type as Column['type'] };
    t.columns.push(column);
    if (!DERIVED_COLUMNS[r.table]?.includes(r.column)) t.copied.push(column);
    if (r.key !== null) t.keyAt.push([Number(r.key), r.column]);
  }
  return [...tables.values()].map(({ keyAt, ...t }) => {
    if (!keyAt.length) throw new OpsError(`${t.name} has no primary key: rows cannot be copied in order`);
    return { ...t, key: keyAt.sort((a, b) => a[0] - b[0]).map(([, c]) => c) };
  });
}

/** The source's tables and columns must be the target's: the same Herald version's two schemas. */
async function checkSameSchema(source: SqliteFile, tables: Table[]): Promise<void> {
  const names = await source.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
  const sourceTables = new Set(names.map((n) => n.name).filter((n) => !SOURCE_ONLY(n)));
  const problems: string[] = [];
  for (const t of tables) {
    if (!sourceTables.delete(t.name)) {
      problems.push(`${t.name}: in PostgreSQL, not in the source`);
      continue;
    }
    const cols = await source.all<{ name: string }>(`SELECT name FROM pragma_table_info(${sqlText(t.name)})`);
    const have = new Set(cols.map((c) => c.name));
    for (const c of t.copied) if (!have.delete(c.name)) problems.push(`${t.name}.${c.name}: not in the source`);
    for (const c of have) problems.push(`${t.name}.${c}: in the source, not in PostgreSQL`);
  }
  for (const n of sourceTables) problems.push(`${n}: in the source, not in PostgreSQL`);
  if (problems.length)
    throw new OpsError(
      `The source and target schemas differ (a Herald version mismatch?):\n  ${listed(problems).join('\n  ')}`,
    );
}

/** Row counts of every target table; the tables that hold data a fresh migration does not put there. */
async function rowsInTarget(client: pg.Client, tables: Table[]): Promise<string[]> {
  const held: string[] = [];
  for (const t of tables) {
    if (SEEDED_BY_MIGRATIONS.has(t.name)) continue;
    const { rows } = await client.query(`select exists (select 1 from ${quote(t.name)}) as "any"`);
    if (rows[0].any) held.push(t.name);
  }
  return held;
}

/** Where this process puts its snapshot of `from`: beside it (same disk, so no surprise with a small /tmp). */
export const snapshotFile = (from: string) => join(dirname(from), `.${basename(from)}.migrate-${process.pid}`);

/** Removes a snapshot and what SQLite may keep beside it while it is open (synchronous: safe on the way out). */
function removeSnapshot(file: string) {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** A moment of the source, in a file of our own beside it (`snapshotFile`). */
async function snapshot(from: string): Promise<{ file: string; at: Date }> {
  if (!existsSync(from)) throw new OpsError(`There is no database at ${shown(from)}.`);
  const problem = headerProblem(from);
  if (problem) throw new OpsError(`${shown(from)} ${problem}`);
  const file = snapshotFile(from);
  await rm(file, { force: true });
  const live = await SqliteFile.open(from).catch((err: unknown) => {
    throw new OpsError(`${shown(from)} ${sqliteCause(err)}`);
  });
  const at = new Date();
  try {
    await live.exec(`VACUUM INTO ${sqlText(file)}`);
  } catch (err) {
    await rm(file, { force: true });
    throw new OpsError(`${shown(from)} ${sqliteCause(err)}`);
  } finally {
    live.close();
  }
  return { file, at };
}

/** Brings the snapshot to this Herald's SQLite migrations (an older installation), or refuses a newer one. */
async function migrateSnapshot(file: string, progress: (line: string) => void): Promise<void> {
  const probe = await SqliteFile.open(file);
  let applied: Awaited<ReturnType<typeof appliedMigration>>;
  try {
    applied = await appliedMigration(probe);
  } finally {
    probe.close();
  }
  const known = await knownMigrations();
  if (applied.migration?.startsWith('unknown') || applied.migrations > known.length)
    throw new OpsError(
      `The source was written by a newer Herald (migration ${applied.migration}): run migrate-data from that version.`,
    );
  if (applied.migrations === known.length) return;
  progress(`The source is at migration ${applied.migration ?? 'none'}; bringing the snapshot to ${known.at(-1)?.tag}.`);
  const client = createClient({ url: `file:${file}` });
  try {
    await migrateSqlite(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    client.close();
  }
}

const perSecond = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms) : n);
const fmt = (n: number) => n.toLocaleString('en-US');

/** A progress line at most every 2 s (and always the last). */
function throttled(progress: (line: string) => void) {
  let last = performance.now();
  return (line: () => string, force = false) => {
    const now = performance.now();
    if (!force && now - last < 2000) return;
    last = now;
    progress(line());
  };
}

/** Streams every referenced blob to the target store; drops unsent uploads whose bytes are gone from the snapshot. */
async function copyBlobs(
  snap: SqliteFile,
  options: MigrateDataOptions,
  report: MigrateReport['blobs'],
  progress: (line: string) => void,
): Promise<AttachmentRef[]> {
  const { fromBlobs, toBlobs } = options;
  const refs = await attachmentRefs(snap);
  const byKey = new Map<string, AttachmentRef>();
  for (const ref of refs) if (!byKey.has(ref.blob_key)) byKey.set(ref.blob_key, ref);
  const tick = throttled(progress);
  const started = performance.now();
  let done = 0;
  let bytes = 0;
  for (const [key, ref] of byKey) {
    done++;
    tick(() => `  blobs ${fmt(done)} / ${fmt(byKey.size)} (${(bytes / 1e6).toFixed(1)} MB)`);
    if (!toBlobs) continue;
    const there = await toBlobs.stat(key);
    if (there?.size === ref.size) {
      report.present++;
      continue;
    }
    const from = await fromBlobs.get(key);
    if (!from) continue; // reported by the check below (or dropped, for an unsent upload)
    const { tap, sum } = summingTap();
    from.on('error', (err) => tap.destroy(err));
    await toBlobs.put(key, from.pipe(tap));
    const { size, sha256 } = sum();
    bytes += size;
    report.copied++;
    if (size !== ref.size || sha256 !== ref.sha256)
      report.problems.push(`${ref.id}: the source's bytes differ from what its row records (size or SHA-256)`);
  }
  // What is missing in the source: an unsent upload swept meanwhile is left out; anything else is a problem.
  const kept: AttachmentRef[] = [];
  for (const ref of refs) {
    const inSource = (await fromBlobs.stat(ref.blob_key)) !== null;
    if (inSource || (toBlobs && (await toBlobs.stat(ref.blob_key)) !== null)) {
      kept.push(ref);
    } else if (ref.message_id === null) {
      await snap.exec(`DELETE FROM attachments WHERE id = ${sqlText(ref.id)}`);
      report.dropped++;
    } else {
      kept.push(ref);
      report.problems.push(`${ref.id}: no bytes in ${shownBlobs(fromBlobs)} (key ${ref.blob_key})`);
    }
  }
  if (toBlobs)
    tick(
      () =>
        `  blobs: ${fmt(report.copied)} copied (${(bytes / 1e6).toFixed(1)} MB, ` +
        `${(perSecond(bytes, performance.now() - started) / 1e6).toFixed(1)} MB/s), ` +
        `${fmt(report.present)} already there`,
      true,
    );
  return kept;
}

/** Copies one table in primary-key order, a batch at a time; returns the source's row sum. */
async function copyTable(
  snap: SqliteFile,
  client: pg.Client,
  table: Table,
  batchRows: number,
  progress: (line: string) => void,
): Promise<RowSum> {
  const sum = new RowSum();
  const cols = table.copied.map((c) => quote(c.name)).join(', ');
  // One statement over the whole table in primary-key order (byte order for text, as PostgreSQL's `collate "C"`),
  // stepped a batch at a time: keyset pages over composite keys made SQLite scan the table again for every page.
  const select =
    `SELECT ${cols} FROM ${quote(table.name)} ` +
    `ORDER BY ${table.key.map((k) => `${quote(k)} COLLATE BINARY`).join(', ')}`;
  const insert =
    `insert into ${quote(table.name)} (${cols}) select ${cols} ` +
    `from json_populate_recordset(null::${quote(table.name)}, $1::json)`;
  const total = (await snap.all<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table.name)}`))[0]?.n ?? 0;
  const tick = throttled(progress);
  const started = performance.now();
  const rows = await snap.iterate<Record<string, unknown>>(select);
  for (let done = false; !done;) {
    const batch: Array<Record<string, string | boolean | null>> = [];
    while (batch.length < batchRows) {
      const next = rows.next();
      if (next.done) {
        done = true;
        break;
      }
      const row = next.value;
      const values = table.copied.map((c) =>
        normalised(row[c.name], c, () => `${table.name} ${JSON.stringify(table.key.map((k) => row[k]))} ${c.name}`),
      );
      sum.add(values);
      batch.push(Object.fromEntries(table.copied.map((c, i) => [c.name, values[i]!])));
    }
    try {
      if (batch.length) await client.query(insert, [JSON.stringify(batch)]);
    } catch (err) {
      throw new OpsError(`${table.name}: PostgreSQL refused rows near row ${fmt(sum.rows)}: ${(err as Error).message}`);
    }
    tick(
      () =>
        `  ${table.name}: ${fmt(sum.rows)} / ${fmt(total)} rows (${Math.floor((sum.rows * 100) / (total || 1))}%, ` +
        `${fmt(perSecond(sum.rows, performance.now() - started))} rows/s)`,
    );
  }
  return sum;
}

/** The target's row sum of a table, read back through a cursor in the same order (text keys in byte order). */
async function targetSum(client: pg.Client, table: Table, batchRows: number): Promise<RowSum> {
  const sum = new RowSum();
  const cols = table.copied.map((c) => quote(c.name)).join(', ');
  const order = table.key
    .map((k) => (table.columns.find((c) => c.name === k)!.type === 'text' ? `${quote(k)} collate "C"` : quote(k)))
    .join(', ');
  await client.query(
    `declare herald_verify no scroll cursor for select ${cols} from ${quote(table.name)} order by ${order}`,
  );
  try {
    for (;;) {
      const { rows } = await client.query<unknown[]>({
        text: `fetch ${batchRows} from herald_verify`,
        rowMode: 'array',
      });
      for (const row of rows)
        sum.add(table.copied.map((c, i) => normalised(row[i], c, () => `${table.name} (target) ${c.name}`)));
      if (rows.length < batchRows) break;
    }
  } finally {
    await client.query('close herald_verify');
  }
  return sum;
}

/** Inbox counts on the target against a recount of its entries (the 0009 definition); rows of zeros equal none. */
async function checkCounts(client: pg.Client): Promise<MigrateReport['derived'][number]> {
  const { rows } = await client.query<{ owner: string; stored: string; counted: string }>(
    `with counted as (
       select e.owner_id, count(*) as inbox,
         count(*) filter (where e.read_at is null and e.expires_at is null) as unread,
         count(*) filter (where e.read_at is null and e.expires_at is null and e.priority = 'urgent') as unread_urgent
       from mailbox e join messages m on m.id = e.message_id and m.deleted_at is null and m.status = 'sent'
       where e.deleted_at is null and e.archived_at is null group by e.owner_id)
     select coalesce(s.owner_id, c.owner_id) as owner,
       concat_ws('/', coalesce(s.inbox, 0), coalesce(s.unread, 0), coalesce(s.unread_urgent, 0)) as stored,
       concat_ws('/', coalesce(c.inbox, 0), coalesce(c.unread, 0), coalesce(c.unread_urgent, 0)) as counted
     from mailbox_counts s full join counted c on c.owner_id = s.owner_id
     where coalesce(s.inbox, 0) <> coalesce(c.inbox, 0) or coalesce(s.unread, 0) <> coalesce(c.unread, 0)
       or coalesce(s.unread_urgent, 0) <> coalesce(c.unread_urgent, 0)`,
  );
  return rows.length
    ? {
        what: `inbox counts: ${rows.length} owner(s) differ from a recount (inbox/unread/urgent)`,
        ok: false,
        details: listed(rows.map((r) => `${r.owner}: stored ${r.stored}, recounted ${r.counted}`)),
      }
    : { what: 'inbox counts match a recount of the entries', ok: true };
}

/**
 * Each search document's text (rebuilt on the target by its trigger) against the source's FTS5 row: the same words,
 * lower-cased (both engines search lower-cased text), in id order, a batch at a time.
 */
async function checkSearchText(snap: SqliteFile, client: pg.Client, batchRows: number) {
  const bad: string[] = [];
  let after = -1;
  let checked = 0;
  for (;;) {
    const source = await snap.all<{ id: number; text: string }>(
      `SELECT d.id, coalesce(s.subject, '') || char(10) || coalesce(s.body, '') || char(10) ||
         coalesce(s.attachments, '') AS text
       FROM search_docs d LEFT JOIN message_search s ON s.rowid = d.id WHERE d.id > ? ORDER BY d.id LIMIT ?`,
      after,
      batchRows,
    );
    if (!source.length) break;
    // Lower-cased by PostgreSQL's own lower(), as its trigger does (JavaScript's differs, e.g. for a final sigma).
    const { rows } = await client.query<{ id: string }>(
      `select s.id from unnest($1::bigint[], $2::text[]) as s(id, text)
       left join search_docs d on d.id = s.id where d.text is distinct from lower(s.text) order by s.id`,
      [source.map((s) => s.id), source.map((s) => s.text)],
    );
    for (const r of rows) bad.push(`search document ${r.id}`);
    checked += source.length;
    after = source[source.length - 1]!.id;
    if (source.length < batchRows) break;
  }
  return bad.length
    ? {
        what: `search text: ${bad.length} of ${checked} documents differ from the source's index`,
        ok: false,
        details: listed(bad),
      }
    : { what: `search text of ${fmt(checked)} documents matches the source's index`, ok: true };
}

/** Reads every blob back from the target store (or the shared one) and checks its size and SHA-256. */
async function checkBlobs(
  refs: AttachmentRef[],
  store: BlobStore,
  progress: (line: string) => void,
): Promise<string[]> {
  const bad: string[] = [];
  const seen = new Set<string>();
  const tick = throttled(progress);
  for (const ref of refs) {
    if (seen.has(ref.blob_key)) continue;
    seen.add(ref.blob_key);
    tick(() => `  checking blobs ${fmt(seen.size)} …`);
    const size = (await store.stat(ref.blob_key))?.size ?? null;
    if (size === null) bad.push(`${ref.id}: missing in ${shownBlobs(store)} (key ${ref.blob_key})`);
    else if (size !== ref.size) bad.push(`${ref.id}: ${size} bytes in the target store, ${ref.size} recorded`);
    else if ((await sumBlob(store, ref.blob_key)) !== ref.sha256) bad.push(`${ref.id}: SHA-256 differs`);
  }
  return bad;
}

/** Whether two stores are the same place (then nothing is copied). */
export function sameBlobStore(a: BlobStore, b: BlobStore): boolean {
  if (a instanceof LocalBlobStore && b instanceof LocalBlobStore) return resolve(a.dir) === resolve(b.dir);
  return a.location === b.location;
}

/** The whole move; see the file's comment. Throws OpsError when it cannot start; the report says whether it held. */
export async function migrateData(options: MigrateDataOptions): Promise<MigrateReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const from = resolve(options.from);
  const toBlobs = options.toBlobs && !sameBlobStore(options.fromBlobs, options.toBlobs) ? options.toBlobs : null;
  const report: MigrateReport = {
    ok: false,
    snapshotAt: new Date(),
    tables: [],
    derived: [],
    blobs: { count: 0, bytes: 0, copied: 0, present: 0, sameStore: !toBlobs, dropped: 0, problems: [] },
    problems: [],
    seconds: 0,
  };
  const client = await connect(options.to);
  let snapFile: string | undefined;
  // Interrupted (the command's SIGINT/SIGTERM/SIGHUP): nothing of the copy may stay. The snapshot — complete or still
  // being written — is removed now, since the process exits right after; the target's session is ended from a second
  // connection (`endSession`), so PostgreSQL rolls its transaction back at once, whatever statement it was in.
  let stage: Stage = 'checking';
  const interrupted = () => {
    if (snapFile) removeSnapshot(snapFile);
    const pid = (client as pg.Client & { processID?: number }).processID;
    const settled = (async () => {
      if (pid && stage !== 'done') await endSession(options.to, pid);
      await client.end().catch(() => {});
    })();
    options.onInterrupt?.({ text: LEFT_BY_STAGE[stage], settled });
  };
  options.signal?.addEventListener('abort', interrupted, { once: true });
  try {
    const [{ encoding }] = (
      await client.query(
        'select pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()',
      )
    ).rows;
    if (encoding !== 'UTF8')
      throw new OpsError(
        `The target database's encoding is ${encoding}; Herald needs UTF8 (create it with ENCODING 'UTF8').`,
      );
    // Review: checked before anything is written to it — a mistyped --to must not gain Herald's tables, nor an older
    // Herald's database be upgraded under its running nodes.
    const before = await targetTables(client);
    if (before.length) {
      const [{ herald }] = (
        await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as "herald"`)
      ).rows;
      const held = herald ? await rowsInTarget(client, before) : before.map((t) => t.name);
      if (!herald || held.length)
        throw new OpsError(
          `The target already holds ${herald ? 'data' : 'tables'} (${listed(held).join(', ')}): ` +
            'migrate-data copies into a new, empty database only, and left this one as it was. ' +
            'Create a new database (createdb) and run it again.',
        );
    }
    progress(`Migrating the target ${shownPgUrl(options.to)} to Herald's schema …`);
    stage = 'migrating';
    await migratePostgres(client, progress);
    stage = 'copying';
    const tables = await targetTables(client);
    const held = await rowsInTarget(client, tables);
    if (held.length)
      throw new OpsError(
        `The target already holds data (${listed(held).join(', ')}): ` +
          'migrate-data copies into an empty database only. Create a new database (createdb) and run it again.',
      );

    progress(`Taking a snapshot of ${shown(from)} …`);
    snapFile = snapshotFile(from); // known before it is written: an interrupt removes a half-written one too
    const snap = await snapshot(from);
    report.snapshotAt = snap.at;
    await migrateSnapshot(snap.file, progress);
    const source = await SqliteFile.open(snap.file);
    try {
      await checkSameSchema(source, tables);

      progress(
        toBlobs
          ? `Copying attachments from ${shownBlobs(options.fromBlobs)} to ${shownBlobs(toBlobs)} …`
          : `Attachments stay in ${shownBlobs(options.fromBlobs)} (the target uses the same store): ` +
              'not copied, only checked.',
      );
      const refs = await copyBlobs(source, { ...options, toBlobs }, report.blobs, progress);
      const distinct = new Map(refs.map((r) => [r.blob_key, r.size]));
      report.blobs.count = distinct.size;
      report.blobs.bytes = [...distinct.values()].reduce((a, b) => a + b, 0);
      // Review: an attachment the source cannot give stops the run before any table is written (it was copied and
      // committed anyway, leaving a target that a second run then refused as not empty).
      if (report.blobs.problems.length || report.problems.length) {
        for (const p of listed(report.blobs.problems)) report.problems.push(`attachment ${p}`);
        report.problems.push('No row was written to the target database: mend the attachments, then run it again.');
        report.ok = false;
        report.seconds = (performance.now() - started) / 1000;
        return report;
      }
      // The target store is checked before the tables commit, so that any difference rolls the whole copy back.
      progress('Verifying the attachments in the target store (size and SHA-256) …');
      report.blobs.problems.push(...(await checkBlobs(refs, toBlobs ?? options.fromBlobs, progress)));

      progress(`Copying ${tables.length} tables (one transaction; ${fmt(batchRows)} rows a batch) …`);
      const sourceSums = new Map<string, RowSum>();
      await client.query('begin');
      try {
        await client.query("set local statement_timeout = 0; set local lock_timeout = '10s'");
        const { rows: fks } = await client.query<{ table: string; name: string; def: string }>(
          `select conrelid::regclass::text as "table", conname as "name", pg_get_constraintdef(oid) as "def"
           from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
        );
        try {
          for (const t of tables) await client.query(`alter table ${quote(t.name)} disable trigger user`);
        } catch (err) {
          if ((err as { code?: string }).code !== '55P03') throw err;
          throw new OpsError('The target is in use (a table stayed locked for 10 s): is a Herald running on it?');
        }
        // Every table is locked now (ALTER TABLE): nobody can have written since the check above, but check again.
        const since = await rowsInTarget(client, tables);
        if (since.length) throw new OpsError(`The target received data meanwhile (${listed(since).join(', ')}).`);
        for (const t of SEEDED_BY_MIGRATIONS) await client.query(`delete from ${quote(t)}`); // the source's rows win
        for (const fk of fks) await client.query(`alter table ${fk.table} drop constraint ${quote(fk.name)}`);
        // Indexes other than the keys are built again after the rows are in: one sort each instead of a million
        // inserts into each (what pg_restore does too).
        const { rows: indexes } = await client.query<{ name: string; def: string }>(
          `select i.indexrelid::regclass::text as "name", pg_get_indexdef(i.indexrelid) as "def"
           from pg_index i join pg_class c on c.oid = i.indrelid
           where c.relnamespace = 'public'::regnamespace
             and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
        );
        for (const index of indexes) await client.query(`drop index ${index.name}`);
        for (const t of tables) {
          const tableStarted = performance.now();
          const sum = await copyTable(source, client, t, batchRows, progress);
          sourceSums.set(t.name, sum);
          if (sum.rows)
            progress(
              `  ${t.name}: ${fmt(sum.rows)} rows in ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`,
            );
        }
        progress('Checking every reference (foreign keys) …');
        for (const fk of fks) {
          try {
            await client.query(`alter table ${fk.table} add constraint ${quote(fk.name)} ${fk.def}`);
          } catch (err) {
            throw new OpsError(`${fk.table}: a row refers to a missing one (${fk.name}: ${(err as Error).message}).`);
          }
        }
        for (const t of tables) await client.query(`alter table ${quote(t.name)} enable trigger user`);
        progress('Rebuilding the indexes, the search text and the id sequences …');
        await client.query("set local maintenance_work_mem = '256MB'");
        // The search text's trigger looks attachments up by message (indexed first); its trigram index comes after.
        const onSearchText = (index: { def: string }) => / ON public\.search_docs /.test(index.def);
        for (const index of indexes.filter((i) => !onSearchText(i))) await client.query(index.def);
        await client.query("update search_docs set text = ''"); // its BEFORE trigger writes the text
        for (const index of indexes.filter(onSearchText)) await client.query(index.def);
        const { rows: identities } = await client.query<{ table: string; column: string }>(
          `select c.relname as "table", a.attname as "column" from pg_attribute a join pg_class c on c.oid = a.attrelid
           where a.attidentity <> '' and c.relnamespace = 'public'::regnamespace`,
        );
        for (const id of identities) {
          // SQLite's AUTOINCREMENT never hands out an id again, even the deleted last one: continue past both.
          const seq = await source
            .all<{ seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = ?`, id.table)
            .catch(() => []);
          await client.query(
            `select setval(pg_get_serial_sequence($1, $2),
               greatest($3::bigint, (select coalesce(max(${quote(id.column)}), 0) from ${quote(id.table)})) + 1,
               false)`,
            [quote(id.table), id.column, seq[0]?.seq ?? 0],
          );
        }

        progress('Verifying: row counts and checksums on both sides …');
        for (const t of tables) {
          const sourceSum = sourceSums.get(t.name)!;
          const target = await targetSum(client, t, batchRows);
          const row: TableReport = {
            table: t.name,
            sourceRows: sourceSum.rows,
            targetRows: target.rows,
            sourceSum: sourceSum.digest(),
            targetSum: target.digest(),
            ok: false,
          };
          row.ok = row.sourceRows === row.targetRows && row.sourceSum === row.targetSum;
          report.tables.push(row);
        }
        report.derived.push(await checkCounts(client));
        report.derived.push(await checkSearchText(source, client, batchRows));
        for (const t of report.tables.filter((r) => !r.ok))
          report.problems.push(
            `${t.table}: ` +
              (t.sourceRows === t.targetRows
                ? 'the rows differ (checksum)'
                : `${t.sourceRows} rows in the source, ${t.targetRows} in the target`),
          );
        for (const d of report.derived.filter((r) => !r.ok)) report.problems.push(d.what);
        for (const p of listed(report.blobs.problems)) report.problems.push(`attachment ${p}`);
        if (report.problems.length) {
          await client.query('rollback');
          report.problems.push('The copy was rolled back: the target is empty again.');
        } else {
          stage = 'committing';
          await client.query('commit');
          stage = 'done';
        }
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      }
    } finally {
      source.close();
    }
  } finally {
    await client.end().catch(() => {});
    // Only now: an interrupt while the connection closes still learns the stage reached (the copy committed or not).
    options.signal?.removeEventListener('abort', interrupted);
    if (snapFile) removeSnapshot(snapFile);
  }
  report.ok = report.problems.length === 0;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** The table the command prints: per table the rows and the first characters of both checksums, then the rest. */
export function formatMigrateReport(r: MigrateReport): string {
  const width = Math.max(5, ...r.tables.map((t) => t.table.length));
  const lines = [
    '',
    `${'table'.padEnd(width)}  ${'source rows'.padStart(11)}  ${'target rows'.padStart(11)}  checksum (SHA-256)`,
    ...r.tables.map(
      (t) =>
        `${t.table.padEnd(width)}  ${fmt(t.sourceRows).padStart(11)}  ${fmt(t.targetRows).padStart(11)}  ` +
        (t.ok ? `${t.sourceSum.slice(0, 16)} = target` : `✖ ${t.sourceSum.slice(0, 16)} ≠ ${t.targetSum.slice(0, 16)}`),
    ),
    '',
    ...r.derived.map((d) => `${d.ok ? '✔' : '✖'} ${d.what}${d.details ? `\n    ${d.details.join('\n    ')}` : ''}`),
    `${r.blobs.problems.length ? '✖' : '✔'} attachments: ${fmt(r.blobs.count)} blobs ` +
      `(${(r.blobs.bytes / 1e6).toFixed(1)} MB)` +
      (r.blobs.sameStore
        ? ', in the same store as before (not copied), checked by size and SHA-256'
        : `: ${fmt(r.blobs.copied)} copied, ${fmt(r.blobs.present)} already there; checked by size and SHA-256`) +
      (r.blobs.dropped ? `; ${r.blobs.dropped} unsent upload(s) whose bytes were swept meanwhile left out` : ''),
    '',
  ];
  const rows = r.tables.reduce((n, t) => n + t.targetRows, 0);
  if (r.ok)
    lines.push(
      `✔ Copied ${fmt(rows)} rows in ${r.tables.length} tables and verified them in ${r.seconds.toFixed(1)} s ` +
        `(the source as of ${r.snapshotAt.toISOString()}).`,
    );
  else lines.push(`✖ The migration did not verify:`, ...r.problems.map((p) => `  ${p}`));
  return `${lines.join('\n')}\n`;
}
