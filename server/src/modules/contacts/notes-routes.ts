import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { CONTACT_NOTE_KINDS } from './schema.js';
import * as notes from './notes.js';

const tags = ['contacts'];
const ContactParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const NoteParams = ContactParam.extend({
  noteId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'noteId', in: 'path' } }),
});
const Cursor = z.object({ cursor: z.string().max(64).optional() });
const NoteSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    kind: z.enum(CONTACT_NOTE_KINDS),
    text: z.string(),
    occurredAt: z.number().int(),
    createdAt: z.number().int(),
    editedAt: z.number().int().nullable(),
    author: z.object({ id: z.string(), name: z.string() }),
    can: z.object({ edit: z.boolean() }),
  })
  .openapi('ContactNote');
const NoteText = z.string().trim().min(1).max(4000);
const OccurredAt = z.number().int().positive().optional().openapi({ description: 'When it happened; default now' });
const conflict = {
  409: {
    description: '`edit-window-passed`: the recall window since the note was logged has passed',
    content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
  },
} as const;
const ConversationSchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    subject: z.string(),
    direction: z.enum(['from-contact', 'to-contact']),
    sender: z.object({ kind: z.enum(['member', 'contact', 'api-key']), id: z.string(), name: z.string() }),
    at: z.number().int(),
    recalled: z.boolean(),
  })
  .openapi('ContactConversation');

/** Issue 19 item 6 (S5 记录沟通内容): notes on a contact and the messages exchanged with it. */
export const contactNotesRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/notes',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: "A contact's notes (calls, meetings, agreements), newest first — staff who may see the contact",
        request: { params: ContactParam, query: Cursor },
        responses: {
          200: json(z.object({ items: z.array(NoteSchema), nextCursor: z.string().nullable() }), 'Notes'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          await notes.listNotes(c.get('deps').db, currentActor(c), c.req.valid('param').id, c.req.valid('query')),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/notes',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Log a call, meeting, agreement or note on a contact (audited)',
        request: {
          params: ContactParam,
          body: jsonBody(z.object({ kind: z.enum(CONTACT_NOTE_KINDS), text: NoteText, occurredAt: OccurredAt })),
        },
        responses: { 201: json(NoteSchema, 'Logged'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await notes.addNote(
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
        method: 'patch',
        path: '/{id}/notes/{noteId}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Correct a note: its author, within the recall window (audited)',
        request: {
          params: NoteParams,
          body: jsonBody(
            z.object({
              kind: z.enum(CONTACT_NOTE_KINDS).optional(),
              text: NoteText.optional(),
              occurredAt: OccurredAt,
            }),
          ),
        },
        responses: { 200: json(NoteSchema, 'Saved'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) => {
        const { id, noteId } = c.req.valid('param');
        return c.json(
          await notes.editNote(c.get('deps').db, currentActor(c), id, noteId, c.req.valid('json'), requestInfo(c)),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/conversations',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The messages exchanged with a contact that the caller may see, newest first',
        request: { params: ContactParam, query: Cursor },
        responses: {
          200: json(z.object({ items: z.array(ConversationSchema), nextCursor: z.string().nullable() }), 'Messages'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          await notes.conversationsWith(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('query'),
          ),
          200,
        ),
    );
