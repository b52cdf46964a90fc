import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { downloadResponse } from '../attachments/download.js';
import { AttachmentInfoSchema } from '../messages/api-schemas.js';
import { SearchText } from '../mailbox/query.js';
import * as knowledge from './service.js';

const tags = ['knowledge'];
const Id = z.string().min(1).max(64);

const ItemSchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    subject: z.string(),
    preview: z.string(),
    body: z.unknown().optional().openapi({ description: 'The rich-text document (one item only, not in lists)' }),
    kind: z.string(),
    sender: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    deliveredAt: z.number().int().nullable(),
    publishedBy: z.object({ id: z.string(), name: z.string() }),
    publishedAt: z.number().int(),
    everyone: z.boolean(),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    tags: z.array(z.object({ id: z.string(), label: z.string() })),
    attachments: z.array(AttachmentInfoSchema),
    can: z.object({ unpublish: z.boolean() }),
  })
  .openapi('KnowledgeItem');

const PublishBody = z
  .object({
    messageId: Id,
    everyone: z.boolean().optional().openapi({ description: 'The whole organisation (an organisation-wide grant)' }),
    departmentIds: z
      .array(Id)
      .max(50)
      .optional()
      .openapi({ description: 'Or these departments with their sub-departments (inside the grant’s departments)' }),
    tagIds: z.array(Id).max(20).optional().openapi({ description: 'Organisation tags it is found by' }),
  })
  .openapi('KnowledgePublish');

const ListQuery = z.object({
  q: SearchText.optional().openapi({ description: 'Words of the subject, text or file names (Chinese included)' }),
  tagId: Id.optional().openapi({ description: 'Filed under this organisation tag or one of its sub-tags' }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Issue 19 #7 (S4 知识库): the knowledge space — published messages the organisation keeps and finds later. */
export const knowledgeRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Knowledge items the caller finds (everyone’s, their departments’ — joined later or not — and their own)',
        request: { query: ListQuery },
        responses: {
          200: json(z.object({ items: z.array(ItemSchema), nextCursor: z.string().nullable() }), 'Newest first'),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await knowledge.listKnowledge(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tags',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The organisation tags of the items the caller finds, with counts',
        responses: {
          200: json(
            z.object({
              items: z.array(z.object({ id: z.string(), name: z.string(), label: z.string(), count: z.number() })),
            }),
            'By name',
          ),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await knowledge.knowledgeTagCounts(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/messages/{messageId}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Whether a message the caller reads is published, and whether they may publish or unpublish it',
        request: { params: z.object({ messageId: Id }) },
        responses: {
          200: json(
            z.object({
              item: ItemSchema.nullable(),
              can: z.object({ publish: z.boolean(), unpublish: z.boolean() }),
            }),
            'The capability flags the reading pane shows its action by',
          ),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          await knowledge.knowledgeOfMessage(c.get('deps').db, currentActor(c), c.req.valid('param').messageId),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'One knowledge item, read-only, with its body and attachments',
        request: { params: IdParam },
        responses: { 200: json(ItemSchema, 'The item'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(await knowledge.getKnowledge(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/attachments/{attachmentId}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Download a file of a knowledge item (access through the item, not a mailbox entry)',
        request: {
          params: z.object({ id: Id, attachmentId: Id }),
          query: z.object({ inline: z.enum(['0', '1', 'true', 'false']).optional() }),
        },
        responses: {
          200: { description: 'The bytes', content: { 'application/octet-stream': { schema: z.string() } } },
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        const { id, attachmentId } = c.req.valid('param');
        await knowledge.knowledgeAttachment(db, currentActor(c), id, attachmentId);
        const { inline } = c.req.valid('query');
        return downloadResponse(c, db, blobs, attachmentId, inline === '1' || inline === 'true');
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Publish a message one sent or received (and may forward), with its files (knowledge.publish)',
        request: { body: jsonBody(PublishBody) },
        responses: { 201: json(ItemSchema, 'Published'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await knowledge.publishKnowledge(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Unpublish (its publisher, or an organisation admin holding knowledge.publish)',
        request: { params: IdParam },
        responses: { 204: { description: 'Unpublished' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await knowledge.unpublishKnowledge(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );
