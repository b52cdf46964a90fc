import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { Problem } from './problem.js';
import { hasPermission, type Actor } from '../modules/auth/actor.js';
import type { Permission } from '../modules/auth/permissions.js';
import { identityCache, type IdentityCache } from '../modules/auth/identity-cache.js';
import { sessionById } from '../modules/auth/service.js';
import { readSessionAt } from '../modules/auth/session-read.js';
import { actorFromApiKey, isApiKey } from '../modules/apps/service.js';
import { noteApiKeyUse } from '../modules/apps/key-use.js';
import { actorFromEmbedToken } from '../modules/apps/embed-token.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import { now } from '../lib/clock.js';
import { sha256 } from '../lib/crypto.js';

/**
 * What the caller authenticated with and when, so that an answer that outlives its request (a live stream) can ask
 * again whether it still holds (issue 15: a sign-out or a revoked right ends an open stream). The embed token is the
 * request's own header, held only as long as the stream that needs it.
 */
export type Authenticated = {
  /** The identity epoch the look-up began at: a change after it is not reflected in the actor. */
  epoch: number;
  /** Until when the answer holds by the clock alone (a session's or token's expiry). */
  validUntil: number;
  credential:
    | { via: 'session'; sessionId: string }
    | { via: 'embed'; token: string; origin: string | undefined; appKey: string }
    | { via: 'api-key' };
};

export const SESSION_COOKIE = 'herald_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The only calls a session may make while its password must be changed (R1). */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/v1/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/sign-out',
]);

/**
 * Establishes `actor` from a bearer credential (embed JWT or API key) or the session cookie, and enforces
 * what holds for every route: the embed app's origins, CSRF on cookie writes, and the forced password change.
 * A request without credentials goes on as anonymous; routes that need someone use `requireActor`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { db, config } = c.get('deps');
  const cache = identityCache(db);
  const authorization = c.req.header('authorization');
  let actor: Actor | undefined;
  let authenticated: Authenticated | undefined;
  if (authorization) {
    const epoch = await cache.begin(); // before any lookup: see IdentityCache
    const [scheme, credential] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential)
      throw new Problem('token-invalid', 'Use "Authorization: Bearer <token>".');
    if (isApiKey(credential)) {
      // Keys are for host back ends; a browser (which always sends Origin on such a call) must never hold one.
      if (c.req.header('origin'))
        throw new Problem('origin-not-allowed', 'API keys are for server-to-server calls, never from a browser.');
      actor = await apiKeyActor(db, cache, epoch, credential, c.get('deps').logger);
      authenticated = { epoch, validUntil: Number.POSITIVE_INFINITY, credential: { via: 'api-key' } };
    } else {
      const verified = await embedActor(db, cache, epoch, credential, config.jwtAudience);
      const origin = c.req.header('origin');
      // Browsers send Origin on every cross-origin call; a host back end calling with the token sends none.
      if (origin && !verified.origins.includes(origin)) {
        throw new Problem('origin-not-allowed', `${origin} is not an allowed origin of this embed app.`);
      }
      actor = verified.actor;
      const embed = { via: 'embed' as const, token: credential, origin, appKey: verified.appKey };
      authenticated = { epoch, validUntil: verified.validUntil, credential: embed };
    }
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    const { epoch, session } = token ? await sessionActor(db, cache, token) : { epoch: await cache.begin() };
    actor = session?.actor;
    if (session) {
      const credential = { via: 'session' as const, sessionId: session.actor.sessionId };
      authenticated = { epoch, validUntil: session.expiresAt, credential };
    }
    if (actor?.via === 'session') {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== actor.csrfToken) {
        throw new Problem(
          'csrf-failed',
          `Cookie-authenticated writes must send the ${CSRF_HEADER} header from GET /api/v1/me.`,
        );
      }
      if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`)) {
        throw new Problem('password-change-required');
      }
    }
  }
  c.set('actor', actor);
  c.set('authenticated', authenticated);
  await next();
});

// The three lookups through the identity cache (issue 15). Keys are SHA-256 digests: the process never keeps a
// credential itself. Only answers are kept; a refusal is looked up again every time.

type Session = { actor: Actor & { via: 'session' }; expiresAt: number };
/** The epoch this request began at and the session, if live: one statement when the session is not kept. */
async function sessionActor(
  db: Db,
  cache: IdentityCache,
  token: string,
): Promise<{ epoch: number; session?: Session | undefined }> {
  const key = `session:${sha256(token)}`;
  const sessionId = key.slice('session:'.length);
  let epoch: number;
  let session: Session | undefined;
  if (cache.has(key)) {
    epoch = await cache.begin(); // before the lookup: see IdentityCache
    session = cache.get<Session>(key, now());
    if (session) return { epoch, session };
    session = (await sessionById(db, sessionId)) as Session | undefined;
  } else {
    // Not kept (a new session, or a reconnect storm after a restart): the epoch and the session in one read.
    const read = await readSessionAt(db, sessionId, now());
    epoch = cache.beginAt(read.epoch);
    session = read.session as Session | undefined;
  }
  if (session) cache.set(epoch, key, session, session.expiresAt);
  return { epoch, session };
}

type Embedded = Awaited<ReturnType<typeof actorFromEmbedToken>>;
async function embedActor(
  db: Db,
  cache: IdentityCache,
  epoch: number,
  token: string,
  audience: string,
): Promise<Embedded> {
  const key = `embed:${sha256(token)}`;
  const hit = cache.get<Embedded>(key, now());
  if (hit) return hit;
  const verified = await actorFromEmbedToken(db, token, audience);
  cache.set(epoch, key, verified, verified.validUntil);
  return verified;
}

type KeyActor = Actor & { kind: 'api-key' };
async function lookUpApiKey(db: Db, cache: IdentityCache, epoch: number, key: string, bearer: string) {
  const actor = (await actorFromApiKey(db, bearer)) as KeyActor;
  cache.set(epoch, key, actor, Number.POSITIVE_INFINITY);
  return actor;
}

async function apiKeyActor(
  db: Db,
  cache: IdentityCache,
  epoch: number,
  bearer: string,
  logger: Logger,
): Promise<Actor> {
  const key = `api-key:${sha256(bearer)}`;
  const actor = cache.get<KeyActor>(key, now()) ?? (await lookUpApiKey(db, cache, epoch, key, bearer));
  // Not awaited: a read by a key never waits for this write (apps/key-use.ts).
  const { keyId } = actor;
  noteApiKeyUse(db, keyId, (err) => logger.warn({ err, keyId }, "could not note an API key's use"));
  return actor;
}

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
    if (!hasPermission(currentActor(c), permission))
      throw new Problem('forbidden', `This needs the "${permission}" permission.`);
    await next();
  });
