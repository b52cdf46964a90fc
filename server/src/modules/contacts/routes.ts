import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import * as contacts from './service.js';
import { oneLine } from '../../http/text.js';

const Kind = z.enum(['customer', 'partner']);
const ContactSchema = z
  .object({
    id: z.string(),
    kind: Kind,
    name: z.string(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    ownerMemberId: z.string().nullable(),
    ownerName: z.string().nullable(),
    tags: z.array(z.string()),
    portalEnabled: z.boolean(),
    disabled: z.boolean(),
    locale: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Contact');

const Text = (max: number) => z.string().max(max).nullable().optional();
const Tags = z
  .array(z.string().max(50))
  .max(20)
  .optional()
  .openapi({ example: ['重点客户', '华东'] });
const conflict = {
  409: {
    description: '`conflict`: another contact has this e-mail',
    content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
  },
} as const;

const tags = ['contacts'];

export const contactsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'R7: external contacts (message.send.external or org.admin); q matches name (and pinyin), company, ' +
          'e-mail, phone, tags',
        request: {
          query: z.object({
            q: z.string().max(100).optional(),
            kind: Kind.optional(),
            status: z.enum(['active', 'disabled', 'all']).default('active'),
            tag: z.string().max(50).optional(),
            ownerMemberId: z.string().max(64).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(ContactSchema), nextCursor: z.string().nullable() }), 'Contacts by name'),
          ...commonErrors,
        },
      }),
      async (c) => c.json(await contacts.listContacts(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tags',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The distinct contact tags in use',
        responses: { 200: json(z.object({ items: z.array(z.string()) }), 'Tags'), ...commonErrors },
      }),
      async (c) => c.json({ items: await contacts.contactTags(c.get('deps').db, currentActor(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'One external contact',
        request: { params: IdParam },
        responses: { 200: json(ContactSchema, 'The contact'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await contacts.getContact(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Add an external contact; the caller becomes its owner (an org admin may name another owner and ' +
          'grant portal access)',
        request: {
          body: jsonBody(
            z.object({
              kind: Kind,
              name: oneLine(100),
              company: Text(200),
              title: Text(200),
              email: Text(254),
              phone: Text(32),
              tags: Tags,
              locale: Text(16),
              ownerMemberId: z.string().max(64).nullable().optional(),
              portalEnabled: z.boolean().optional(),
            }),
          ),
        },
        responses: { 201: json(ContactSchema, 'Created'), ...commonErrors, ...conflict },
      }),
      async (c) =>
        c.json(
          await contacts.createContact(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Edit, disable/enable (instead of delete), re-tag; portalEnabled and ownerMemberId only by an org admin',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({
              kind: Kind.optional(),
              name: oneLine(100).optional(),
              company: Text(200),
              title: Text(200),
              email: Text(254),
              phone: Text(32),
              tags: Tags,
              locale: Text(16),
              ownerMemberId: z.string().max(64).nullable().optional(),
              portalEnabled: z.boolean().optional(),
              disabled: z.boolean().optional(),
            }),
          ),
        },
        responses: { 200: json(ContactSchema, 'Updated'), ...commonErrors, ...notFound, ...conflict },
      }),
      async (c) =>
        c.json(
          await contacts.updateContact(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            requestInfo(c),
          ),
          200,
        ),
    );
