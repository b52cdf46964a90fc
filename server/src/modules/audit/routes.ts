import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, notFound } from '../../http/openapi.js';
import { auditCsv, auditXlsx } from './export.js';
import { getAudit, listAudit, requireAuditReader, type AuditFilters } from './query.js';
import { withTargetNames } from './names.js';

const tags = ['audit'];

const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.number().int(),
    actorKind: z.enum(['member', 'contact', 'api-key', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    targetName: z
      .string()
      .nullable()
      .openapi({ description: "The target's name now (a message's subject); null when it is gone or has none" }),
    targetKey: z
      .string()
      .nullable()
      .openapi({ description: "A built-in role's key, so that widgets name it in the reader's language" }),
    audience: z
      .array(z.object({ kind: z.string(), id: z.string(), name: z.string().nullable() }))
      .nullable()
      .openapi({ description: '`message.send`: whom it was sent to, by name' }),
    recipientCount: z.number().int().nullable().openapi({ description: '`message.send`: how many people it reached' }),
  })
  .openapi('AuditEntry');
const AuditDetailSchema = AuditEntrySchema.extend({ before: z.unknown(), after: z.unknown() }).openapi('AuditDetail');

const Filters = z.object({
  actorId: z.string().max(64).optional(),
  action: z.string().max(100).optional().openapi({ description: 'Exact (`member.create`) or a family (`member.*`)' }),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(64).optional(),
  from: z.coerce.number().int().min(0).optional().openapi({ description: 'Epoch ms, inclusive' }),
  to: z.coerce.number().int().min(0).optional().openapi({ description: 'Epoch ms, inclusive' }),
});
const filters = (q: z.infer<typeof Filters>): AuditFilters => ({
  actorId: q.actorId,
  action: q.action,
  targetType: q.targetType,
  targetId: q.targetId,
  from: q.from,
  to: q.to,
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const auditRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags,
        security: BEARER,
        summary: 'Browse the audit trail, newest first (R14)',
        request: {
          query: Filters.extend({
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
        },
        responses: {
          200: json(
            z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }),
            'A page of entries',
          ),
          ...commonErrors,
        },
      }),
      async (c) => {
        const { db } = c.get('deps');
        await requireAuditReader(db, currentActor(c));
        const q = c.req.valid('query');
        const page = await listAudit(db, filters(q), q.cursor, q.limit ?? 50);
        return c.json({ items: await withTargetNames(db, page.items), nextCursor: page.nextCursor }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/export',
        tags,
        security: BEARER,
        summary: 'Download the matching entries (at most 100,000) as .xlsx or .csv',
        request: { query: Filters.extend({ format: z.enum(['xlsx', 'csv']) }) },
        responses: {
          200: {
            description: 'The file',
            content: {
              [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
              'text/csv': { schema: z.string() },
            },
          },
          ...commonErrors,
        },
      }),
      async (c) => {
        const { db } = c.get('deps');
        await requireAuditReader(db, currentActor(c));
        const q = c.req.valid('query');
        const stamp = new Date().toISOString().slice(0, 10);
        const csv = q.format === 'csv';
        return c.body(csv ? auditCsv(db, filters(q)) : auditXlsx(db, filters(q)), 200, {
          'content-type': csv ? 'text/csv; charset=utf-8' : XLSX,
          'content-disposition': `attachment; filename="herald-audit-${stamp}.${q.format}"`,
          'cache-control': 'no-store',
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        summary: 'One audit entry with before and after',
        request: { params: IdParam },
        responses: { 200: json(AuditDetailSchema, 'The entry'), ...commonErrors, ...notFound },
      }),
      async (c) => {
        const { db } = c.get('deps');
        await requireAuditReader(db, currentActor(c));
        const [entry] = await withTargetNames(db, [await getAudit(db, c.req.valid('param').id)]);
        return c.json(entry!, 200);
      },
    );
