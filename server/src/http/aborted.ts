import type { Context } from 'hono';

/**
 * Issue 22: true when an error only says the client went away mid-request (it closed the connection while its
 * body was being read). That is the client's doing, not a fault of the server: logged at info level, never as
 * an unhandled error.
 */
export function isClientAbort(err: unknown, c: Context, depth = 0): boolean {
  if (c.req.raw.signal.aborted) return true;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object' || depth > 4) return false;
  if (e.code === 'ECONNRESET' || e.code === 'ERR_STREAM_PREMATURE_CLOSE' || e.name === 'AbortError') return true;
  if (e.message === 'aborted' || e.message === 'terminated') return true;
  return e.cause !== undefined && isClientAbort(e.cause, c, depth + 1);
}
