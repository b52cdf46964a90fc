import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { exportLocale, XLSX_TYPE } from '../mailbox/export.js';
import { recipientsWorkbook, remindRecipients } from './remind.js';
import { DepartmentKey } from './api-schemas.js';

const tags = ['messages'];

/** The sender's view beyond the receipts list (docs/api.md "The sender's view (R9, R14, S2, S3)"). */
export const senderRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/remind',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Remind those who have not read / not confirmed (at most once per 5 minutes; the sender, data.view ' +
          '/ message.manage in scope)',
        request: {
          params: IdParam,
          body: jsonBody(
            z
              .object({
                state: z.enum(['unread', 'unconfirmed']),
                department: DepartmentKey.optional().openapi({
                  description: 'Issue 24: only those of one department (an id, `none` or `external`)',
                }),
              })
              .strict(),
          ),
        },
        responses: {
          200: json(z.object({ reminded: z.number().int() }), 'How many recipients were reminded'),
          ...commonErrors,
          ...notFound,
          409: {
            description:
              'Reminded less than 5 minutes ago (`remind-too-soon`, `retryAfter`), or recalled, deleted, ' +
              'expired or without receipts (`conflict`)',
          },
        },
      }),
      async (c) =>
        c.json(
          await remindRecipients(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json').state,
            requestInfo(c),
            c.req.valid('json').department,
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/recipients/export',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Every recipient and what each did, as .xlsx (as for the receipts list)',
        request: {
          params: IdParam,
          query: z.object({
            locale: z
              .string()
              .max(35)
              .optional()
              .openapi({ description: 'Headers: `en…` English, else Simplified Chinese' }),
          }),
        },
        responses: {
          200: {
            description: 'The workbook',
            content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => {
        const actor = currentActor(c);
        const locale = exportLocale(actor, c.req.valid('query').locale, c.req.header('accept-language'));
        const { file } = await recipientsWorkbook(c.get('deps').db, actor, c.req.valid('param').id, locale);
        const name = `${locale === 'en' ? 'recipients' : '收件人'}-${c.req.valid('param').id}.xlsx`;
        return c.body(new Uint8Array(file), 200, {
          'content-type': XLSX_TYPE,
          'content-disposition': contentDisposition(name),
          'cache-control': 'no-store',
        });
      },
    );
