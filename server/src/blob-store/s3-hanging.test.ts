// Issue 18 item 3 (review): an endpoint that accepts connections and never answers must not hang Herald. The SDK has
// no timeouts of its own; with the store's (lowered here) the start stops with one line and a request fails as the
// store being unavailable (503 storage-unavailable) instead of waiting forever.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../config.js';
import { parseBlobLocation } from './location.js';
import { openBlobStore } from './open.js';
import { S3BlobStore } from './s3.js';
import { BlobStoreUnavailable } from './store.js';

const timeouts = { connectMs: 500, socketMs: 300 };

// A timeout for the test itself: without the store's, these would wait forever rather than fail.
describe('issue 18: an S3 endpoint that never answers', { timeout: 120_000 }, () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let location: ReturnType<typeof parseBlobLocation>;
  before(async () => {
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as AddressInfo;
    location = parseBlobLocation(
      {
        HERALD_BLOB_URL: 's3://herald-test/hang',
        HERALD_S3_ENDPOINT: `http://127.0.0.1:${port}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      },
      'unused',
    );
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => silent.close(done));
  });

  test('opening the store stops Herald with a message naming the bucket and the endpoint', async () => {
    await assert.rejects(openBlobStore(location, { s3Timeouts: timeouts }), (err: Error) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.match(err.message, /^HERALD_BLOB_URL: the bucket "herald-test" did not answer in time \(s3:\/\/herald-te/);
      return true;
    });
  });

  test('stat, get, put, delete and list fail as the store being unavailable (503 storage-unavailable)', async () => {
    const store = new S3BlobStore(location as Extract<typeof location, { kind: 's3' }>, timeouts);
    const unavailable = (err: unknown) => err instanceof BlobStoreUnavailable && err.code === 'TimeoutError';
    await assert.rejects(store.stat('0190aaaaaaaa0001'), unavailable);
    await assert.rejects(store.get('0190aaaaaaaa0001'), unavailable);
    await assert.rejects(store.delete('0190aaaaaaaa0001'), unavailable);
    await assert.rejects(store.put('0190aaaaaaaa0001', Readable.from([Buffer.from('hello')])), unavailable);
    await assert.rejects(store.list()[Symbol.asyncIterator]().next(), unavailable);
  });
});
