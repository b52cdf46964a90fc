// Issue 18 item 3: HERALD_BLOB_URL and the AWS variables are checked at start; a mistake stops Herald with a message
// that names the variable, before it serves anything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../config.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { describeBlobLocation } from './location.js';
import { openBlobStore } from './open.js';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ HERALD_DATA_DIR: 'data', ...env });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
};

describe('issue 18: blob store configuration', () => {
  let s3: FakeS3;
  const root = mkdtempSync(join(tmpdir(), 'herald-blob-config-'));
  before(async () => {
    s3 = await startFakeS3();
  });
  after(async () => {
    await s3.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('unset: the data folder as always; s3:// and file: are read as written', () => {
    assert.deepEqual(loadConfig({ HERALD_DATA_DIR: 'some/where' }).blobs, {
      kind: 'local',
      dir: join('some/where', 'blobs'),
      explicit: false,
    });
    assert.deepEqual(loadConfig({ HERALD_BLOB_URL: 'file:/srv/shared/blobs' }).blobs, {
      kind: 'local',
      dir: resolve('/srv/shared/blobs'),
      explicit: true,
    });
    const aws = loadConfig({ HERALD_BLOB_URL: 's3://herald-prod/eu//files/', AWS_REGION: 'eu-central-1' }).blobs;
    assert.deepEqual(aws, {
      kind: 's3',
      bucket: 'herald-prod',
      prefix: 'eu/files/',
      region: 'eu-central-1',
      endpoint: undefined,
      forcePathStyle: false, // AWS: the bucket in the host name
      credentials: undefined, // the SDK's own chain (instance role, profile …)
    });
    const compatible = loadConfig({ ...s3.env(''), HERALD_BLOB_URL: 's3://herald-test' }).blobs;
    assert.equal(compatible.kind === 's3' && compatible.forcePathStyle, true);
    assert.equal(compatible.kind === 's3' && compatible.prefix, '');
    assert.equal(compatible.kind === 's3' && compatible.credentials?.accessKeyId, 'S3RVER');
  });

  test('malformed values are refused with a message naming the variable', () => {
    assert.match(refusal({ HERALD_BLOB_URL: 'gs://bucket/x' }), /HERALD_BLOB_URL: "gs:\/\/bucket\/x" is neither/);
    assert.match(refusal({ HERALD_BLOB_URL: 's3://' }), /HERALD_BLOB_URL: the bucket is missing/);
    assert.match(refusal({ HERALD_BLOB_URL: 's3:///prefix', AWS_REGION: 'x' }), /the bucket is missing/);
    assert.match(refusal({ HERALD_BLOB_URL: 's3://Herald_Files', AWS_REGION: 'x' }), /not a valid bucket name/);
    assert.match(refusal({ HERALD_BLOB_URL: 's3://herald/../x', AWS_REGION: 'x' }), /may not hold \. or \.\./);
    assert.match(refusal({ HERALD_BLOB_URL: 'file:' }), /name the folder/);
    assert.match(refusal({ HERALD_BLOB_URL: 's3://herald' }), /AWS_REGION: set the bucket's region/);
    assert.match(
      refusal({ HERALD_BLOB_URL: 's3://herald', HERALD_S3_ENDPOINT: 'minio:9000' }),
      /HERALD_S3_ENDPOINT: "minio:9000" is not an http\(s\) URL/,
    );
    assert.match(
      refusal({ HERALD_BLOB_URL: 's3://herald', AWS_REGION: 'x', AWS_ACCESS_KEY_ID: 'only-the-id' }),
      /set both, or neither/,
    );
  });

  test('credentials in HERALD_BLOB_URL or the endpoint are refused without being repeated (review)', () => {
    const secret = 'hunter2-secret';
    for (const [env, variable] of [
      [{ HERALD_BLOB_URL: `s3://AKIAEXAMPLE:${secret}@herald/prod`, AWS_REGION: 'x' }, 'HERALD_BLOB_URL'],
      [{ HERALD_BLOB_URL: `s3://${secret}@herald` }, 'HERALD_BLOB_URL'],
      [{ HERALD_BLOB_URL: `gs://me:${secret}@bucket/x` }, 'HERALD_BLOB_URL'],
      [
        { HERALD_BLOB_URL: 's3://herald', HERALD_S3_ENDPOINT: `https://minio:${secret}@minio.corp:9000` },
        'HERALD_S3_ENDPOINT',
      ],
      [{ HERALD_BLOB_URL: 's3://herald', HERALD_S3_ENDPOINT: `minio:${secret}@minio.corp:9000` }, 'HERALD_S3_ENDPOINT'],
      [{ HERALD_BLOB_URL: 's3://herald', AWS_ENDPOINT_URL: `http://u:${secret}@127.0.0.1:9000` }, 'AWS_ENDPOINT_URL'],
    ] as const) {
      const message = refusal(env);
      assert.ok(message.includes(`\n  ${variable}: remove the user name and password`), message);
      assert.match(message, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
      assert.doesNotMatch(message, new RegExp(secret), 'the password is not repeated');
    }
    // A location made without parsing still never shows them (start-up messages, logs, backup manifests).
    const shown = describeBlobLocation({
      kind: 's3',
      bucket: 'herald',
      prefix: 'prod/',
      region: 'x',
      endpoint: `https://minio:${secret}@minio.corp:9000`,
      forcePathStyle: true,
      credentials: undefined,
    });
    assert.equal(shown, 's3://herald/prod/ at https://minio.corp:9000');
  });

  test('a bucket that does not exist, or a folder that is not there, is refused when the store opens', async () => {
    await assert.rejects(
      openBlobStore(loadConfig(s3.env('x', 'no-such-bucket')).blobs),
      (err: Error) => err instanceof ConfigError && /the bucket "no-such-bucket" does not exist/.test(err.message),
    );
    await assert.rejects(
      openBlobStore(loadConfig({ HERALD_BLOB_URL: `file:${join(root, 'not-mounted')}` }).blobs),
      (err: Error) => err instanceof ConfigError && /not-mounted does not exist \(not mounted\?\)/.test(err.message),
    );
  });

  test('Herald started with a missing bucket stops at once with that one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../main.ts', import.meta.url))], {
      env: {
        ...process.env,
        ...s3.env('x', 'no-such-bucket'),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        PORT: '0',
        HOST: '127.0.0.1',
        HERALD_DATA_DIR: join(root, 'data'),
        HERALD_SEED_DEMO: 'false',
        HERALD_DEMO_PORTAL_PORT: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /listening|http:\/\//i);
    assert.equal(
      stderr.trim(),
      `HERALD_BLOB_URL: the bucket "no-such-bucket" does not exist (s3://no-such-bucket/x/ at ${s3.endpoint})`,
    );
  });
});
