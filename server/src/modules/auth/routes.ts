import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { createRouter } from '../../http/router.js';
import type { AppEnv } from '../../http/env.js';
import { currentActor, SESSION_COOKIE } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, tooMany } from '../../http/openapi.js';
import { Problem } from '../../http/problem.js';
import { requestInfo } from '../../http/request-info.js';
import { forgetFirstPassword } from '../../lib/first-password.js';
import { actorFromSession, changePassword, signIn, signOut } from './service.js';
import { permissionNames, type Actor } from './actor.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js';
import { PERMISSIONS } from './permissions.js';

const SubjectSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('member'),
    id: z.string(),
    employeeNo: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    locale: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('contact'),
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    locale: z.string().nullable(),
  }),
]);

export const MeSchema = z
  .object({
    subject: SubjectSchema.nullable().openapi({
      description: 'null for an API key, and for nobody (`via: anonymous`)',
    }),
    permissions: z.array(z.enum(PERMISSIONS)),
    mustChangePassword: z.boolean(),
    csrfToken: z.string().nullable().openapi({ description: 'Send as X-CSRF-Token on cookie-authenticated writes' }),
    via: z
      .enum(['session', 'embed', 'api-key', 'anonymous'])
      .openapi({ description: '`anonymous` only with `?optional=true`' }),
  })
  .openapi('Me');

/** Nobody is calling: the answer to the sign-in probe `GET /me?optional=true` on a cold page (issue 23). */
const ANONYMOUS: z.infer<typeof MeSchema> = {
  subject: null,
  permissions: [],
  mustChangePassword: false,
  csrfToken: null,
  via: 'anonymous',
};

const toMe = (actor: Actor): z.infer<typeof MeSchema> => ({
  subject: actor.kind === 'api-key' ? null : actor.subject,
  permissions: permissionNames(actor.grants),
  mustChangePassword: actor.mustChangePassword,
  csrfToken: actor.via === 'session' ? actor.csrfToken : null,
  via: actor.via,
});

const sessionOf = (c: Context<AppEnv>) => {
  const actor = currentActor(c);
  if (actor.via !== 'session') throw new Problem('forbidden', 'Only a signed-in session can do this.');
  return actor;
};

const signInRoute = createRoute({
  method: 'post',
  path: '/sign-in',
  tags: ['auth'],
  summary: 'Sign in with employee number or e-mail and password; sets the session cookie',
  request: {
    body: jsonBody(
      z.object({ login: z.string().trim().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX) }),
    ),
  },
  responses: { 200: json(MeSchema, 'Signed in'), ...commonErrors, ...tooMany },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/sign-out',
  tags: ['auth'],
  security: BEARER,
  summary: 'End this session',
  responses: { 204: { description: 'Signed out' }, ...commonErrors },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  security: BEARER,
  summary: 'Change the password (required after the first sign-in, R1); ends other sessions',
  request: {
    body: jsonBody(
      z.object({
        currentPassword: z.string().min(1).max(PASSWORD_MAX),
        newPassword: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
      }),
    ),
  },
  responses: { 200: json(MeSchema, 'Password changed'), ...commonErrors, ...tooMany },
});

const meRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['auth'],
  security: BEARER,
  summary: 'Who is calling: subject, permissions, locale, CSRF token',
  description:
    'Without credentials: `401 unauthenticated`, or with `optional=true` (how a page finds out whether anyone is ' +
    'signed in, without a failed request) `200` with `via: "anonymous"` and `subject: null`. A bad or ' +
    'expired credential is ' +
    'refused either way (an ended session is nobody).',
  request: { query: z.object({ optional: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(MeSchema, 'The caller'), ...commonErrors },
});

/** Signing in and out, and changing one's own password. */
export const authRoutes = () =>
  createRouter()
    .openapi(signInRoute, async (c) => {
      const { db, config } = c.get('deps');
      const { login, password } = c.req.valid('json');
      const { token } = await signIn(db, login, password, requestInfo(c), config.sessionTtlMs);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: config.publicUrl.startsWith('https:'),
        maxAge: Math.floor(config.sessionTtlMs / 1000),
      });
      const actor = await actorFromSession(db, token);
      return c.json(toMe(actor!), 200);
    })
    .openapi(signOutRoute, async (c) => {
      await signOut(c.get('deps').db, sessionOf(c), requestInfo(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(passwordRoute, async (c) => {
      const { db } = c.get('deps');
      const actor = sessionOf(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const { superAdmin } = await changePassword(db, actor, currentPassword, newPassword, requestInfo(c));
      // The kept one-time password (lib/first-password.ts) is gone with the first change.
      if (superAdmin) await forgetFirstPassword(c.get('deps').config.dataDir);
      return c.json(toMe({ ...actor, mustChangePassword: false }), 200);
    });

/** Who is calling (the widgets' first request). */
export const meRoutes = () =>
  createRouter().openapi(meRoute, (c) => {
    if (c.req.valid('query').optional === 'true' && !c.get('actor')) return c.json(ANONYMOUS, 200);
    return c.json(toMe(currentActor(c)), 200);
  });
