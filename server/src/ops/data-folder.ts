import { join, relative, resolve } from 'node:path';
import { LocalBlobStore } from '../blob-store/local.js';
import type { BlobStore } from '../blob-store/store.js';
import type { Config } from '../config.js';

/** The embedded database's file, or null when `DATABASE_URL` points at a libSQL server (nothing local to check). */
export function databaseFile(config: Pick<Config, 'databaseUrl'>): string | null {
  if (!config.databaseUrl.startsWith('file:')) return null;
  return resolve(config.databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
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
