import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { createTag, deleteTag, listTags, TAG_COLORS, TAG_SCOPES, updateTag } from './service.js';
import { oneLine } from '../../http/text.js';

const openapiTags = ['tags'];

const TagSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    color: z.enum(TAG_COLORS).nullable(),
    scope: z.enum(TAG_SCOPES),
    position: z.number().int(),
    count: z.number().int().openapi({ description: "The caller's entries (not deleted) carrying exactly this tag" }),
    unread: z.number().int(),
  })
  .openapi('Tag');
const Name = oneLine(50);
const conflict = { 409: { description: 'A sibling has the name, or the tag limit is reached (`conflict`)' } };

/** Organisation and personal tags (docs/api.md "Tags (R11, R12)"). */
export const tagsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags: openapiTags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "The organisation tag tree and the caller's personal tags, with counts (R11)",
        responses: { 200: json(z.object({ items: z.array(TagSchema) }), 'Tags'), ...commonErrors },
      }),
      async (c) => c.json(await listTags(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags: openapiTags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Create a tag: organisation (`message.manage` or `org.admin`) or personal',
        request: {
          body: jsonBody(
            z
              .object({
                scope: z.enum(TAG_SCOPES),
                parentId: z.string().min(1).max(64).nullable().optional(),
                name: Name,
                color: z.enum(TAG_COLORS).nullable().optional(),
              })
              .strict(),
          ),
        },
        responses: { 201: json(TagSchema, 'Created'), ...commonErrors, ...conflict },
      }),
      async (c) => c.json(await createTag(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags: openapiTags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Rename, move, recolour or reorder a tag',
        request: {
          params: IdParam,
          body: jsonBody(
            z
              .object({
                name: Name.optional(),
                parentId: z.string().min(1).max(64).nullable().optional(),
                color: z.enum(TAG_COLORS).nullable().optional(),
                position: z.number().int().min(0).max(100_000).optional(),
              })
              .strict(),
          ),
        },
        responses: { 200: json(TagSchema, 'Saved'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) =>
        c.json(
          await updateTag(
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
        tags: openapiTags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Delete a tag with its descendants and their assignments (the messages stay)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await deleteTag(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );
