import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound, tooMany } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { oneLine } from '../../http/text.js';
import { IdempotencyHeader } from '../messages/api-schemas.js';
import { RichDocSchema } from '../messages/content/index.js';
import { CONVERSATION_STATUSES, CONVERSATION_TARGETS } from './schema.js';
import * as conversations from './service.js';
import { conversationSettings, updateConversationSettings } from './settings.js';

const tags = ['conversations'];
const Named = z.object({ id: z.string(), name: z.string() });
const ConversationSchema = z
  .object({
    id: z.string().openapi({ description: 'Also the id of its first message: GET /messages/{id}/thread reads it' }),
    subject: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    target: z.enum(CONVERSATION_TARGETS),
    group: Named.nullable(),
    contact: z.object({ id: z.string(), name: z.string(), company: z.string().nullable() }),
    assignee: z
      .object({
        id: z.string().optional().openapi({ description: 'Staff only: a customer sees the name, not the member id' }),
        name: z.string(),
      })
      .nullable(),
    openedAt: z.number().int(),
    updatedAt: z.number().int(),
    can: z.object({ update: z.boolean() }),
  })
  .openapi('CustomerConversation');
const OpenBody = z
  .object({
    to: z.enum(CONVERSATION_TARGETS).openapi({ description: "`owner`: the contact's owner; `group`: a service group" }),
    groupId: z.string().min(1).max(64).optional(),
    subject: oneLine(200),
    body: RichDocSchema,
    attachmentIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .strict()
  .refine((b) => b.to !== 'group' || b.groupId, { path: ['groupId'], message: 'Required when to is "group"' })
  .openapi('NewCustomerConversation');
const PatchBody = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    assigneeId: z.string().min(1).max(64).nullable().optional(),
  })
  .strict()
  .openapi('CustomerConversationPatch');
const SettingsSchema = z.object({ groupIds: z.array(z.string()), groups: z.array(Named) });

/** Issue 19 item 5 (S7): conversations customers open from the portal, and the staff's queue of them. */
export const conversationsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/targets',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "A contact: whom they may write to (their owner's name, the service groups the admin chose)",
        responses: {
          200: json(z.object({ owner: z.object({ name: z.string() }).nullable(), groups: z.array(Named) }), 'Targets'),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await conversations.conversationTargets(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The service groups that accept customer conversations (org.admin)',
        responses: { 200: json(SettingsSchema, 'Settings'), ...commonErrors },
      }),
      async (c) => c.json(await conversationSettings(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/settings',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Choose the service groups that accept customer conversations (org.admin; audited)',
        request: { body: jsonBody(z.object({ groupIds: z.array(z.string().min(1).max(64)).max(50) }).strict()) },
        responses: { 200: json(SettingsSchema, 'Saved'), ...commonErrors },
      }),
      async (c) =>
        c.json(
          await updateConversationSettings(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          "Staff: the customer queue they may work (the contact's owner, the service group's members, the " +
          'assignee; org.admin all). A contact: their own. Most recently changed first',
        request: {
          query: z.object({
            status: z.enum(CONVERSATION_STATUSES).optional(),
            assignee: z.string().min(1).max(64).optional().openapi({ description: '`me`, `none` or a member id' }),
            cursor: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(100).optional(),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(ConversationSchema), nextCursor: z.string().nullable() }), 'A page'),
          ...commonErrors,
        },
      }),
      async (c) =>
        c.json(await conversations.listConversations(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'A contact with portal access opens a conversation with their owner or a service group (Idempotency-Key; ' +
          'at most 10 per contact in 15 minutes, then 429)',
        request: { headers: IdempotencyHeader, body: jsonBody(OpenBody) },
        responses: {
          201: json(ConversationSchema, 'Opened and delivered'),
          200: json(ConversationSchema, 'A replay of an earlier request with this Idempotency-Key'),
          422: { description: 'Idempotency-Key reused with another body (`idempotency-key-reused`)' },
          ...commonErrors,
          ...tooMany,
        },
      }),
      async (c) => {
        const result = await conversations.openConversation(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('json'),
          requestInfo(c),
          c.req.valid('header')['idempotency-key'],
        );
        if (result.replayed) c.header('Idempotency-Replayed', 'true');
        return result.replayed ? c.json(result.conversation, 200) : c.json(result.conversation, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'One conversation the caller may see',
        request: { params: IdParam },
        responses: { 200: json(ConversationSchema, 'The conversation'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(await conversations.getConversation(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/assignees',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "Staff: whom it may be assigned to (the caller, the group's members, the contact's owner)",
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(Named) }), 'Members'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(await conversations.assigneeChoices(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Staff: resolve, reopen or assign (audited; replies set open/waiting by themselves)',
        request: { params: IdParam, body: jsonBody(PatchBody) },
        responses: { 200: json(ConversationSchema, 'Saved'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await conversations.updateConversation(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            requestInfo(c),
          ),
          200,
        ),
    );
