import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, notFound } from '../../http/openapi.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { exportLocale, XLSX_TYPE } from '../mailbox/export.js';
import { messageReach } from './message-reach.js';
import { reachSummary, SUMMARY_DAYS } from './summary.js';
import { summaryWorkbook } from './workbook.js';

const tags = ['reach'];

const Percentiles = z.object({
  count: z.number().int(),
  p50: z.number().int().nullable().openapi({ description: 'Median, ms' }),
  p90: z.number().int().nullable().openapi({ description: '90th percentile (nearest rank), ms' }),
});
const CountsByKind = z.object({ internal: z.number().int(), external: z.number().int(), urgent: z.number().int() });
const CountsByPriority = z.object({ normal: z.number().int(), high: z.number().int(), urgent: z.number().int() });

const MessageReachSchema = z
  .object({
    messageId: z.string(),
    deliveredAt: z.number().int().nullable(),
    receiptRequired: z.boolean(),
    task: z.boolean().openapi({ description: 'It has a due date: recipients report progress' }),
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
    timeline: z.object({
      step: z.number().int().openapi({ description: 'Ms between points' }),
      points: z.array(
        z.object({
          at: z.number().int().openapi({ description: 'Ms since delivery' }),
          read: z.number().int().openapi({ description: 'Read by then (cumulative)' }),
          confirmed: z.number().int(),
        }),
      ),
    }),
    departments: z.array(
      z.object({
        key: z.string().nullable().openapi({ description: 'For `department=` of the recipients list and reminders' }),
        kind: z.enum(['department', 'none', 'external', 'outside']),
        name: z.string().nullable(),
        total: z.number().int(),
        read: z.number().int(),
        confirmed: z.number().int(),
      }),
    ),
  })
  .openapi('MessageReach');

const ReachSummarySchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    days: z.number().int(),
    sent: z.object({
      total: z.number().int(),
      byKind: CountsByKind,
      byPriority: CountsByPriority,
      cells: z.array(
        z.object({
          kind: z.enum(['internal', 'external', 'urgent']),
          priority: z.enum(['normal', 'high', 'urgent']),
          count: z.number().int(),
        }),
      ),
    }),
    timeToRead: Percentiles,
    timeToConfirm: Percentiles,
    urgent: z.object({
      messages: z.number().int(),
      reached: z.number().int().openapi({ description: 'How many reached 90 % of their recipients' }),
      p50: z.number().int().nullable(),
      p90: z.number().int().nullable(),
      latest: z.array(
        z.object({
          id: z.string(),
          subject: z.string(),
          deliveredAt: z.number().int(),
          recipients: z.number().int(),
          reachedMs: z.number().int().nullable(),
        }),
      ),
    }),
    channels: z.array(
      z.object({
        channel: z.enum(['email', 'webhook', 'sms']),
        sent: z.number().int(),
        failed: z.number().int(),
        waiting: z.number().int(),
        skipped: z.number().int(),
        cancelled: z.number().int(),
        successRate: z.number().nullable(),
      }),
    ),
    approvals: z.object({
      waiting: z.number().int(),
      oldestMs: z.number().int().nullable(),
      medianMs: z.number().int().nullable(),
      byAge: z.array(z.object({ bucket: z.enum(['hour', 'day', 'week', 'older']), count: z.number().int() })),
    }),
  })
  .openapi('ReachSummary');

const SummaryQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(SUMMARY_DAYS.min)
    .max(SUMMARY_DAYS.max)
    .default(SUMMARY_DAYS.default)
    .openapi({ description: `The window, in days up to now (${SUMMARY_DAYS.min}–${SUMMARY_DAYS.max})` }),
});

/** `GET /messages/{id}/reach` (hangs under the messages path, as the other sender's-view routes do). */
export const messageReachRoutes = () =>
  createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/{id}/reach',
      tags,
      security: BEARER,
      middleware: [requireActor] as const,
      summary:
        'A sent message at a glance: read and confirmed over time, per department, progress (as for the ' +
        'receipts list)',
      request: { params: IdParam },
      responses: { 200: json(MessageReachSchema, 'The figures'), ...commonErrors, ...notFound },
    }),
    async (c) => c.json(await messageReach(c.get('deps').db, currentActor(c), c.req.valid('param').id), 200),
  );

/** `/reach`: the dashboard of the last days, for data.view in its scope. */
export const reachRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/summary',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Messages, receipts, urgent reach, notifications and approvals of the last days (data.view, in scope)',
        request: { query: SummaryQuery },
        responses: { 200: json(ReachSummarySchema, 'The figures'), ...commonErrors },
      }),
      async (c) => c.json(await reachSummary(c.get('deps').db, currentActor(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/summary/export',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The same figures as .xlsx',
        request: {
          query: SummaryQuery.extend({
            locale: z
              .string()
              .max(35)
              .optional()
              .openapi({ description: 'Labels: `en…` English, else Simplified Chinese' }),
          }),
        },
        responses: {
          200: {
            description: 'The workbook',
            content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...commonErrors,
        },
      }),
      async (c) => {
        const actor = currentActor(c);
        const q = c.req.valid('query');
        const locale = exportLocale(actor, q.locale, c.req.header('accept-language'));
        const file = await summaryWorkbook(await reachSummary(c.get('deps').db, actor, q), locale);
        const name = `${locale === 'en' ? 'reach' : '送达概览'}-${q.days}d.xlsx`;
        return c.body(new Uint8Array(file), 200, {
          'content-type': XLSX_TYPE,
          'content-disposition': contentDisposition(name),
          'cache-control': 'no-store',
        });
      },
    );
