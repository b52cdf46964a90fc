import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { Problem } from './problem.js';
import { hasPermission, type Actor } from '../modules/auth/actor.js';
import type { Permission } from '../modules/auth/permissions.js';
import { actorFromSession } from '../modules/auth/service.js';
import { actorFromApiKey, isApiKey } from '../modules/apps/service.js';
import { actorFromEmbedToken } from '../modules/apps/embed-token.js';

export const SESSION_COOKIE = 'herald_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The only calls a session may make while its password must be changed (R1). */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['GET /api/v1/me', 'POST /api/v1/auth/password', 'POST /api/v1/auth/sign-out']);

/**
 * Establishes `actor` from a bearer credential (embed JWT or API key) or the session cookie, and enforces
 * what holds for every route: the embed app's origins, CSRF on cookie writes, and the forced password change.
 * A request without credentials goes on as anonymous; routes that need someone use `requireActor`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { db, config } = c.get('deps');
  const authorization = c.req.header('authorization');
  let actor: Actor | undefined;
  if (authorization) {
    const [scheme, credential] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential) throw new Problem('token-invalid', 'Use "Authorization: Bearer <token>".');
    if (isApiKey(credential)) {
      // Keys are for host back ends; a browser (which always sends Origin on such a call) must never hold one.
      if (c.req.header('origin')) throw new Problem('origin-not-allowed', 'API keys are for server-to-server calls, never from a browser.');
      actor = await actorFromApiKey(db, credential);
    } else {
      const verified = await actorFromEmbedToken(db, credential, config.jwtAudience);
      const origin = c.req.header('origin');
      // Browsers send Origin on every cross-origin call; a host back end calling with the token sends none.
      if (origin && !verified.origins.includes(origin)) {
        throw new Problem('origin-not-allowed', `${origin} is not an allowed origin of this embed app.`);
      }
      actor = verified.actor;
    }
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) actor = await actorFromSession(db, token);
    if (actor?.via === 'session') {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== actor.csrfToken) {
        throw new Problem('csrf-failed', `Cookie-authenticated writes must send the ${CSRF_HEADER} header from GET /api/v1/me.`);
      }
      if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`)) {
        throw new Problem('password-change-required');
      }
    }
  }
  c.set('actor', actor);
  await next();
});

/** The caller, or `401 unauthenticated`. */
export function currentActor(c: { get(key: 'actor'): Actor | undefined }): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Problem('unauthenticated');
  return actor;
}

export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  currentActor(c);
  await next();
});

/** `403 forbidden` unless the caller holds the permission (anywhere; scoped checks are the service's). */
export const requirePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!hasPermission(currentActor(c), permission)) throw new Problem('forbidden', `This needs the "${permission}" permission.`);
    await next();
  });
