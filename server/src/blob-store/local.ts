import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, type BlobEntry, type BlobStore } from './store.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Where `put` writes before the rename: inside the store (same file system), never a fan-out folder (2 characters). */
export const TEMP_FOLDER = '.tmp';
/** A temp file untouched this long belongs to no running upload (each chunk written touches it): swept at open. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Blobs as files under one folder (`<data dir>/blobs` unless `HERALD_BLOB_URL=file:…`), two levels of fan-out by the
 * key's last two characters: `blobs/ab/0190…ab`. The layout is the one Herald always had, so existing data folders and
 * backups keep working as they are. An upload is written to `.tmp/<key>.<random>` and renamed into place once whole,
 * so `stat`, `get` and `list` never see a partial file, and a crash leaves it only in `.tmp/`.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  get location(): string {
    return resolve(this.dir);
  }

  /** The file of a blob (backups keep the same layout). */
  path(key: string): string {
    assertBlobKey(key);
    return join(this.dir, key.slice(-2), key);
  }

  async put(key: string, source: AsyncIterable<Uint8Array>): Promise<void> {
    const path = this.path(key);
    const temp = join(this.dir, TEMP_FOLDER, `${key}.${randomBytes(6).toString('hex')}`);
    await mkdir(join(path, '..'), { recursive: true });
    await mkdir(join(temp, '..'), { recursive: true });
    const file = createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(source, file);
      // Atomic on one file system; replaces a blob already under `key`, as a bucket does (only restore puts twice).
      await rename(temp, path);
    } catch (err) {
      // Wait until the file is closed: removing it while its open is still pending would leave it behind.
      if (!file.closed) {
        const closed = once(file, 'close').catch(() => {});
        file.destroy();
        await closed;
      }
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Removes temp files that no upload is writing any more (left by a crash); other nodes' live ones are kept. */
  async sweepTemp(now = Date.now()): Promise<number> {
    const folder = join(this.dir, TEMP_FOLDER);
    const names = await readdir(folder).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const touched = await stat(join(folder, name)).then(
        (s) => s.mtimeMs,
        () => now,
      );
      if (now - touched < STALE_TEMP_MS) continue;
      await rm(join(folder, name), { force: true }).then(() => removed++);
    }
    return removed;
  }

  async get(key: string): Promise<Readable | null> {
    try {
      // Opened before answering, so a missing file is a 404 rather than a broken download.
      return (await open(this.path(key), 'r')).createReadStream();
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.path(key))).size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Folder by folder, so that asking for the first blob (the start-up check) does not read them all. */
  async *list(): AsyncIterable<BlobEntry> {
    const fanOut = await readdir(this.dir, { withFileTypes: true }).catch((err: unknown) => {
      if (isMissing(err)) return [];
      throw err;
    });
    for (const folder of fanOut) {
      // Fan-out folders only: `.tmp/` (uploads in progress) and anything else starting with a dot are not blobs.
      if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
      const files = await readdir(join(this.dir, folder.name), { withFileTypes: true });
      for (const file of files) {
        if (!file.isFile()) continue;
        const size = await stat(join(this.dir, folder.name, file.name)).then(
          (s) => s.size,
          () => null,
        );
        if (size !== null) yield { key: file.name, size };
      }
    }
  }
}
