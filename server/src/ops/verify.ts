// `pnpm herald verify [dir]` (issue 17 item 1): is this data folder (or backup) sound? The database's header,
// `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and the bytes of every attachment it lists; a backup also
// against its manifest's checksums. Safe on a running Herald (it only reads, in one read transaction per check).
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from '../blob-store/store.js';
import { shown, shownBlobs } from './data-folder.js';
import {
  BACKUP_DB,
  MANIFEST,
  appliedMigration,
  attachmentRefs,
  entryInside,
  knownMigrations,
  sumFile,
  type Manifest,
} from './manifest.js';
import { SqliteFile, headerProblem, sqliteCause } from './sqlite-file.js';

export type Finding = { ok: boolean; what: string; details?: string[] };
export type Report = { target: string; findings: Finding[]; ok: boolean };

const MAX_DETAILS = 10;
const listed = (items: string[]) => [
  ...items.slice(0, MAX_DETAILS),
  ...(items.length > MAX_DETAILS ? [`… and ${items.length - MAX_DETAILS} more`] : []),
];
const report = (target: string, findings: Finding[]): Report => ({ target, findings, ok: findings.every((f) => f.ok) });

/**
 * Checks a data folder's database and the blobs it lists in `blobs` (its folder, or the configured bucket); `full`
 * re-hashes every blob against its recorded SHA-256.
 */
export async function verifyDataFolder(database: string, blobs: BlobStore, { full = false } = {}): Promise<Report> {
  const findings: Finding[] = [];
  const db = await openChecked(database, findings);
  if (!db) return report(shown(database), findings);
  const where = shownBlobs(blobs);
  try {
    if (!(await databaseChecks(db, findings))) return report(shown(database), findings);
    const refs = await attachmentRefs(db);
    const bad: string[] = [];
    for (const ref of refs) {
      const size = (await blobs.stat(ref.blob_key))?.size ?? null;
      if (size === null) bad.push(`${ref.id}: missing (${ref.blob_key} in ${where})`);
      else if (size !== ref.size) bad.push(`${ref.id}: ${size} bytes, where ${ref.size} were stored`);
      else if (full && (await sumBlob(blobs, ref.blob_key)) !== ref.sha256)
        bad.push(`${ref.id}: its bytes changed (SHA-256 differs)`);
    }
    findings.push(
      bad.length
        ? {
            ok: false,
            what: `attachments: ${bad.length} of ${refs.length} without their bytes in ${where}`,
            details: listed(bad),
          }
        : {
            ok: true,
            what:
              `attachments: all ${refs.length} have their bytes` +
              (full ? ' (SHA-256 checked)' : ' (sizes checked; --full re-hashes them)'),
          },
    );
    const keys = new Set(refs.map((r) => r.blob_key));
    let strays = 0;
    for await (const blob of blobs.list()) if (!keys.has(blob.key)) strays++;
    if (strays) {
      findings.push({
        ok: true,
        what: `${strays} blob(s) in ${where} belong to no attachment (left by an interrupted upload; harmless)`,
      });
    }
  } finally {
    db.close();
  }
  return report(shown(database), findings);
}

/** SHA-256 of a stored blob, streamed; null when it is gone. */
export async function sumBlob(blobs: BlobStore, key: string): Promise<string | null> {
  const bytes = await blobs.get(key);
  if (!bytes) return null;
  const hash = createHash('sha256');
  for await (const chunk of bytes) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A pass-through that sums what flows through it: `sum()` gives its size and SHA-256 once the stream has ended. */
export function summingTap(): { tap: Transform; sum: () => { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      hash.update(chunk);
      size += chunk.length;
      next(null, chunk);
    },
  });
  return { tap, sum: () => ({ size, sha256: hash.digest('hex') }) };
}

/** Checks a backup folder: manifest, every checksum, and the copied database itself. */
export async function verifyBackup(dir: string): Promise<Report & { manifest?: Manifest }> {
  const findings: Finding[] = [];
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
    if (manifest.format !== 'herald-backup' || manifest.formatVersion !== 1)
      throw new Error('not a Herald backup manifest');
  } catch (err) {
    findings.push({ ok: false, what: `${MANIFEST}: cannot be read (${(err as Error).message})` });
    return report(shown(dir), findings);
  }
  findings.push({
    ok: true,
    what: `manifest: taken ${manifest.createdAt} by Herald ${manifest.herald.version}, schema \
${manifest.schema.migration} (${manifest.blobs.length} attachments)`,
  });
  const wrong: string[] = [];
  for (const [entry, under] of [
    [manifest.database, 'database'] as const,
    ...manifest.blobs.map((b) => [b, 'blobs'] as const),
  ]) {
    if (!entryInside(dir, entry.path, under)) {
      wrong.push(`${entry.path}: outside the backup's ${under === 'database' ? BACKUP_DB : 'blobs/'}`);
      continue;
    }
    const plainFile = await lstat(join(dir, entry.path)).then(
      (s) => s.isFile(),
      () => false,
    );
    const sum = plainFile ? await sumFile(join(dir, entry.path)).catch(() => null) : null;
    if (!sum) wrong.push(`${entry.path}: missing (or not a plain file)`);
    else if (sum.size !== entry.size || sum.sha256 !== entry.sha256)
      wrong.push(`${entry.path}: its checksum differs from the manifest`);
  }
  findings.push(
    wrong.length
      ? {
          ok: false,
          what: `checksums: ${wrong.length} of ${manifest.blobs.length + 1} files differ from the manifest`,
          details: listed(wrong),
        }
      : { ok: true, what: `checksums: all ${manifest.blobs.length + 1} files match the manifest (SHA-256)` },
  );
  const db = await openChecked(join(dir, BACKUP_DB), findings);
  if (db) {
    try {
      if (await databaseChecks(db, findings)) {
        const inManifest = new Set(manifest.blobs.map((b) => b.attachmentId));
        const uncovered = (await attachmentRefs(db))
          .filter((r) => !inManifest.has(r.id))
          .map((r) => `${r.id}: not in the backup`);
        findings.push(
          uncovered.length
            ? {
                ok: false,
                what: `attachments: ${uncovered.length} listed in the database have no bytes in the backup`,
                details: listed(uncovered),
              }
            : { ok: true, what: 'attachments: every one listed in the database is in the backup' },
        );
      }
    } finally {
      db.close();
    }
  }
  return { ...report(shown(dir), findings), manifest };
}

async function openChecked(database: string, findings: Finding[]): Promise<SqliteFile | null> {
  if (!existsSync(database)) {
    findings.push({ ok: false, what: `database: ${shown(database)} does not exist` });
    return null;
  }
  const fromHeader = headerProblem(database);
  if (fromHeader) {
    findings.push({ ok: false, what: `database: ${shown(database)} ${fromHeader}` });
    return null;
  }
  try {
    return await SqliteFile.open(database);
  } catch (err) {
    findings.push({ ok: false, what: `database: ${shown(database)} ${sqliteCause(err)}` });
    return null;
  }
}

/** integrity_check, foreign_key_check and the schema version; false when the database cannot be trusted further. */
async function databaseChecks(db: SqliteFile, findings: Finding[]): Promise<boolean> {
  try {
    const integrity = (await db.all<{ integrity_check: string }>('PRAGMA integrity_check')).map(
      (r) => r.integrity_check,
    );
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      findings.push({ ok: false, what: `integrity_check: ${integrity.length} problem(s)`, details: listed(integrity) });
      return false;
    }
    findings.push({ ok: true, what: 'integrity_check: ok' });
    const orphans = await db.all<{ table: string; parent: string }>('PRAGMA foreign_key_check');
    const byPair = new Map<string, number>();
    for (const o of orphans) byPair.set(`${o.table} → ${o.parent}`, (byPair.get(`${o.table} → ${o.parent}`) ?? 0) + 1);
    findings.push(
      orphans.length
        ? {
            ok: false,
            what: `foreign keys: ${orphans.length} row(s) point at rows that do not exist`,
            details: listed([...byPair].map(([pair, n]) => `${pair}: ${n}`)),
          }
        : { ok: true, what: 'foreign keys: ok' },
    );
    const applied = await appliedMigration(db);
    const known = await knownMigrations();
    const newer = applied.createdAt !== null && applied.createdAt > (known.at(-1)?.when ?? 0);
    findings.push({
      ok: true,
      what: `schema: ${applied.migration ?? 'not migrated'} (${applied.migrations} of the ${known.length} \
migrations this Herald knows)${newer ? '; written by a newer Herald' : ''}`,
    });
    // Not a fault, but a slow-down to name: statistics an ANALYZE took, which Herald drops when it starts
    // (ops/planner-statistics.ts). An empty table (ANALYZE of empty tables) steers nothing.
    const [stats] = await db.all<{ n: number }>("select count(*) as n from sqlite_schema where name = 'sqlite_stat1'");
    if (Number(stats?.n) && (await db.all('select 1 from sqlite_stat1 limit 1')).length) {
      findings.push({
        ok: true,
        what:
          'planner statistics found (sqlite_stat1, left by an ANALYZE): they can slow look-ups as tables grow; ' +
          'Herald drops them when it starts: restart it, one process at a time (README: "No ANALYZE on the embedded ' +
          'database")',
      });
    }
    return true;
  } catch (err) {
    findings.push({ ok: false, what: `database: ${shown(db.path)} ${sqliteCause(err)}` });
    return false;
  }
}

/** The report as the terminal shows it. */
export function formatReport(r: Report): string {
  const lines = [`Verifying ${r.target}`];
  for (const f of r.findings) {
    lines.push(`  ${f.ok ? '✔' : '✖'} ${f.what}`);
    for (const d of f.details ?? []) lines.push(`      ${d}`);
  }
  const failed = r.findings.filter((f) => !f.ok).length;
  lines.push(r.ok ? 'verify: OK' : `verify: FAILED (${failed} problem${failed === 1 ? '' : 's'})`);
  return `${lines.join('\n')}\n`;
}
