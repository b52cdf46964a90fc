// Test-only: hold chosen requests until the test releases them, to control the order answers arrive in (issue 16:
// a slow older search answered after a newer one) without timing — no sleeps, only positive signals.

/** One request held by the gate: its URL, the signal it was sent with, and `release()` to let its answer through. */
export interface HeldRequest {
  url: URL;
  signal: AbortSignal | null;
  /**
   * Lets the held answer through (even when the request was aborted: an answer arriving late); resolves once the
   * caller has read its body, so what remains of the caller's handling is microtasks (see `settled`).
   */
  release(): Promise<void>;
}

/**
 * Wraps `inner`: requests whose URL matches `hold` wait in `held` until released; the others pass straight through.
 * A held request rejects with an AbortError when its signal aborts, as `fetch` does — unless `ignoreAbort`, which
 * stands for an answer that arrives anyway (the element must then drop the superseded answer itself).
 */
export function fetchGate(
  inner: typeof fetch,
  hold: (url: URL, init: RequestInit) => boolean,
  { ignoreAbort = false } = {},
) {
  const held: HeldRequest[] = [];
  const gated: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    if (!hold(url, init)) return inner(input, init);
    // The server answers at once, from the state at the time of asking (ignoring any abort) …
    const { signal: _ignored, ...rest } = init;
    const response = await inner(input, rest);
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    let read!: () => void;
    const bodyRead = new Promise<void>((resolve) => (read = resolve));
    held.push({ url, signal: init.signal ?? null, release: () => (open(), bodyRead) });
    // … and the answer arrives only when released (or the request is aborted, unless ignored).
    const aborted = new Promise<never>((_, reject) => {
      const signal = init.signal;
      if (ignoreAbort || !signal) return;
      const fail = () => reject(new DOMException('The request was aborted.', 'AbortError'));
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    await Promise.race([opened, aborted]);
    const json = response.json.bind(response);
    response.json = () => json().finally(() => queueMicrotask(read));
    return response;
  };
  return { fetch: gated, held };
}

/** Lets every pending microtask run (one turn of the event loop): the end of a released answer's handling. */
export const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Wraps `inner`: a request whose path ends with `pathEnd` is refused (403), as by a server without the grant. */
export function refusing(inner: typeof fetch, pathEnd: string): typeof fetch {
  return (input, init) =>
    new URL(String(input instanceof Request ? input.url : input), location.href).pathname.endsWith(pathEnd)
      ? Promise.resolve(
          new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403 }), {
            status: 403,
            headers: { 'content-type': 'application/problem+json' },
          }),
        )
      : inner(input, init);
}
