import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { Problem } from '../../http/problem.js';
import { AudienceKind, DepartmentKey, IdempotencyHeader, MessageSchema, SentMessageSchema } from './api-schemas.js';
import { RichDocSchema } from './content/index.js';
import { searchDirectory } from './directory.js';
import { createDraft, deleteDraft, getDraft, listDrafts, saveDraft } from './drafts.js';
import { deleteMessage, editMessage, recallMessage, revisionsOf, viewOne } from './manage.js';
import { recipientsOf } from './receipts.js';
import { RecipientNotificationSchema } from '../notify/api-schemas.js';
import { checkAudience, countAudience, requireSendPermission, unreachedMembers } from './recipients.js';
import { AUDIENCE_KINDS, MESSAGE_KINDS, PRIORITIES } from './schema.js';
import { replyToMessage, sendMessage } from './send.js';
import { forwardMessage } from './forward.js';
import { threadOf } from './thread.js';
import { actorId } from '../auth/actor.js';
import { oneLine } from '../../http/text.js';

const tags = ['messages'];
const AudienceEntry = z
  .object({
    kind: AudienceKind,
    targetId: z.string().min(1).max(64),
    includeSubdepartments: z.boolean().optional().openapi({ description: 'Departments only; default true' }),
  })
  .openapi('AudienceEntry');
const Audience = z.array(AudienceEntry).min(1).max(500);
const AttachmentIds = z.array(z.string().min(1).max(64)).max(50);

const SendBody = z
  .object({
    kind: z.enum(MESSAGE_KINDS),
    priority: z.enum(PRIORITIES).optional(),
    subject: oneLine(200),
    body: RichDocSchema,
    audience: Audience,
    attachmentIds: AttachmentIds.optional(),
    receiptRequired: z.boolean().optional(),
    expiresInMinutes: z.number().int().min(1).max(525_600).nullable().optional(),
    expiresAt: z.number().int().positive().nullable().optional(),
    dueAt: z.number().int().positive().nullable().optional(),
    draftId: z.string().max(64).nullable().optional(),
    scheduledAt: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .openapi({
        description:
          'Issue 20 #1: deliver at this time (epoch ms; after now, at most 366 days ahead) instead of now; ' +
          'any approval comes first',
      }),
    onBehalfOf: z.string().trim().min(1).max(64).optional().openapi({
      description:
        'API keys allowed to send for members only: the employee number of the member the message is sent as',
    }),
  })
  .strict()
  .openapi('SendMessage');
/** Issue 20 #4: a forward is a send whose body quotes the original; the forwarder may add a note above it. */
const ForwardBody = z
  .object({
    kind: z.enum(MESSAGE_KINDS),
    priority: z.enum(PRIORITIES).optional(),
    subject: oneLine(200).optional().openapi({ description: 'Default "Fwd: " (or "转发：") and the original subject' }),
    note: RichDocSchema.optional().openapi({ description: "The forwarder's text above the quoted original" }),
    audience: Audience,
    attachmentIds: AttachmentIds.optional().openapi({ description: "The forwarder's own new uploads, if any" }),
    receiptRequired: z.boolean().optional(),
    expiresInMinutes: z.number().int().min(1).max(525_600).nullable().optional(),
    expiresAt: z.number().int().positive().nullable().optional(),
    dueAt: z.number().int().positive().nullable().optional(),
    draftId: z.string().max(64).nullable().optional(),
    // A forward may be scheduled like any send (issue 20 #1): the composer's "Schedule…" works while forwarding.
    scheduledAt: SendBody.shape.scheduledAt,
    locale: z.enum(['en', 'zh-CN']).optional().openapi({ description: 'Language of the "Forwarded from" line' }),
    timeZone: z.string().min(1).max(64).optional().openapi({ description: 'IANA time zone of its date; default UTC' }),
  })
  .strict()
  .openapi('ForwardMessage');
const tooLarge = {
  413: { description: 'Attachments over 200 MB (`message-too-large`)' },
  422: { description: 'Idempotency-Key reused with another body (`idempotency-key-reused`)' },
};
/** Issue 20 #2: what the Drafts view lists of a draft, computed by the server from the stored state. */
const DraftSummarySchema = z
  .object({
    id: z.string(),
    subject: z.string().openapi({ description: "On one line; '' when none" }),
    recipientCount: z.number().int(),
    recipientNames: z.array(z.string()).openapi({ description: 'The first three recipients picked' }),
    preview: z.string().openapi({ description: "The body's first words, plain text (as a message's preview)" }),
    attachmentCount: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('DraftSummary');
const DraftSchema = DraftSummarySchema.extend({ data: z.record(z.string(), z.unknown()) }).openapi('Draft');
const DraftsQuery = z.object({
  fields: z
    .enum(['summary'])
    .optional()
    .openapi({ description: '`summary`: each draft without its `data` (the Drafts view)' }),
});
const DraftBody = z.object({ data: z.record(z.string(), z.unknown()) });
const MAX_DRAFT_BYTES = 512 * 1024;
const DirectoryItemSchema = z
  .object({
    kind: AudienceKind,
    id: z.string(),
    name: z.string(),
    detail: z.string().nullable(),
    memberCount: z.number().int().nullable(),
    memberCountWithSubdepartments: z.number().int().nullable(),
  })
  .openapi('DirectoryItem');

const MAX_DRAFT_DEPTH = 32;

/** Depth of nested arrays and objects, walked without recursion (a deeply nested body must not blow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > MAX_DRAFT_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function checkDraftSize(data: unknown): void {
  if (depthOf(data) > MAX_DRAFT_DEPTH) {
    throw new Problem('validation', `A draft nests at most ${MAX_DRAFT_DEPTH} levels.`, {
      errors: [{ path: 'data', code: 'invalid-value', message: 'Nested too deeply' }],
    });
  }
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DRAFT_BYTES)
    throw new Problem('payload-too-large', 'A draft is limited to 512 KB.');
}

/** The recipient picker's search. */
export const directoryRoutes = () =>
  createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: BEARER,
      middleware: [requireActor] as const,
      summary:
        "The recipient picker's search: members, departments (with head counts), groups and (for external " +
        'senders) contacts',
      request: {
        query: z.object({
          q: z.string().max(100).optional(),
          kinds: z
            .string()
            .max(100)
            .default('member,department,group,contact')
            .transform((v) =>
              v
                .split(',')
                .filter((k): k is (typeof AUDIENCE_KINDS)[number] => (AUDIENCE_KINDS as readonly string[]).includes(k)),
            ),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(DirectoryItemSchema) }), 'Matches, grouped by kind'),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await searchDirectory(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
  );

/** Sending, reading, editing and recalling messages, and their replies and receipts. */
export const messagesRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/audience',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'How many people an audience reaches now, per entry and in all (the preview)',
        request: {
          body: jsonBody(
            z.object({
              kind: z.enum(MESSAGE_KINDS),
              audience: Audience,
              mentions: z
                .array(z.string().min(1).max(64))
                .max(100)
                .optional()
                .openapi({ description: 'Member ids the body mentions (issue 19 #3): answered in unreachedMentions' }),
            }),
          ),
        },
        responses: {
          200: json(
            z.object({
              total: z.number().int(),
              /** The audience names the sender, who is left out (the preview says why it reaches fewer). */
              senderLeftOut: z.boolean(),
              /** Issue 19 #3: of `mentions`, the members this audience does not reach (they would not be told). */
              unreachedMentions: z.array(z.string()),
              entries: z.array(
                z.object({ kind: AudienceKind, targetId: z.string(), label: z.string(), count: z.number().int() }),
              ),
            }),
            'Counts',
          ),
          ...commonErrors,
        },
      }),
      async (c) => {
        const actor = currentActor(c);
        const { kind, audience, mentions } = c.req.valid('json');
        requireSendPermission(actor, kind);
        const db = c.get('deps').db;
        const checked = await checkAudience(db, kind, audience);
        const counts = await countAudience(db, kind, checked, actorId(actor));
        const unreachedMentions = await unreachedMembers(db, kind, checked, actorId(actor), mentions ?? []);
        return c.json(
          {
            total: counts.total,
            senderLeftOut: counts.senderLeftOut,
            unreachedMentions,
            entries: checked.map((a, i) => ({
              kind: a.kind,
              targetId: a.targetId,
              label: a.label,
              count: counts.counts[i] ?? 0,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Send a message (internal and urgent: message.send.internal; external: message.send.external)',
        request: { headers: IdempotencyHeader, body: jsonBody(SendBody) },
        responses: {
          201: json(SentMessageSchema, 'Sent (or waiting for approval), with warnings'),
          200: json(SentMessageSchema, 'A replay of an earlier request with this Idempotency-Key'),
          ...commonErrors,
          ...tooLarge,
        },
      }),
      async (c) => {
        const result = await sendMessage(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('json'),
          c.req.valid('header')['idempotency-key'],
          requestInfo(c),
        );
        if (result.replayed) c.header('Idempotency-Replayed', 'true');
        const answer = { ...result.message, warnings: result.warnings ?? [] };
        return result.replayed ? c.json(answer, 200) : c.json(answer, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'A message as the caller may see it (sender, recipient, or data.view / message.manage over the ' +
          "sender's department)",
        request: { params: IdParam },
        responses: { 200: json(MessageSchema, 'The message'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await viewOne(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Edit the subject or body (the sender; message.manage in scope); the previous content becomes a revision',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ subject: oneLine(200).optional(), body: RichDocSchema.optional() }).strict()),
        },
        responses: {
          200: json(MessageSchema, 'Edited'),
          ...commonErrors,
          ...notFound,
          409: { description: 'Recalled (`message-recalled`) or not sent' },
        },
      }),
      async (c) =>
        c.json(
          await editMessage(
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
        summary:
          'Delete for everyone (the sender; message.manage in scope); the record stays for data.view and the ' +
          'audit trail',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await deleteMessage(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/recall',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Recall (the sender within the recall window; message.manage in scope at any time)',
        request: { params: IdParam },
        responses: {
          200: json(MessageSchema, 'Recalled'),
          ...commonErrors,
          ...notFound,
          409: { description: '`recall-window-passed`, `message-recalled`' },
        },
      }),
      async (c) =>
        c.json(await recallMessage(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/revisions',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Every version of the content, oldest first (the sender; data.view / message.manage in scope)',
        request: { params: IdParam },
        responses: {
          200: json(
            z.object({
              items: z.array(
                z.object({
                  revision: z.number().int(),
                  subject: z.string(),
                  body: z.unknown(),
                  createdAt: z.number().int(),
                }),
              ),
            }),
            'Revisions',
          ),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => c.json(await revisionsOf(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/thread',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The conversation: the first message, then the replies the caller may see',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(MessageSchema) }), 'The thread'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => c.json(await threadOf(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/replies',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Reply to everyone in the thread (its sender and recipients, members or contacts)',
        request: {
          params: IdParam,
          headers: IdempotencyHeader,
          body: jsonBody(z.object({ body: RichDocSchema, attachmentIds: AttachmentIds.optional() }).strict()),
        },
        responses: {
          201: json(MessageSchema, 'The reply'),
          200: json(MessageSchema, 'A replay'),
          ...commonErrors,
          ...notFound,
          ...tooLarge,
        },
      }),
      async (c) => {
        const result = await replyToMessage(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          c.req.valid('header')['idempotency-key'],
          requestInfo(c),
        );
        if (result.replayed) c.header('Idempotency-Replayed', 'true');
        return result.replayed ? c.json(result.message, 200) : c.json(result.message, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/forward',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Forward a message one received, with its files, to people one may send to (issue 20 #4; the same ' +
          'permissions and approval flows as a send)',
        request: { params: IdParam, headers: IdempotencyHeader, body: jsonBody(ForwardBody) },
        responses: {
          201: json(MessageSchema, 'The forward (sent, or waiting for approval)'),
          200: json(MessageSchema, 'A replay'),
          ...commonErrors,
          ...notFound,
          ...tooLarge,
          409: {
            description: 'The original was recalled (`message-recalled`), expired, deleted or purged (`conflict`)',
          },
        },
      }),
      async (c) => {
        const result = await forwardMessage(
          c.get('deps').db,
          currentActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          c.req.valid('header')['idempotency-key'],
          requestInfo(c),
        );
        if (result.replayed) c.header('Idempotency-Replayed', 'true');
        return result.replayed ? c.json(result.message, 200) : c.json(result.message, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/recipients',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Who received it and what each did: read, confirmed, progress (the sender; data.view / ' +
          'message.manage in scope)',
        request: {
          params: IdParam,
          query: z.object({
            state: z.enum(['read', 'unread', 'confirmed', 'unconfirmed']).optional(),
            department: DepartmentKey.optional().openapi({
              description: 'Issue 24: only those of one department (an id, `none` or `external`)',
            }),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: json(
            z.object({
              counts: z.object({
                total: z.number().int(),
                read: z.number().int(),
                unread: z.number().int(),
                confirmed: z.number().int(),
                unconfirmed: z.number().int(),
                progress: z.object({
                  'not-started': z.number().int(),
                  'in-progress': z.number().int(),
                  done: z.number().int(),
                }),
              }),
              items: z.array(
                z.object({
                  kind: z.enum(['member', 'contact']),
                  id: z.string(),
                  name: z.string(),
                  detail: z.string().nullable(),
                  readAt: z.number().int().nullable(),
                  confirmedAt: z.number().int().nullable(),
                  progress: z.string().nullable(),
                  progressNote: z.string().nullable(),
                  progressAt: z.number().int().nullable(),
                  notifications: z.array(RecipientNotificationSchema),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
            'Receipts',
          ),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          await recipientsOf(c.get('deps').db, currentActor(c), c.req.valid('param').id, c.req.valid('query')),
          200,
        ),
    );

/** The caller's unsent drafts. */
export const draftsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "The caller's drafts, newest first (at most 50), each with its summary",
        request: { query: DraftsQuery },
        responses: {
          200: json(z.object({ items: z.array(z.union([DraftSchema, DraftSummarySchema])) }), 'Drafts'),
          ...commonErrors,
        },
      }),
      async (c) => {
        const summaryOnly = c.req.valid('query').fields === 'summary';
        return c.json(await listDrafts(c.get('deps').db, currentActor(c), summaryOnly), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "One of the caller's drafts, to continue it (issue 20 #2)",
        request: { params: IdParam },
        responses: { 200: json(DraftSchema, 'The draft'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await getDraft(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Save a new draft (any JSON object ≤ 512 KB)',
        request: { body: jsonBody(DraftBody) },
        responses: { 201: json(DraftSchema, 'Saved'), ...commonErrors },
      }),
      async (c) => {
        const { data } = c.req.valid('json');
        checkDraftSize(data);
        return c.json(await createDraft(c.get('deps').db, currentActor(c), data), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Replace a draft',
        request: { params: IdParam, body: jsonBody(DraftBody) },
        responses: { 200: json(DraftSchema, 'Saved'), ...commonErrors, ...notFound },
      }),
      async (c) => {
        const { data } = c.req.valid('json');
        checkDraftSize(data);
        return c.json(await saveDraft(c.get('deps').db, currentActor(c), c.req.valid('param').id, data), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Discard a draft',
        request: { params: IdParam },
        responses: { 204: { description: 'Discarded' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await deleteDraft(c.get('deps').db, currentActor(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
