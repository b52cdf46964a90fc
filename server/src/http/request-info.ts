import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RequestInfo } from '../modules/auth/service.js';

export function clientIp(c: Context): string | null {
  // app.request() (tests, benches) has no socket: answered without throwing (an exception per send cost ~70 µs).
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env?.incoming && !env?.server?.incoming) return null;
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/** Who asked, for audit rows and rate limits. */
export const requestInfo = (c: Context): RequestInfo => ({
  ip: clientIp(c),
  userAgent: c.req.header('user-agent') ?? null,
  requestId: (c.get('requestId') as string | undefined) ?? null,
});
