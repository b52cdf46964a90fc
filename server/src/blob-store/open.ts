import { stat } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import { LocalBlobStore } from './local.js';
import type { BlobLocation } from './location.js';
import type { S3Timeouts } from './s3.js';
import type { BlobStore } from './store.js';

export type { BlobStore } from './store.js';

/**
 * The blob store the configuration names, checked: a folder named by `HERALD_BLOB_URL=file:…` must exist (an
 * unmounted share would otherwise fill the local disk), a bucket must exist and answer. A problem is a ConfigError,
 * so Herald stops at start with its message (an endpoint that never answers too, after the store's timeouts: see
 * `S3_TIMEOUTS`; tests lower them through `options`). The AWS SDK is loaded only here, and only for `s3://`.
 */
export async function openBlobStore(
  location: BlobLocation,
  options: { s3Timeouts?: S3Timeouts } = {},
): Promise<BlobStore> {
  if (location.kind === 'local') {
    if (location.explicit) {
      const isFolder = await stat(location.dir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder) throw new ConfigError(`HERALD_BLOB_URL: the folder ${location.dir} does not exist (not mounted?)`);
    }
    const store = new LocalBlobStore(location.dir);
    // Cheap (one folder, usually empty); a failure here must not stop Herald.
    await store.sweepTemp().catch(() => {});
    return store;
  }
  const { S3BlobStore } = await import('./s3.js');
  const store = new S3BlobStore(location, options.s3Timeouts);
  const problem = await store.check();
  if (problem) throw new ConfigError(`HERALD_BLOB_URL: ${problem}`);
  return store;
}
