// The typed RPC client of Herald's routes: the shape and types of Hono's `hc` (`api.messages[':id'].$get({ param })`)
// for the parts Herald uses — `param`, `query`, `json`, and `{ init }` (an abort signal) — without the cookie, form
// and WebSocket code `hc` brings along (≈ 4.7 KB minified of the first load, issue 16). The types come from
// `hono/client` at compile time only.
import type { hc } from 'hono/client';
import type { HeraldApp } from './app-type.js';

/** What `hc<HeraldApp>` answers. */
export type HeraldRpc = ReturnType<typeof hc<HeraldApp>>;

type Args = { param?: Record<string, string>; query?: Record<string, unknown>; json?: unknown };

/** The query string as `hc` builds it: undefined left out, an array as repeated keys. */
function search(query: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) q.append(k, String(one));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The caller's headers (if any) with the JSON content type. */
function jsonHeaders(given: HeadersInit | undefined): Headers {
  const headers = new Headers(given);
  headers.set('Content-Type', 'application/json');
  return headers;
}

/** `api.a.b[':id'].$get(args, { init })` → `fetch(base/a/b/<id>?query, { ...init, method: 'GET' })`; JSON bodies. */
export function rpc(base: string, fetchImpl: typeof fetch): HeraldRpc {
  const proxy = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_, key) => (typeof key === 'string' && key !== 'then' ? proxy([...path, key]) : undefined),
      apply: (_, __, [args = {}, options]: [Args?, { init?: RequestInit }?]) => {
        let url = `${base}/${path.slice(0, -1).join('/')}`.replace(/\/index$/, '');
        for (const [k, v] of Object.entries(args.param ?? {}))
          url = url.replace(new RegExp(`/:${k}(?=/|$)`), () => `/${v}`);
        const json = args.json !== undefined;
        return fetchImpl(url + search(args.query), {
          ...options?.init,
          method: path[path.length - 1]!.slice(1).toUpperCase(),
          ...(json ? { headers: jsonHeaders(options?.init?.headers), body: JSON.stringify(args.json) } : {}),
        });
      },
    });
  return proxy([]) as HeraldRpc;
}
