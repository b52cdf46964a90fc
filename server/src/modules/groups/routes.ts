import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import * as groups from './service.js';
import { oneLine } from '../../http/text.js';

const EntryKind = z.enum(['member', 'department', 'contact']);
const GroupSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    endsAt: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'A temporary group (S9) ends then and leaves the pickers' }),
    ended: z.boolean(),
    entryCount: z.number().int(),
    memberCount: z.number().int().openapi({
      description: 'Distinct active members reached, resolved now (departments with their sub-departments when asked)',
    }),
    contactCount: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('GroupSummary');
const GroupEntrySchema = z
  .object({
    id: z.string(),
    kind: EntryKind,
    targetId: z.string(),
    name: z.string(),
    includeSubdepartments: z.boolean(),
  })
  .openapi('GroupEntry');
const GroupSchema = GroupSummarySchema.extend({ entries: z.array(GroupEntrySchema) }).openapi('Group');

const EntryInput = z.object({
  kind: EntryKind,
  targetId: z.string().min(1).max(64),
  includeSubdepartments: z.boolean().optional().openapi({ description: 'Department entries only; default true' }),
});
const Entries = z.array(EntryInput).max(1000);
const EndsAt = z.number().int().positive().nullable().optional();

const tags = ['groups'];

export const groupsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Recipient groups by name (any member); ended temporary groups only with includeEnded=true',
        request: {
          query: z.object({
            q: z.string().max(100).optional(),
            includeEnded: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(GroupSummarySchema), nextCursor: z.string().nullable() }), 'Groups'),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await groups.listGroups(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'A group with its entries',
        request: { params: IdParam },
        responses: { 200: json(GroupSchema, 'The group'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await groups.getGroup(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Create a group (org.admin, department.manage); contact entries need message.send.external (or org.admin)',
        request: {
          body: jsonBody(
            z.object({
              name: oneLine(100),
              description: z.string().max(500).nullable().optional(),
              endsAt: EndsAt,
              entries: Entries.default([]),
            }),
          ),
        },
        responses: { 201: json(GroupSchema, 'Created'), ...commonErrors },
      }),
      async (c) =>
        c.json(await groups.createGroup(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Change a group (an org admin any, a department admin those they created); entries, when given, replace all',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({
              name: oneLine(100).optional(),
              description: z.string().max(500).nullable().optional(),
              endsAt: EndsAt,
              entries: Entries.optional(),
            }),
          ),
        },
        responses: { 200: json(GroupSchema, 'Updated'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await groups.updateGroup(
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
        middleware: [requireActor] as const,
        summary: 'Delete a group (messages already sent keep their recipients)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await groups.deleteGroup(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );
