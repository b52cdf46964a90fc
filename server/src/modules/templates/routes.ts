import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { oneLine } from '../../http/text.js';
import { AudienceKind } from '../messages/api-schemas.js';
import { RichDocSchema } from '../messages/content/index.js';
import { MESSAGE_KINDS, PRIORITIES } from '../messages/schema.js';
import { TEMPLATE_SCOPES } from './schema.js';
import * as templates from './service.js';

const tags = ['templates'];
const Minutes = z.number().int().min(1).max(525_600).nullable().optional();
const TemplateAudience = z
  .array(
    z.object({
      kind: AudienceKind,
      targetId: z.string().min(1).max(64),
      includeSubdepartments: z.boolean().optional(),
    }),
  )
  .max(500);
const DepartmentIds = z.array(z.string().min(1).max(64)).max(50);

const TemplateSchema = z
  .object({
    id: z.string(),
    scope: z.enum(TEMPLATE_SCOPES),
    name: z.string(),
    subject: z.string(),
    body: z.unknown().openapi({ description: 'A Herald rich-text document; may hold {{name}}, {{date}}, {{due}}' }),
    kind: z.enum(MESSAGE_KINDS),
    priority: z.enum(PRIORITIES),
    receiptRequired: z.boolean(),
    expiresInMinutes: z.number().int().nullable(),
    dueInMinutes: z.number().int().nullable(),
    audience: z.array(
      z.object({ kind: AudienceKind, targetId: z.string(), includeSubdepartments: z.boolean(), label: z.string() }),
    ),
    departmentIds: z.array(z.string()),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    can: z.object({ edit: z.boolean(), delete: z.boolean() }),
  })
  .openapi('MessageTemplate');

const fields = {
  name: oneLine(100),
  subject: oneLine(200),
  body: RichDocSchema,
  kind: z.enum(MESSAGE_KINDS),
  priority: z.enum(PRIORITIES).optional(),
  receiptRequired: z.boolean().optional(),
  expiresInMinutes: Minutes,
  dueInMinutes: Minutes.openapi({ description: 'A message made from it is due this long after it is composed' }),
  audience: TemplateAudience.optional().openapi({ description: 'Default recipients' }),
  departmentIds: DepartmentIds.optional().openapi({
    description: 'Organisation templates: only members of these departments (and their subtrees) see it',
  }),
};
const CreateBody = z.object({ scope: z.enum(TEMPLATE_SCOPES), ...fields }).openapi('NewMessageTemplate');
const PatchBody = z
  .object({
    name: fields.name.optional(),
    subject: fields.subject.optional(),
    body: RichDocSchema.optional(),
    kind: fields.kind.optional(),
    priority: fields.priority,
    receiptRequired: fields.receiptRequired,
    expiresInMinutes: fields.expiresInMinutes,
    dueInMinutes: fields.dueInMinutes,
    audience: fields.audience,
    departmentIds: fields.departmentIds,
  })
  .openapi('MessageTemplatePatch');

/** Issue 19: message templates, the organisation's (`message.manage`) and each member's own. */
export const templatesRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          "The caller's own templates and the organisation's that reach them (or that they manage); q matches name " +
          'and subject, pinyin too',
        request: {
          query: z.object({ q: z.string().max(100).optional(), scope: z.enum(TEMPLATE_SCOPES).optional() }),
        },
        responses: { 200: json(z.object({ items: z.array(TemplateSchema) }), 'Templates by name'), ...commonErrors },
      }),
      async (c) => c.json(await templates.listTemplates(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'One template the caller may see',
        request: { params: IdParam },
        responses: { 200: json(TemplateSchema, 'The template'), ...commonErrors, ...notFound },
      }),
      async (c) => c.json(await templates.getTemplate(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Save a template: personal (any member) or organisation (message.manage over its departments)',
        request: { body: jsonBody(CreateBody) },
        responses: { 201: json(TemplateSchema, 'Saved'), ...commonErrors },
      }),
      async (c) =>
        c.json(
          await templates.createTemplate(c.get('deps').db, currentActor(c), c.req.valid('json'), requestInfo(c)),
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
        summary: 'Change a template (its owner; for an organisation template, message.manage over its departments)',
        request: { params: IdParam, body: jsonBody(PatchBody) },
        responses: { 200: json(TemplateSchema, 'Saved'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          await templates.updateTemplate(
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
        summary: 'Delete a template (who may change it)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
      }),
      async (c) => {
        await templates.deleteTemplate(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    );
