import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, type BlobEntry, type BlobStore } from './store.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Blobs as files under one folder (`<data dir>/blobs` unless `HERALD_BLOB_URL=file:…`), two levels of fan-out by the
 * key's last two characters: `blobs/ab/0190…ab`. The layout is the one Herald always had, so existing data folders and
 * backups keep working as they are.
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
    await mkdir(join(path, '..'), { recursive: true });
    const file = createWriteStream(path, { flags: 'wx' });
    try {
      await pipeline(source, file);
    } catch (err) {
      // Wait until the file is closed: removing it while its open is still pending would leave it behind.
      if (!file.closed) {
        const closed = once(file, 'close').catch(() => {});
        file.destroy();
        await closed;
      }
      // `wx` refused a file that was already there: not ours to remove.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rm(path, { force: true });
      throw err;
    }
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
      if (!folder.isDirectory()) continue;
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
