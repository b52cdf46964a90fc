// An S3 emulator for the tests (issue 18 item 3): s3rver, in this process, on loopback, storing into a temp folder.
// No real S3 (nor MinIO) can be reached from this machine; docs/architecture.md says what that leaves untested.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export const TEST_BUCKET = 'herald-test';

export type FakeS3 = {
  endpoint: string;
  /** What Herald needs to use `bucket/prefix` on it (s3rver's fixed credentials). */
  env: (prefix: string, bucket?: string) => Record<string, string>;
  close: () => Promise<void>;
};

export async function startFakeS3(): Promise<FakeS3> {
  const directory = mkdtempSync(join(tmpdir(), 'herald-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: (prefix, bucket = TEST_BUCKET) => ({
      HERALD_BLOB_URL: `s3://${bucket}/${prefix}`,
      HERALD_S3_ENDPOINT: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
