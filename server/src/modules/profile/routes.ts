import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, tooMany } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import {
  confirmContactChange,
  CONTACT_KINDS,
  myProfile,
  PROFILE_LOCALES,
  requestContactChange,
  updateMyLocale,
} from './service.js';

const tags = ['me'];
const Kind = z.enum(CONTACT_KINDS);

const ProfileSchema = z
  .object({
    kind: z.enum(['member', 'contact']),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.string().nullable(),
    pending: z.array(z.object({ kind: Kind, value: z.string(), expiresAt: z.number().int() })),
    verifiable: z.object({ email: z.boolean(), phone: z.boolean() }).openapi({
      description: 'Whether a code can be sent to a new address of this kind (the channel is on); members only',
    }),
  })
  .openapi('MyProfile');

const PendingSchema = z.object({ kind: Kind, value: z.string(), expiresAt: z.number().int() });

/**
 * The caller's own profile (issue 20 item 7): no id in any path, so nobody can reach another's. Members change their
 * language at once and their e-mail or phone by a code sent to the new address; contacts change their language only.
 */
export const myProfileRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'My profile: name, e-mail, phone, language and changes waiting for their code',
        responses: { 200: json(ProfileSchema, 'My profile'), ...commonErrors },
      }),
      async (c) => c.json(await myProfile(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Change my language (null: follow the page); members and contacts',
        request: { body: jsonBody(z.object({ locale: z.enum(PROFILE_LOCALES).nullable() }).strict()) },
        responses: { 200: json(ProfileSchema, 'Saved'), ...commonErrors },
      }),
      async (c) =>
        c.json(
          await updateMyLocale(c.get('deps').db, currentActor(c), c.req.valid('json').locale, requestInfo(c)),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/verifications',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Send a code to my new e-mail address or phone number; the change waits for it (members)',
        request: {
          body: jsonBody(z.object({ kind: Kind, value: z.string().trim().min(1).max(254) }).strict()),
        },
        responses: {
          202: json(PendingSchema, 'Code sent'),
          409: { description: 'No channel for this kind (`verification-unavailable`), or the e-mail is taken' },
          502: { description: 'The code could not be sent (`verification-send-failed`)' },
          ...tooMany,
          ...commonErrors,
        },
      }),
      async (c) => {
        const { kind, value } = c.req.valid('json');
        return c.json(await requestContactChange(c.get('deps').db, currentActor(c), kind, value, requestInfo(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/verifications/confirm',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Apply my pending change with the code it was sent (once, within 10 minutes, 5 tries)',
        request: {
          body: jsonBody(
            z
              .object({
                kind: Kind,
                code: z
                  .string()
                  .trim()
                  .regex(/^\d{6}$/, 'Six digits'),
              })
              .strict(),
          ),
        },
        responses: {
          200: json(ProfileSchema, 'Changed'),
          ...tooMany,
          ...commonErrors,
        },
      }),
      async (c) => {
        const { kind, code } = c.req.valid('json');
        return c.json(
          await confirmContactChange(
            c.get('deps').db,
            currentActor(c),
            kind,
            code,
            requestInfo(c),
            c.get('deps').logger,
          ),
          200,
        );
      },
    );
