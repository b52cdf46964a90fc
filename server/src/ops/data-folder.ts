import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Config } from '../config.js';

/** The embedded database's file, or null when `DATABASE_URL` points at a libSQL server (nothing local to check). */
export function databaseFile(config: Pick<Config, 'databaseUrl'>): string | null {
  if (!config.databaseUrl.startsWith('file:')) return null;
  return resolve(config.databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
}

/** Where attachment bytes live (`LocalBlobStore`). */
export const blobsDir = (dataDir: string) => join(dataDir, 'blobs');

/** A path as an operator reads it: relative to the working folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Whether the blob folder holds at least one file (stops at the first). */
export async function hasBlobs(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (entry.isFile()) return true;
    if (entry.isDirectory() && (await hasBlobs(join(dir, entry.name)))) return true;
  }
  return false;
}
