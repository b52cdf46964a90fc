import { createRoute, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { MailboxStateSchema, MessageSchema } from '../messages/api-schemas.js';
import { SNIPPET_CHARS } from './page.js';
import { PROGRESS } from './schema.js';
import { isPlainInbox, listMailbox, MailboxQuerySchema, unreadCount, type MailboxPage } from './query.js';
import { listingCache, plainInboxPage } from './listing-cache.js';
import { listSent, SentQuerySchema } from './sent.js';
import { folderCounts } from './folders.js';
import { confirm, setProgress, setRead } from './service.js';
import { setStar, snooze, unsnooze } from './star-snooze.js';

const tags = ['mailbox'];
const MessageIdParam = z.object({
  messageId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'messageId', in: 'path' } }),
});
const StateSchema = MailboxStateSchema;
/** What a row of the list shows of a message (page.ts); the whole message is `GET /messages/{id}`. */
const MessageSummarySchema = MessageSchema.pick({
  id: true,
  threadId: true,
  kind: true,
  priority: true,
  subject: true,
  sender: true,
  receiptRequired: true,
  expiresAt: true,
  expired: true,
  dueAt: true,
  recalledAt: true,
  purgedAt: true,
})
  .extend({
    snippet: z.string().openapi({
      description: `The start of the message's plain text, on one line (≤ ${SNIPPET_CHARS} characters and an ellipsis)`,
    }),
    attachmentCount: z.number().int(),
  })
  .strict()
  .openapi('MessageSummary');
const MailboxItemSchema = z
  .object({ message: MessageSummarySchema, state: StateSchema })
  .strict()
  .openapi('MailboxItem');
export const MailboxPageSchema = z
  .object({
    items: z.array(MailboxItemSchema),
    nextCursor: z.string().nullable(),
    total: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Entries matching the filters, counted up to 10,000; first page only (null after)' }),
    totalCapped: z
      .boolean()
      .nullable()
      .openapi({ description: 'More than 10,000 match (total stops at 10,000); first page only' }),
    pinned: z.array(MailboxItemSchema).nullable().openapi({
      description: 'Urgent entries not yet read/confirmed (inbox view without filters, ≤ 20); first page only',
    }),
    folders: z
      .object({
        inbox: z.number().int(),
        archived: z.number().int(),
        trash: z.number().int(),
        sent: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'Null when a mailbox-only filter (tag, flags, priority, sender) is set' }),
      })
      .nullable()
      .openapi({
        description:
          'With `q`, first page only: how many entries match in each folder (the other filters applied; each ' +
          "counted up to 1,000), and the caller's sent messages matching `q`",
      }),
  })
  .openapi('MailboxPage');
const SentPageSchema = z
  .object({
    items: z.array(
      z.object({
        message: MessageSchema,
        counts: z.object({ total: z.number().int(), read: z.number().int(), confirmed: z.number().int() }),
        state: z
          .object({
            archivedAt: z.number().int().nullable(),
            starredAt: z.number().int().nullable(),
            tagIds: z.array(z.string()),
          })
          .openapi('SentState', { description: "The sender's own archive, star and tags (issue 19 #9)" }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('SentPage');
const conflict = { 409: { description: 'Not receipt-required / not task-like, recalled or expired (`conflict`)' } };

const readRoute = (method: 'post' | 'delete') =>
  createRoute({
    method,
    path: '/{messageId}/read',
    tags,
    security: BEARER,
    middleware: [requireActor] as const,
    summary: method === 'post' ? 'Mark read' : 'Mark unread',
    request: { params: MessageIdParam },
    responses: { 200: json(StateSchema, 'The mailbox state'), ...commonErrors, ...notFound },
  });

/** Issue 20 #3: star and snooze routes (PUT sets, DELETE clears), each answering the entry's state. */
const entryRoute = <B extends object>(method: 'put' | 'delete', what: 'star' | 'snooze', summary: string, body: B) =>
  createRoute({
    method,
    path: `/{messageId}/${what}`,
    tags,
    security: BEARER,
    middleware: [requireActor] as const,
    summary,
    request: { params: MessageIdParam, ...body },
    responses: { 200: json(StateSchema, 'The mailbox state'), ...commonErrors, ...notFound },
  });
const SnoozeBody = z
  .object({ until: z.number().int().openapi({ description: 'Back in the inbox at (epoch ms; within a year)' }) })
  .strict();

/** A recipient's own copies (docs/api.md "Reading" and "Inbox"). */
export const mailboxRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'What the caller received, newest first: views, tags, flags, dates, sender and full-text search (R11–R13)',
        request: { query: MailboxQuerySchema },
        responses: { 200: json(MailboxPageSchema, 'Mailbox'), ...commonErrors },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { db, config } = c.get('deps');
        const cache = listingCache(db, config.inboxCacheMb);
        if (cache && isPlainInbox(query)) {
          // The same JSON as below, kept per process until a write or an expiry changes it (listing-cache.ts).
          const bytes = await plainInboxPage(db, currentActor(c), query, cache);
          return c.body(bytes, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<
            MailboxPage & { folders: null },
            200,
            'json'
          >;
        }
        const [page, folders] = await Promise.all([
          listMailbox(db, currentActor(c), query),
          query.q !== undefined && query.cursor === undefined ? folderCounts(db, currentActor(c), query) : null,
        ]);
        return c.json({ ...page, folders }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/unread-count',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Unread entries in the inbox view, how many of them are urgent and how many mention the caller',
        responses: {
          200: json(
            z
              .object({
                unread: z.number().int(),
                urgent: z.number().int(),
                mentions: z.number().int().openapi({ description: 'Unread inbox entries that mention the caller' }),
              })
              .openapi('UnreadCount'),
            'Counts',
          ),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await unreadCount(c.get('deps').db, currentActor(c)), 200),
    )
    .openapi(readRoute('post'), async (c) =>
      c.json(await setRead(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, true), 200),
    )
    .openapi(readRoute('delete'), async (c) =>
      c.json(await setRead(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, false), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{messageId}/confirm',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Confirm a receipt-required message (R9, S2)',
        request: { params: MessageIdParam },
        responses: { 200: json(StateSchema, 'Confirmed'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) =>
        c.json(await confirm(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, requestInfo(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/{messageId}/progress',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Report progress on a task-like message (S3)',
        request: {
          params: MessageIdParam,
          body: jsonBody(
            z.object({ progress: z.enum(PROGRESS), note: z.string().max(500).nullable().optional() }).strict(),
          ),
        },
        responses: { 200: json(StateSchema, 'Saved'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) =>
        c.json(
          await setProgress(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').messageId,
            c.req.valid('json'),
            requestInfo(c),
          ),
          200,
        ),
    )
    // Issue 20 #3: star and snooze.
    .openapi(entryRoute('put', 'star', 'Star an entry (issue 20)', {}), async (c) =>
      c.json(await setStar(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, true), 200),
    )
    .openapi(entryRoute('delete', 'star', 'Unstar an entry', {}), async (c) =>
      c.json(await setStar(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, false), 200),
    )
    .openapi(
      entryRoute('put', 'snooze', 'Snooze an entry: archived until `until`, then back in the inbox', {
        body: jsonBody(SnoozeBody),
      }),
      async (c) =>
        c.json(
          await snooze(c.get('deps').db, currentActor(c), c.req.valid('param').messageId, c.req.valid('json').until),
          200,
        ),
    )
    .openapi(entryRoute('delete', 'snooze', 'Bring a snoozed entry back to the inbox now', {}), async (c) =>
      c.json(await unsnooze(c.get('deps').db, currentActor(c), c.req.valid('param').messageId), 200),
    );

/** What the caller sent, with receipt counts. */
export const sentRoutes = () =>
  createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security: BEARER,
      middleware: [requireActor] as const,
      summary:
        'What the caller sent (messages and replies, pending approval included), newest first, with receipt counts',
      request: { query: SentQuerySchema },
      responses: { 200: json(SentPageSchema, 'Sent messages'), ...commonErrors },
    }),
    async (c) => c.json(await listSent(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
  );
