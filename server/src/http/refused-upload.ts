import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/** How much of a refused upload's body is read and dropped at most, beyond the upload's own limit. */
export const REFUSED_BODY_DRAIN_BYTES = 64 * 1024 * 1024;
/**
 * For a caller who is not signed in (401, or any refusal without an actor): this much at most, so that nobody
 * unauthenticated can make the server read 100 MB per request (review of issue 14); a client still sending more then
 * sees the connection close.
 */
export const ANONYMOUS_DRAIN_BYTES = 2 * 1024 * 1024;

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
  const limit = c.get('actor') ? maxBytes + REFUSED_BODY_DRAIN_BYTES : ANONYMOUS_DRAIN_BYTES;
  const body = c.req.raw.body;
  if (body && !body.locked && !(Number(c.req.header('content-length') ?? 0) > limit)) await discard(body, limit);
  c.header('connection', 'close');
});

/** Reads and drops the stream up to `limit` bytes, then lets it go; a client that went away ends it early. */
async function discard(body: ReadableStream<Uint8Array>, limit: number): Promise<void> {
  const reader = body.getReader();
  try {
    for (let read = 0; read <= limit;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    /* the client went away */
  } finally {
    reader.releaseLock();
  }
}
