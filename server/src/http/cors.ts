import { createMiddleware } from 'hono/factory';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { embedApps } from '../modules/apps/schema.js';
import type { AppEnv } from './env.js';

const CACHE_MS = 5_000;
const ALLOW_HEADERS = 'authorization, content-type, last-event-id, idempotency-key, x-request-id';
const EXPOSE_HEADERS = 'x-request-id, retry-after, etag';

/**
 * CORS for embedded widgets, open only to the origins of enabled embed apps. No credentials are allowed
 * cross-origin (widgets send tokens in a header), and a request without `Origin` costs one header read.
 * The origin list is cached briefly so that every server process picks up a new app within seconds.
 */
export function embedCors(db: Db) {
  let cached: { at: number; origins: Set<string> } | undefined;
  const allowed = async (origin: string) => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const rows = await db.select({ origins: embedApps.origins }).from(embedApps).where(eq(embedApps.disabled, false));
      cached = { at: Date.now(), origins: new Set(rows.flatMap((r) => r.origins)) };
    }
    return cached.origins.has(origin);
  };
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const ok = await allowed(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!ok) return c.body(null, 403, { vary: 'Origin' });
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    if (ok) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
    }
    c.res.headers.append('vary', 'Origin');
  });
}
