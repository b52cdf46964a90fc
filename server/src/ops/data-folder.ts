import { join, relative, resolve } from 'node:path';
import { LocalBlobStore } from '../blob-store/local.js';
import type { BlobStore } from '../blob-store/store.js';
import type { Config } from '../config.js';

/** The embedded database's file, or null when `DATABASE_URL` points at a libSQL server (nothing local to check). */
export function databaseFile(config: Pick<Config, 'databaseUrl'>): string | null {
  if (!config.databaseUrl.startsWith('file:')) return null;
  return resolve(config.databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
}

/**
 * Why `backup`, `restore` or `verify` (`verb`) has no file to work on: they are for the embedded database. On
 * PostgreSQL (issue 18) the database's own tools do it — pg_dump / pg_restore, or the provider's snapshots — and the
 * blob store is copied beside it.
 */
export function notAFile(config: Pick<Config, 'databaseUrl'>, verb: 'back up' | 'restore' | 'verify'): string {
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    const how = {
      'back up': 'pg_dump -Fc "$DATABASE_URL" > herald.dump',
      restore: 'pg_restore --clean --if-exists -d "$DATABASE_URL" herald.dump',
      verify: 'pg_amcheck "$DATABASE_URL"',
    }[verb];
    return (
      `DATABASE_URL points at PostgreSQL: \`pnpm herald ${verb === 'back up' ? 'backup' : verb}\` is for the ` +
      `embedded database file. Use PostgreSQL's own tools (${how}, or your provider's snapshots)` +
      (verb === 'verify' ? '.' : ', and copy the attachments (HERALD_BLOB_URL or the blobs folder) with it.')
    );
  }
  return `DATABASE_URL points at a libSQL server: ${verb} it with that server's own tools.`;
}

/** Where attachment bytes live in a data folder or a backup (`LocalBlobStore`'s layout). */
export const blobsDir = (dataDir: string) => join(dataDir, 'blobs');

/** A blob store as an operator reads it: a folder as `shown`, a bucket as its URL. */
export const shownBlobs = (store: BlobStore) => (store instanceof LocalBlobStore ? shown(store.dir) : store.location);

/** A path as an operator reads it: relative to the working folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Whether the blob store holds at least one blob (stops at the first). */
export async function hasBlobs(store: BlobStore): Promise<boolean> {
  for await (const _ of store.list()) return true;
  return false;
}
