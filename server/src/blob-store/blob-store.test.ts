// Issue 18 item 3: the shared blob store suite against the local folder and against S3-compatible storage. There is no
// real S3 here: the S3 store talks to s3rver (an emulator, in this process on loopback) through the real AWS SDK.
import { after, before } from 'node:test';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { blobStoreSuite } from './blob-store.suite.js';

let s3: FakeS3;
before(async () => {
  s3 = await startFakeS3();
});
after(() => s3.close());

blobStoreSuite('local folder', () => ({}));
blobStoreSuite('S3 (s3rver)', () => s3.env('herald/attachments'));
