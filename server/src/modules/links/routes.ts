import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { linksOf, revokeLinks } from './service.js';

const tags = ['messages'];
const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const ContactLinkSchema = z
  .object({
    id: z.string(),
    messageId: z.string().openapi({ description: 'The message of the conversation it was e-mailed with' }),
    contactId: z.string(),
    contactName: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    openedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
    state: z.enum(['unopened', 'open', 'ended', 'revoked', 'expired']).openapi({
      description: 'unopened: may still be opened (once); open: its session is live; ended: used and its session over',
    }),
  })
  .openapi('ContactLink');

/**
 * Issue 19 item 4: the conversation links e-mailed to contacts without portal access, as the message's sender sees
 * and revokes them (under /messages/{id}).
 */
export const contactLinksRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/contact-links',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          "The links e-mailed to contacts in a message's conversation (this message and the rest of its thread), " +
          'newest first (its sender, or who oversees it)',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(ContactLinkSchema) }), 'Links'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => c.json({ items: await linksOf(c.get('deps').db, currentActor(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/contact-links/revoke',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          "Revoke the contact links of a message's conversation (one contact's, or all): every link e-mailed in its " +
          'thread so far — unopened links, open pages and file links — stops working at once; a message sent later ' +
          'e-mails a new one; audited (its sender, or message.manage in scope)',
        request: {
          params: IdParam,
          body: jsonBody(z.object({ contactId: z.string().min(1).max(64).optional() }).strict()),
        },
        responses: {
          200: json(z.object({ revoked: z.number().int() }), 'How many links were revoked'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) =>
        c.json(
          {
            revoked: await revokeLinks(
              c.get('deps').db,
              currentActor(c),
              c.req.valid('param').id,
              c.req.valid('json').contactId,
              requestInfo(c),
            ),
          },
          200,
        ),
    );
