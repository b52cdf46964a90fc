import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.js';
import { embedOrigins } from '../modules/apps/origins.js';
import type { AppEnv } from './env.js';

const ALLOW_HEADERS = 'authorization, content-type, last-event-id, idempotency-key, x-request-id';
const EXPOSE_HEADERS = 'x-request-id, retry-after, etag';

/**
 * CORS for embedded widgets. A successful answer is readable only by the origins of enabled embed apps; an
 * error (problem+json) is readable by any origin, so that a widget on a site that is not registered can say
 * why (`origin-not-allowed`) instead of failing blindly. Preflights are answered for any origin because the
 * real request is still checked (authentication refuses a token used from an origin its app does not list),
 * and credentials are never allowed cross-origin: widgets send tokens in a header, and cookies stay
 * same-site. A request without `Origin` costs one header read.
 */
export function embedCors(db: Db) {
  const origins = embedOrigins(db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    if (c.res.status >= 400 || (await origins.allows(origin))) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
    }
    c.res.headers.append('vary', 'Origin');
  });
}
