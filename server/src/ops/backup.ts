// `pnpm herald backup <dir>` (issue 17 item 1): a consistent copy of a running Herald. The database is copied by
// SQLite itself (`VACUUM INTO`: one read transaction, so one moment of it, while Herald keeps writing), then the
// blobs that copy references. A blob's row is written only after its bytes (attachments/service.ts), and bytes
// never change, so every row in the copy has complete bytes to copy. Copying the files instead gave damaged
// databases in 6 of 8 tries under load. The blobs are read through the configured store (the folder, or a bucket:
// issue 18); the backup's `blobs/` has the local folder's layout either way.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openBlobStore } from '../blob-store/open.js';
import type { BlobStore } from '../blob-store/store.js';
import type { Config } from '../config.js';
import { databaseFile, notAFile, shown, shownBlobs } from './data-folder.js';
import {
  BACKUP_DB,
  MANIFEST,
  appliedMigration,
  attachmentRefs,
  blobFile,
  heraldVersion,
  sumFile,
  type Manifest,
} from './manifest.js';
import { SqliteFile } from './sqlite-file.js';
import { summingTap } from './verify.js';

export class OpsError extends Error {}

export type BackupResult = {
  dir: string;
  manifest: Manifest;
  /** Unsent uploads removed (swept or taken back) between the copy and their bytes: left out of the backup. */
  dropped: number;
  /** Attachments of messages whose bytes are missing from the data folder (`verify` reports them too). */
  missing: string[];
  /** Where the blobs were read from, as the operator reads it. */
  blobs: string;
};

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function backup(config: Config, target: string): Promise<BackupResult> {
  const file = databaseFile(config);
  if (!file) throw new OpsError(notAFile(config, 'back up'));
  if (!existsSync(file)) throw new OpsError(`There is no database at ${shown(file)} (HERALD_DATA_DIR / DATABASE_URL).`);
  const store = await openBlobStore(config.blobs);
  const dir = resolve(target);
  if (existsSync(dir) && (await readdir(dir)).length) {
    throw new OpsError(`${shown(dir)} exists and is not empty: name a new folder.`);
  }
  // Built beside the target and renamed at the end, so a folder with that name is always a complete backup.
  const work = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true, mode: 0o700 });
  try {
    const live = await SqliteFile.open(file);
    try {
      await live.exec(`VACUUM INTO ${sqlText(join(work, BACKUP_DB))}`);
    } finally {
      live.close();
    }
    const copy = await SqliteFile.open(join(work, BACKUP_DB));
    const blobs: Manifest['blobs'] = [];
    const missing: string[] = [];
    let dropped = 0;
    let schema: Manifest['schema'];
    try {
      for (const ref of await attachmentRefs(copy)) {
        const to = blobFile(join(work, 'blobs'), ref.blob_key);
        const sum = await copyBlob(store, ref.blob_key, to);
        if (!sum) {
          if (ref.message_id === null) {
            await copy.exec(`DELETE FROM attachments WHERE id = ${sqlText(ref.id)}`);
            dropped++;
          } else {
            missing.push(ref.id);
          }
          continue;
        }
        blobs.push({ attachmentId: ref.id, path: relative(work, to), ...sum });
      }
      const applied = await appliedMigration(copy);
      schema = { migration: applied.migration, migrations: applied.migrations };
    } finally {
      copy.close();
    }
    const manifest: Manifest = {
      format: 'herald-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      herald: { version: heraldVersion() },
      schema,
      source: { database: file, blobs: store.location },
      database: { path: BACKUP_DB, ...(await sumFile(join(work, BACKUP_DB))) },
      blobs,
    };
    await writeFile(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (existsSync(dir)) await rmdir(dir); // an empty folder made for it (checked above)
    await rename(work, dir);
    return { dir, manifest, dropped, missing, blobs: shownBlobs(store) };
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    throw err;
  }
}

/** Copies one blob out of the store (a folder or a bucket), hashing it on the way; null when it is gone. */
async function copyBlob(store: BlobStore, key: string, to: string): Promise<{ size: number; sha256: string } | null> {
  const from = await store.get(key);
  if (!from) return null;
  await mkdir(dirname(to), { recursive: true });
  const { tap, sum } = summingTap();
  try {
    await pipeline(from, tap, createWriteStream(to, { flags: 'wx' }));
  } catch (err) {
    await rm(to, { force: true });
    throw err;
  }
  return sum();
}
