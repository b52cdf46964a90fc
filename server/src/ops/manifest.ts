// What a backup folder holds and how it is described (issue 17 item 1): `herald.db` (a VACUUM INTO copy), `blobs/`
// (the attachments it references, in the blob store's layout) and `manifest.json`.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MIGRATIONS_FOLDER } from '../paths.js';
import { LocalBlobStore } from '../blob-store/local.js';
import type { SqliteFile } from './sqlite-file.js';

export const MANIFEST = 'manifest.json';
export const BACKUP_DB = 'herald.db';

export type FileSum = { path: string; size: number; sha256: string };

export type Manifest = {
  format: 'herald-backup';
  formatVersion: 1;
  createdAt: string;
  herald: { version: string };
  /** The last migration applied to the copied database, and how many were. */
  schema: { migration: string | null; migrations: number };
  /** Where it was taken from (for the operator's eyes only). */
  source: { database: string; blobs: string };
  database: FileSum;
  /** One per attachment row in the copy; `path` relative to the backup folder. */
  blobs: Array<FileSum & { attachmentId: string }>;
};

/** The version in server/package.json ("unknown" where it cannot be read, as in a bundle without it). */
export function heraldVersion(): string {
  try {
    const pkg = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(pkg) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

type Journal = { entries: Array<{ idx: number; when: number; tag: string }> };
/** The migrations this Herald knows (drizzle's journal), oldest first. */
export async function knownMigrations(): Promise<Journal['entries']> {
  return (JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal).entries;
}

type Applied = { migration: string | null; migrations: number; createdAt: number | null };
/** Which of `known` a database has applied last (drizzle records each by its `when`), and how many it has. */
export async function appliedMigration(db: SqliteFile): Promise<Applied> {
  const known = await knownMigrations();
  let rows: Array<{ created_at: number }>;
  try {
    rows = await db.all<{ created_at: number }>('SELECT created_at FROM __drizzle_migrations ORDER BY created_at');
  } catch {
    return { migration: null, migrations: 0, createdAt: null }; // never migrated
  }
  const last = rows.at(-1)?.created_at ?? null;
  const tag = known.find((m) => m.when === Number(last))?.tag ?? (last === null ? null : `unknown (${last})`);
  return { migration: tag, migrations: rows.length, createdAt: last === null ? null : Number(last) };
}

/** Size and SHA-256 of a file, streamed. */
/**
 * Where a manifest entry may point (review of issue 17): the database is `herald.db`, an attachment's bytes lie
 * under `blobs/`; nothing may reach outside the backup folder, so a crafted manifest cannot make verify vouch for, or
 * restore copy, a file from elsewhere.
 */
export function entryInside(dir: string, path: string, under: 'database' | 'blobs'): boolean {
  if (under === 'database') return path === BACKUP_DB;
  const rel = relative(join(resolve(dir), 'blobs'), resolve(dir, path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export async function sumFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

export type AttachmentRef = { id: string; blob_key: string; size: number; sha256: string; message_id: string | null };
/**
 * Every attachment row of a database, with where its bytes should be; drawn sign-off signatures (issue 19 item 2) are
 * blobs too, listed under their approval (`message_id` is the request's id, so a backup never drops one as unsent).
 * A database from before their table has none.
 */
export async function attachmentRefs(db: SqliteFile): Promise<AttachmentRef[]> {
  const [signatures] = await db.all(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'approval_signatures'",
  );
  return db.all<AttachmentRef>(
    'SELECT id, blob_key, size, sha256, message_id FROM attachments' +
      (signatures
        ? ' UNION ALL SELECT id, blob_key, size, sha256, request_id FROM approval_signatures WHERE blob_key IS NOT NULL'
        : '') +
      ' ORDER BY id',
  );
}

/** A blob's file under a blobs folder, in the blob store's own layout. */
export const blobFile = (blobs: string, key: string) => new LocalBlobStore(blobs).path(key);
