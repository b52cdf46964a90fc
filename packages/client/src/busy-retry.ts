/**
 * Retrying `503 busy` (issue 17 item 4). The server answers it when another Herald process held the database past
 * the request's deadline; nothing of the request was saved. The client tries again, after the server's
 * `Retry-After`, when repeating the request is safe: a method that is idempotent by definition, or a write that
 * carries an `Idempotency-Key` (a send, a reply), which the server runs at most once whatever happens.
 */

/** Tries after the first answer (so at most three requests). */
export const BUSY_RETRIES = 2;
/** When the answer names no `Retry-After` (seconds). */
const DEFAULT_RETRY_AFTER_S = 2;
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/i;

/** Whether this request may be sent again after `503 busy`: idempotent, and its body can be sent twice. */
export function mayRetryBusy(input: RequestInfo | URL, init: RequestInit): boolean {
  if (input instanceof Request) return /^(GET|HEAD)$/i.test(input.method) && !init.body;
  if (typeof ReadableStream !== 'undefined' && init.body instanceof ReadableStream) return false; // read once only
  return IDEMPOTENT.test(init.method ?? 'GET') || new Headers(init.headers).has('idempotency-key');
}

/** How long to wait before trying again (ms: the server's Retry-After and up to half again), or null: not `busy`. */
export async function busyRetryDelay(response: Response, random = Math.random): Promise<number | null> {
  if (response.status !== 503 || !(response.headers.get('content-type') ?? '').includes('json')) return null;
  const problem = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { code?: unknown; retryAfter?: unknown };
  if (problem.code !== 'busy') return null;
  const header = Number(response.headers.get('retry-after'));
  const seconds =
    typeof problem.retryAfter === 'number'
      ? problem.retryAfter
      : Number.isFinite(header) && header > 0
        ? header
        : DEFAULT_RETRY_AFTER_S;
  return seconds * 1000 * (1 + random() / 2); // at least what the server asked; spread the clients apart
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
