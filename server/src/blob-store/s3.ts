// Loaded only when HERALD_BLOB_URL=s3://… (blob-store/open.ts imports it dynamically): the AWS SDK is several MB of
// JavaScript that a Herald on its local folder never needs, at start or later (issue 15's lean start).
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describeBlobLocation, type BlobLocation } from './location.js';
import { BlobStoreUnavailable, assertBlobKey, type BlobEntry, type BlobStore } from './store.js';

type S3Location = Extract<BlobLocation, { kind: 's3' }>;

/** S3's smallest part; a file up to this size goes up as one PutObject. */
const PART_BYTES = 5 * 1024 * 1024;
/** Parts in flight per upload: memory per upload stays near (1 + this) × PART_BYTES. */
const PARTS_IN_FLIGHT = 2;

/**
 * How long the store waits for the service (issue 18 item 3): without limits the SDK waits forever, so an endpoint that
 * accepts connections and never answers would hang the start (HeadBucket) and every request. `socketMs` is the idle
 * limit (no byte either way), not a limit on a whole transfer, so a large but moving download is never cut off.
 */
export type S3Timeouts = { connectMs: number; socketMs: number };
export const S3_TIMEOUTS: S3Timeouts = { connectMs: 3_000, socketMs: 30_000 };
/** Attempts per request, the first included: a hanging endpoint answers 503 after at most about 2 × socketMs. */
const MAX_ATTEMPTS = 2;

type S3Error = { name?: string; $metadata?: { httpStatusCode?: number } };
const status = (err: unknown) => (err as S3Error).$metadata?.httpStatusCode;
const isNotFound = (err: unknown) =>
  ['NoSuchKey', 'NotFound'].includes((err as S3Error).name ?? '') || status(err) === 404;

/**
 * Blobs as objects `<prefix><key>` in one bucket of S3 or an S3-compatible server. Uploads stream through
 * `@aws-sdk/lib-storage` (one PutObject up to 5 MB, else a multipart upload in 5 MB parts, aborted on failure);
 * downloads stream the GetObject body. An object appears only when complete, so a refused upload leaves nothing.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3Location, timeouts: S3Timeouts = S3_TIMEOUTS) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.location = describeBlobLocation(config);
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      ...(config.credentials ? { credentials: config.credentials } : {}),
      requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.socketMs },
      maxAttempts: MAX_ATTEMPTS,
      // Since January 2025 the SDK adds CRC checksums to every upload by default, which many S3-compatible servers
      // reject (XAmzContentSHA256Mismatch, 400); the usual remedy, for those only: AWS itself keeps the checks.
      ...(config.endpoint
        ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {}),
    });
  }

  /** Every failure of the service itself (not a refusal from the upload's source) is the store being unavailable. */
  private unavailable(err: unknown): BlobStoreUnavailable {
    return new BlobStoreUnavailable(this.location, err);
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return `${this.prefix}${key}`;
  }

  /** At start: the bucket exists and these credentials reach it (else Herald stops with this message). */
  async check(): Promise<string | null> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return null;
    } catch (err) {
      const code = status(err);
      if (code === 404) return `the bucket "${this.bucket}" does not exist (${this.location})`;
      if (code === 403 || code === 401)
        return `access to the bucket "${this.bucket}" was refused (check the credentials)`;
      if ((err as S3Error).name === 'TimeoutError')
        return `the bucket "${this.bucket}" did not answer in time (${this.location}): is the endpoint right?`;
      return `the bucket "${this.bucket}" could not be reached (${this.location}): ${(err as Error).message}`;
    }
  }

  async put(key: string, source: AsyncIterable<Uint8Array>): Promise<void> {
    // A refusal thrown by the source is what the caller must see, not what aborting the multipart upload said.
    let refused: { error: unknown } | undefined;
    async function* watched() {
      try {
        yield* source;
      } catch (error) {
        refused = { error };
        throw error;
      }
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: Readable.from(watched(), { objectMode: false }) },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      throw refused ? refused.error : this.unavailable(err);
    }
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return object.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.unavailable(err);
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.unavailable(err);
    }
  }

  async delete(key: string): Promise<void> {
    await this.client
      .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }))
      .catch((err: unknown) => {
        throw this.unavailable(err);
      });
  }

  async *list(): AsyncIterable<BlobEntry> {
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }))
        .catch((err: unknown) => {
          throw this.unavailable(err);
        });
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        if (key && !key.includes('/')) yield { key, size: object.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
