import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/**
 * How much more of a refused upload's body is read and dropped, at most, after its handler stopped reading. A handler
 * reads at most its limit and one chunk, so in all at most the limit + this is read; the limits (imports 20 MB,
 * attachments 50 MB) are below it, so a body within its limit is always read to its end.
 */
export const REFUSED_BODY_DRAIN_BYTES = 64 * 1024 * 1024;
/**
 * A caller who is not signed in (401, or any refusal without an actor) is drained only for a body it declared
 * (`Content-Length`) no larger than the upload's limit: a client with an expired token still reads its 401, but nobody
 * unauthenticated can make the server read a chunked 100 MB (review of issue 14); such a body is not read at all.
 */
const anonymousDrain = (declared: number, maxBytes: number) => (declared > 0 && declared <= maxBytes ? declared : 0);

/**
 * For every streamed upload route (issue 14), the one place a refused upload's body is dealt with: when the answer is
 * a refusal (401, 403, 413, 415, 429 …) and the client may still be sending, the rest of the body is read and dropped
 * before the answer goes out, and the answer says `Connection: close`. Answering at once and closing made a client
 * still sending fail with EPIPE ("fetch failed") before it had read the 413. A handler that refuses part-way lets go
 * of the body (`releaseLock`) and leaves the rest to this. A body declared larger than `maxBytes` +
 * `REFUSED_BODY_DRAIN_BYTES` is not read. Registered before authentication, so a refused token is answered the same
 * way (the client then refreshes it).
 */
export const drainRefusedUpload = (maxBytes: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (c.req.method !== 'POST' || c.res.status < 400) return;
    const declared = Number(c.req.header('content-length') ?? 0);
    const signedIn = Boolean(c.get('actor'));
    const limit = signedIn ? REFUSED_BODY_DRAIN_BYTES : anonymousDrain(declared, maxBytes);
    const body = c.req.raw.body;
    const tooLargeToRead = declared > maxBytes + REFUSED_BODY_DRAIN_BYTES;
    if (body && !body.locked && limit > 0 && !tooLargeToRead) await discard(body, limit);
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
    releaseQuietly(reader);
  }
}

/** Lets go of an upload's body so `drainRefusedUpload` can drop the rest (a read still pending: it is torn down). */
export function releaseQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  try {
    reader.releaseLock();
  } catch {
    /* a read still pending: the stream is being torn down anyway */
  }
}
