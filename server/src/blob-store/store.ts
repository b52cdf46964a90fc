import type { Readable } from 'node:stream';

/** One stored blob, as `list()` reports it. */
export type BlobEntry = { key: string; size: number };

/**
 * Where attachment bytes live (issue 18 item 3): the data folder's `blobs/` (`LocalBlobStore`), any other folder such
 * as a shared network file system, or S3-compatible object storage (`S3BlobStore`). Keys are made by Herald (ids),
 * never taken from user input. Bytes stream in both directions, never held whole: the upload checks (size, hash,
 * type) run on the stream before it reaches `put` (attachments/service.ts), so every store enforces the same ones.
 */
export interface BlobStore {
  /** Where the bytes are, as an operator names it: a folder, or `s3://bucket/prefix/`. */
  readonly location: string;
  /**
   * Stores a blob from `source`. The blob exists only once the whole source is stored: until then `get`, `stat` and
   * `list` do not see it (the local store writes a temp file and renames it, S3 shows an object only when complete);
   * when the source throws (a refused upload) or storing fails, nothing is left under `key` and the error is rethrown
   * as it came. A blob already under `key` is replaced whole, on every store (Herald's keys are new ids; only a
   * restore puts a key again, after deleting a damaged blob).
   */
  put(key: string, source: AsyncIterable<Uint8Array>): Promise<void>;
  /** The bytes, or null when no blob has this key. */
  get(key: string): Promise<Readable | null>;
  /** Size of a stored blob, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes a blob; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Every blob, in no particular order, read lazily (backups and `pnpm herald verify`). */
  list(): AsyncIterable<BlobEntry>;
}

/** Herald's own keys (UUIDv7 ids): a key never names a folder or reaches outside the store. */
export function assertBlobKey(key: string): void {
  if (!/^[A-Za-z0-9_-]{8,80}$/.test(key)) throw new Error(`Bad blob key: ${key}`);
}

/**
 * A remote store failed: unreachable, refused the credentials, or answered with an error (issue 18). Answered like a
 * failing disk (`503 storage-unavailable`, http/storage-faults.ts), with one log line naming the store.
 */
export class BlobStoreUnavailable extends Error {
  override readonly name = 'BlobStoreUnavailable';
  /** The SDK's error name (`ServiceUnavailable`, `AccessDenied`) or the network's errno (`ECONNREFUSED`). */
  readonly code: string;
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    const e = cause as { code?: unknown; name?: unknown; message?: unknown };
    const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
    super(`${location}: ${code}: ${String(e?.message ?? cause)}`, { cause });
    this.code = code;
  }
}
