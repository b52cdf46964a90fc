import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/** How much of a refused upload's body is read and dropped at most, beyond the upload's own limit. */
export const REFUSED_BODY_DRAIN_BYTES = 64 * 1024 * 1024;
/**
 * A caller who is not signed in (401, or any refusal without an actor) is drained only for a body it declared
 * (`Content-Length`) no larger than the upload's limit: a client with an expired token still reads its 401, but nobody
 * unauthenticated can make the server read a chunked 100 MB (review of issue 14); such a body is not read at all.
 */
const anonymousDrain = (declared: number, maxBytes: number) => (declared > 0 && declared <= maxBytes ? declared : 0);

/**
 * For a streamed upload route (issue 14): when the answer is a refusal (401, 403, 413, 415, 429 …) and the client
 * may still be sending, the rest of the body is read and dropped before the answer goes out, and the answer says
 * `Connection: close`. Answering at once and closing made a client still sending fail with EPIPE ("fetch failed")
 * before it had read the 413. A body declared larger than `maxBytes` + `REFUSED_BODY_DRAIN_BYTES` is not read.
 * Registered before authentication, so a refused token is answered the same way (the client then refreshes it).
 */
export const drainRefusedUpload = (maxBytes: number) => createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'POST' || c.res.status < 400) return;
  const declared = Number(c.req.header('content-length') ?? 0);
  const limit = c.get('actor') ? maxBytes + REFUSED_BODY_DRAIN_BYTES : anonymousDrain(declared, maxBytes);
  const body = c.req.raw.body;
  if (body && !body.locked && limit > 0 && !(declared > limit)) await discard(body, limit);
  c.header('connection', 'close');
});

/** Reads and drops the stream up to `limit` bytes, then lets it go; a client that went away ends it early. */
async function discard(body: ReadableStream<Uint8Array>, limit: number): Promise<void> {
  const reader = body.getReader();
  try {
    await dropRest(reader, limit);
  } finally {
    reader.releaseLock();
  }
}

/**
 * For a handler that is reading an upload and refuses it part-way (too large): reads and drops what the signed-in
 * client is still sending, up to `REFUSED_BODY_DRAIN_BYTES`, so the client reads the refusal instead of failing on a
 * reset connection. The middleware above cannot, as the handler's reader holds the stream.
 */
export async function dropRest(reader: ReadableStreamDefaultReader<Uint8Array>, limit = REFUSED_BODY_DRAIN_BYTES): Promise<void> {
  try {
    for (let read = 0; read <= limit;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    /* the client went away */
  }
}
