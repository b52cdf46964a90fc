import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { MessageSchema } from '../messages/routes.js';
import { PROGRESS } from './schema.js';
import { confirm, listMailbox, setProgress, setRead } from './service.js';

const tags = ['mailbox'];
const MessageIdParam = z.object({ messageId: z.string().min(1).max(64).openapi({ param: { name: 'messageId', in: 'path' } }) });
const StateSchema = z.object({
  deliveredAt: z.number().int(), readAt: z.number().int().nullable(), confirmedAt: z.number().int().nullable(),
  progress: z.string().nullable(), progressNote: z.string().nullable(), archivedAt: z.number().int().nullable(),
});
const conflict = { 409: { description: 'Not receipt-required / not task-like, recalled or expired (`conflict`)' } };

const readRoute = (method: 'post' | 'delete') => createRoute({
  method, path: '/mailbox/{messageId}/read', tags, security: BEARER, middleware: [requireActor] as const,
  summary: method === 'post' ? 'Mark read' : 'Mark unread', request: { params: MessageIdParam },
  responses: { 200: json(StateSchema, 'The mailbox state'), ...commonErrors, ...notFound },
});

/** A recipient's own copies (docs/api.md "Reading, threads and replies"); the inbox issue adds views and filters. */
export const mailboxRoutes = () =>
  createRouter()
    .openapi(createRoute({
      method: 'get', path: '/mailbox', tags, security: BEARER, middleware: [requireActor] as const,
      summary: 'What the caller received, newest first',
      request: { query: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: json(z.object({ items: z.array(z.object({ message: MessageSchema, state: StateSchema })), nextCursor: z.string().nullable() }), 'Mailbox'), ...commonErrors },
    }), async (c) => c.json(await listMailbox(c.get('deps').db, currentActor(c), c.req.valid('query')), 200))
    .openapi(readRoute('post'), async (c) => c.json(await setRead(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, true), 200))
    .openapi(readRoute('delete'), async (c) => c.json(await setRead(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, false), 200))
    .openapi(createRoute({
      method: 'post', path: '/mailbox/{messageId}/confirm', tags, security: BEARER, middleware: [requireActor] as const,
      summary: 'Confirm a receipt-required message (R9, S2)', request: { params: MessageIdParam },
      responses: { 200: json(StateSchema, 'Confirmed'), ...commonErrors, ...notFound, ...conflict },
    }), async (c) => c.json(await confirm(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, requestInfo(c)), 200))
    .openapi(createRoute({
      method: 'put', path: '/mailbox/{messageId}/progress', tags, security: BEARER, middleware: [requireActor] as const,
      summary: 'Report progress on a task-like message (S3)',
      request: { params: MessageIdParam, body: jsonBody(z.object({ progress: z.enum(PROGRESS), note: z.string().max(500).nullable().optional() }).strict()) },
      responses: { 200: json(StateSchema, 'Saved'), ...commonErrors, ...notFound, ...conflict },
    }), async (c) => c.json(await setProgress(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, c.req.valid('json'), requestInfo(c)), 200));
