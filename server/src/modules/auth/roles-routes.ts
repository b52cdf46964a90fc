import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requirePermission } from '../../http/auth.js';
import { BEARER, IdParam, ProblemSchema, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { requireStaff } from '../org/access.js';
import { GrantSchema } from '../org/api-schemas.js';
import { PERMISSIONS } from './permissions.js';
import * as roles from './roles.js';
import { oneLine } from '../../http/text.js';

const tags = ['roles and grants'];
const problem409 = (description: string) => ({
  409: { description, content: { 'application/problem+json': { schema: ProblemSchema } } },
});

const RoleSchema = z
  .object({
    id: z.string(),
    builtinKey: z.string().nullable().openapi({ description: 'Set for built-in roles, which cannot be changed' }),
    name: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    memberCount: z.number().int(),
  })
  .openapi('Role');
const Permissions = z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length);
const Name = oneLine(100);
const admin = requirePermission('org.admin');

export const rolesRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        summary: 'Built-in and custom roles with how many members hold each',
        responses: { 200: json(z.object({ items: z.array(RoleSchema) }), 'Roles'), ...commonErrors },
      }),
      async (c) => {
        requireStaff(currentActor(c));
        return c.json({ items: await roles.listRoles(c.get('deps').db) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Create a custom role from the permission list',
        request: { body: jsonBody(z.object({ name: Name, permissions: Permissions })) },
        responses: {
          201: json(RoleSchema, 'Created'),
          ...commonErrors,
          ...problem409('`conflict`: the name is taken'),
        },
      }),
      async (c) =>
        c.json(await roles.createRole(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Rename a custom role or change its permissions',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ name: Name.optional(), permissions: Permissions.optional() })),
        },
        responses: {
          200: json(RoleSchema, 'Updated'),
          ...commonErrors,
          ...notFound,
          ...problem409('`conflict`: built-in role, or the name is taken'),
        },
      }),
      async (c) =>
        c.json(
          await roles.updateRole(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            requestInfo(c),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Delete a custom role nobody holds',
        request: { params: IdParam },
        responses: {
          204: { description: 'Deleted' },
          ...commonErrors,
          ...notFound,
          ...problem409('`conflict`: built-in role; `in-use`: still granted'),
        },
      }),
      async (c) => {
        await roles.deleteRole(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );

/** A member's role grants (org.admin); mounted under /members. */
export const grantsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/grants',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary:
          'Grant a role to a member, optionally limited to a department subtree (super-admin: by a super admin only)',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({
              roleId: z.string().min(1).max(64),
              departmentId: z.string().min(1).max(64).nullable().optional(),
            }),
          ),
        },
        responses: {
          201: json(GrantSchema, 'Granted'),
          ...commonErrors,
          ...notFound,
          ...problem409('`conflict`: already held there'),
        },
      }),
      async (c) =>
        c.json(
          await roles.grantRole(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            requestInfo(c),
          ),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}/grants/{grantId}',
        tags,
        security: BEARER,
        middleware: [admin] as const,
        summary: 'Revoke a grant',
        request: {
          params: IdParam.extend({
            grantId: z
              .string()
              .min(1)
              .max(64)
              .openapi({ param: { name: 'grantId', in: 'path' } }),
          }),
        },
        responses: { 204: { description: 'Revoked' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        const { id, grantId } = c.req.valid('param');
        await roles.revokeGrant(c.get('deps').db, currentActor(c), id, grantId, requestInfo(c));
        return c.body(null, 204);
      },
    );
