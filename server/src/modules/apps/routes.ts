import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requirePermission } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { PERMISSIONS } from '../auth/permissions.js';
import { EMBED_AUDIENCES } from './schema.js';
import * as apps from './service.js';

const Audience = z.enum(EMBED_AUDIENCES).openapi({
  description:
    'Whom tokens may name: `contacts` (a customer portal), `members` or `both`. Apps that speak for members ' +
    'are registered and changed by a super admin only',
});
const DepartmentIds = z
  .array(z.string().min(1).max(64))
  .max(50)
  .nullable()
  .openapi({ description: 'Members only from these department subtrees (null or empty: the whole organisation)' });

const EmbedAppSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    origins: z.array(z.string()),
    audience: Audience,
    departmentIds: DepartmentIds,
    tokenMaxAgeSeconds: z.number().int(),
    disabled: z.boolean(),
    createdAt: z.number().int(),
    createdBy: z.string().nullable(),
  })
  .openapi('EmbedApp');
const EmbedAppWithSecretSchema = EmbedAppSchema.extend({
  secret: z
    .string()
    .openapi({ description: 'HS256 key for embed tokens. Shown only now: store it in the host back end.' }),
}).openapi('EmbedAppWithSecret');

const Origins = z
  .array(z.string().min(1).max(300))
  .min(1)
  .max(50)
  .openapi({
    example: ['https://portal.example.com'],
    description: 'Origins (scheme://host[:port]) allowed to embed the widgets',
  });
const MaxAge = z
  .number()
  .int()
  .min(60)
  .max(3600)
  .openapi({ description: 'Longest token lifetime (exp − iat) accepted, seconds' });

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    sendAsMembers: z
      .boolean()
      .openapi({ description: 'May send on behalf of a member it names (`POST /messages` `onBehalfOf`)' }),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('ApiKey');

const admin = requirePermission('org.admin');
const tags = ['embed apps and API keys'];

export const embedAppsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary:
          'Register a host site that embeds the widgets; answers its token secret once (members or both: ' +
          'super admin only)',
        request: {
          body: jsonBody(
            z.object({
              name: z.string().trim().min(1).max(100),
              origins: Origins,
              audience: Audience.default('contacts'),
              departmentIds: DepartmentIds.optional(),
              tokenMaxAgeSeconds: MaxAge.optional(),
            }),
          ),
        },
        responses: { 201: json(EmbedAppWithSecretSchema, 'Registered'), ...commonErrors },
      }),
      async (c) => {
        const app = await apps.createEmbedApp(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c));
        return c.json(app, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'List embed apps (without secrets)',
        responses: { 200: json(z.object({ items: z.array(EmbedAppSchema) }), 'Embed apps'), ...commonErrors },
      }),
      async (c) => c.json({ items: await apps.listEmbedApps(c.get('deps').db) }, 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary:
          'Rename, change origins, audience or lifetime, disable or enable an embed app (one that speaks for ' +
          'members: super admin only)',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({
              name: z.string().trim().min(1).max(100).optional(),
              origins: Origins.optional(),
              audience: Audience.optional(),
              departmentIds: DepartmentIds.optional(),
              tokenMaxAgeSeconds: MaxAge.optional(),
              disabled: z.boolean().optional(),
            }),
          ),
        },
        responses: { 200: json(EmbedAppSchema, 'Updated'), ...commonErrors, ...notFound },
      }),
      async (c) => {
        const app = await apps.updateEmbedApp(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          requestInfo(c),
        );
        return c.json(app, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/secret',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary:
          'Replace the token secret (old tokens stop working); answers the new one once (an app that speaks ' +
          'for members: super admin only)',
        request: { params: IdParam },
        responses: { 200: json(EmbedAppWithSecretSchema, 'New secret'), ...commonErrors, ...notFound },
      }),
      async (c) => {
        const app = await apps.rotateEmbedAppSecret(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('param').id,
          requestInfo(c),
        );
        return c.json(app, 200);
      },
    );

/** API keys for servers that send as the organisation (org.admin). */
export const apiKeysRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary:
          'Create a server-to-server API key with permissions the caller holds organisation-wide; answers the key once',
        request: {
          body: jsonBody(
            z.object({
              name: z.string().trim().min(1).max(100),
              permissions: z.array(z.enum(PERMISSIONS)).min(1),
              sendAsMembers: z.boolean().optional(),
            }),
          ),
        },
        responses: {
          201: json(
            ApiKeySchema.pick({ id: true, name: true, permissions: true, sendAsMembers: true, createdAt: true }).extend(
              { key: z.string() },
            ),
            'Created',
          ),
          ...commonErrors,
        },
      }),
      async (c) =>
        c.json(await apps.createApiKey(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'List API keys (without secrets)',
        responses: { 200: json(z.object({ items: z.array(ApiKeySchema) }), 'API keys'), ...commonErrors },
      }),
      async (c) => c.json({ items: await apps.listApiKeys(c.get('deps').db) }, 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Revoke an API key',
        request: { params: IdParam },
        responses: { 204: { description: 'Revoked' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await apps.revokeApiKey(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );
