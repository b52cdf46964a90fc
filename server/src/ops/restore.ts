// `pnpm herald restore <dir>` (issue 17 item 1): puts a backup in place of the data folder's database and blobs,
// after checking the manifest, every checksum and `PRAGMA integrity_check`, and only while nothing has the database
// open. What was there before is moved aside (never deleted) into `<data dir>/before-restore-<time>/`.
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, cp, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LocalBlobStore } from '../blob-store/local.js';
import { openBlobStore } from '../blob-store/open.js';
import type { BlobStore } from '../blob-store/store.js';
import type { Config } from '../config.js';
import { OpsError } from './backup.js';
import { blobsDir, databaseFile, notAFile, shown } from './data-folder.js';
import { BACKUP_DB, knownMigrations, sumFile, type Manifest } from './manifest.js';
import { SqliteFile } from './sqlite-file.js';
import { formatReport, sumBlob, verifyBackup } from './verify.js';

export type RestoreResult = {
  manifest: Manifest;
  movedAside: string | null;
  /** Blobs put into a store outside the data folder (a bucket, a shared folder) that it did not hold whole yet. */
  uploaded: number;
};

/**
 * Whether a process has the database open. Herald keeps its connections open while it runs; in WAL mode every open
 * connection holds a shared lock on the file, so an exclusive lock taken with no waiting fails exactly when some
 * process — Herald, a sqlite3 shell, another restore — has it open. (A damaged file that SQLite cannot lock at all
 * counts as not in use: it is what a restore replaces.)
 */
export async function databaseInUse(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  let db: SqliteFile | undefined;
  try {
    db = await SqliteFile.open(file, { busyTimeoutMs: 0 });
    await db.exec('PRAGMA locking_mode = EXCLUSIVE');
    await db.exec('BEGIN EXCLUSIVE');
    await db.exec('COMMIT');
    return false;
  } catch (err) {
    const code = String((err as { code?: string }).code ?? '');
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
  } finally {
    db?.close();
  }
}

export async function restore(config: Config, source: string): Promise<RestoreResult> {
  const file = databaseFile(config);
  if (!file) throw new OpsError(notAFile(config, 'restore'));
  const store = await openBlobStore(config.blobs);
  // The data folder's own blobs/ is replaced with the database (moved aside, then renamed in); a bucket or a folder
  // elsewhere is shared and outlives any one database, so the backup's blobs are added to it instead.
  const inDataFolder = store instanceof LocalBlobStore && resolve(store.dir) === resolve(blobsDir(config.dataDir));
  const checked = await verifyBackup(source);
  if (!checked.ok || !checked.manifest) {
    throw new OpsError(`Nothing was changed: the backup does not check out.\n${formatReport(checked)}`);
  }
  const { manifest } = checked;
  const known = await knownMigrations();
  if (manifest.schema.migration && !known.some((m) => m.tag === manifest.schema.migration)) {
    throw new OpsError(
      `Nothing was changed: the backup's schema (${manifest.schema.migration}) is newer than this ` +
        'Herald knows ' +
        `(${known.at(-1)?.tag}); restore it with Herald ${manifest.herald.version} or later.`,
    );
  }
  if (await databaseInUse(file)) {
    throw new OpsError(
      `Nothing was changed: ${shown(file)} is open in another process (Herald is running on this ` +
        'data folder, ' +
        'or a sqlite3 shell or backup has it open). Stop it, then restore again.',
    );
  }

  // Staged inside the data folder (same disk: the final moves are renames) and checked again after the copy.
  const staging = join(config.dataDir, `.restore-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    await cp(join(source, BACKUP_DB), join(staging, BACKUP_DB));
    // Only what the manifest lists (checked inside the backup by verifyBackup), each checked again once copied.
    await mkdir(join(staging, 'blobs'), { mode: 0o700 });
    for (const entry of inDataFolder ? [manifest.database, ...manifest.blobs] : [manifest.database]) {
      if (entry !== manifest.database) {
        await mkdir(dirname(join(staging, entry.path)), { recursive: true, mode: 0o700 });
        await copyFile(join(source, entry.path), join(staging, entry.path));
      }
      const copied = await sumFile(join(staging, entry.path));
      if (copied.sha256 !== entry.sha256) {
        throw new OpsError(`Nothing was changed: the copy of ${entry.path} differs from the backup (a disk error?).`);
      }
    }

    const uploaded = inDataFolder ? 0 : await addBlobs(store, source, manifest);
    const blobs = blobsDir(config.dataDir);
    const old = [file, `${file}-wal`, `${file}-shm`, ...(inDataFolder ? [blobs] : [])].filter((p) => existsSync(p));
    let movedAside: string | null = null;
    if (old.length) {
      movedAside = join(config.dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      await mkdir(movedAside, { recursive: true, mode: 0o700 });
      for (const p of old) await rename(p, join(movedAside, basename(p)));
    }
    if (inDataFolder) await rename(join(staging, 'blobs'), blobs);
    await mkdir(dirname(file), { recursive: true });
    await rename(join(staging, BACKUP_DB), file);
    return { manifest, movedAside, uploaded };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Puts the backup's blobs into a shared store, skipping those it already holds with the manifest's size and SHA-256
 * (hashed through the store's `get`: the same size is not the same bytes). A blob held with other bytes is damaged:
 * it is deleted and written again, the same on a folder (whose `put` never overwrites) and in a bucket. Each was
 * checked against the manifest by `verifyBackup`; done before the database is swapped, so a failure leaves the old
 * database in place.
 */
async function addBlobs(store: BlobStore, source: string, manifest: Manifest): Promise<number> {
  let uploaded = 0;
  for (const blob of manifest.blobs) {
    const key = basename(blob.path);
    const held = await store.stat(key);
    if (held?.size === blob.size && (await sumBlob(store, key)) === blob.sha256) continue;
    if (held) await store.delete(key);
    await store.put(key, createReadStream(join(source, blob.path)));
    uploaded++;
  }
  return uploaded;
}
