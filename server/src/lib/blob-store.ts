import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * Where attachment bytes live, behind a small interface so that an object store can replace the local folder.
 * Keys are made by the caller (ids), never from user input.
 */
export interface BlobStore {
  /** A stream to write a new blob; `commit` is implicit when the stream finishes, `remove` drops a partial one. */
  createWriteStream(key: string): Promise<Writable>;
  createReadStream(key: string): Readable;
  size(key: string): Promise<number | null>;
  remove(key: string): Promise<void>;
}

/** Blobs as files under one folder (`<data dir>/blobs`), two levels of fan-out by key prefix. */
export class LocalBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  /** The file of a blob (backups and `pnpm herald verify` read the folder directly). */
  path(key: string): string {
    if (!/^[A-Za-z0-9_-]{8,80}$/.test(key)) throw new Error(`Bad blob key: ${key}`);
    return join(this.dir, key.slice(-2), key);
  }

  async createWriteStream(key: string): Promise<Writable> {
    const path = this.path(key);
    await mkdir(join(path, '..'), { recursive: true });
    return createWriteStream(path, { flags: 'wx' });
  }

  createReadStream(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.path(key))).size;
    } catch {
      return null;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
