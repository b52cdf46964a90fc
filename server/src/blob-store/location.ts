import { join, resolve } from 'node:path';

/** Where attachment bytes live, as configured (README, "Configuration"; issue 18 item 3). */
export type BlobLocation =
  | {
      kind: 'local';
      dir: string;
      /** Named by `HERALD_BLOB_URL=file:…` (a shared mount, say): it must exist at start. */
      explicit: boolean;
    }
  | {
      kind: 's3';
      bucket: string;
      /** '' or ending in '/'. */
      prefix: string;
      region: string;
      /** An S3-compatible server (MinIO, Ceph, a cloud's S3 endpoint); AWS itself when absent. */
      endpoint: string | undefined;
      forcePathStyle: boolean;
      /** From `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`; absent: the SDK's own chain (profile, instance role …). */
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
    };

type Env = Record<string, string | undefined>;

/** S3's rules for bucket names (3–63 characters: lower-case letters, digits, dots, hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Where an S3-compatible server is named, first found wins. */
const ENDPOINT_VARIABLES = ['HERALD_S3_ENDPOINT', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'] as const;

const NO_CREDENTIALS =
  'remove the user name and password from it (the value is not repeated here); ' +
  'the keys belong in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/** `user:pass@` (or any `…@`) before the host: in `scheme://user@host/…`, or in a value without a scheme. */
const hasUserinfo = (value: string) =>
  (value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0] ?? '').includes('@');

/** Reads `HERALD_BLOB_URL` and the AWS variables; throws an Error whose message says what to fix. */
export function parseBlobLocation(env: Env, dataDir: string): BlobLocation {
  const url = env.HERALD_BLOB_URL?.trim();
  if (!url) return { kind: 'local', dir: join(dataDir, 'blobs'), explicit: false };
  // Refused before anything echoes the value: it would reach logs, start-up messages and backup manifests.
  if (hasUserinfo(url)) throw new Error(`HERALD_BLOB_URL: ${NO_CREDENTIALS}`);
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('HERALD_BLOB_URL: name the folder, e.g. file:/srv/herald-blobs');
    return { kind: 'local', dir: resolve(path), explicit: true };
  }
  const s3 = /^s3:\/\/([^/?#]*)\/?([^?#]*)$/.exec(url);
  if (!s3) {
    throw new Error(
      `HERALD_BLOB_URL: "${url}" is neither s3://bucket/prefix nor file:/folder (unset: the data folder's blobs/)`,
    );
  }
  const [, bucket = '', rawPrefix = ''] = s3;
  if (!bucket) throw new Error('HERALD_BLOB_URL: the bucket is missing, e.g. s3://herald-attachments/prod');
  if (!BUCKET.test(bucket)) {
    throw new Error(
      `HERALD_BLOB_URL: "${bucket}" is not a valid bucket name (3–63 lower-case letters, digits, dots and hyphens)`,
    );
  }
  const segments = rawPrefix.split('/').filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..'))
    throw new Error('HERALD_BLOB_URL: the prefix may not hold . or ..');
  const endpointVariable = ENDPOINT_VARIABLES.find((name) => env[name]);
  const endpoint = endpointVariable ? env[endpointVariable] : undefined;
  if (endpoint && hasUserinfo(endpoint)) throw new Error(`${endpointVariable}: ${NO_CREDENTIALS}`);
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new Error(`${endpointVariable}: "${endpoint}" is not an http(s) URL, e.g. https://minio.corp.example:9000`);
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpoint ? 'us-east-1' : undefined);
  if (!region) throw new Error("AWS_REGION: set the bucket's region (e.g. eu-central-1) for HERALD_BLOB_URL=s3://…");
  const pathStyle = env.HERALD_S3_PATH_STYLE;
  if (pathStyle !== undefined && pathStyle !== 'true' && pathStyle !== 'false') {
    throw new Error('HERALD_S3_PATH_STYLE: true or false');
  }
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set both, or neither (the SDK then looks further)');
  }
  return {
    kind: 's3',
    bucket,
    prefix: segments.length ? `${segments.join('/')}/` : '',
    region,
    endpoint,
    // S3-compatible servers are usually reached by path (`host/bucket/key`); AWS by bucket name in the host.
    forcePathStyle: pathStyle ? pathStyle === 'true' : Boolean(endpoint),
    credentials:
      accessKeyId && secretAccessKey
        ? {
            accessKeyId,
            secretAccessKey,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          }
        : undefined,
  };
}

/**
 * The location as an operator reads it in messages and backup manifests: never with credentials (parsing refuses
 * userinfo; it is dropped here too, for a location made some other way).
 */
export const describeBlobLocation = (l: BlobLocation) =>
  l.kind === 'local'
    ? l.dir
    : `s3://${l.bucket}/${l.prefix}${l.endpoint ? ` at ${l.endpoint.replace(/^(\w+:\/\/)[^/?#]*@/, '$1')}` : ''}`;
