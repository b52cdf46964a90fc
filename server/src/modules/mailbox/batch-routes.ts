import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody } from '../../http/openapi.js';
import { Problem } from '../../http/problem.js';
import { requestInfo } from '../../http/request-info.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { BATCH_ACTIONS, BATCH_MAX, runBatch, type Selection } from './batch.js';
import { exportLocale, exportMailbox, XLSX_TYPE } from './export.js';
import { MailboxFilterSchema, selectMatching, type MailboxFilter } from './query.js';

const tags = ['mailbox'];
const MessageIds = z
  .array(z.string().min(1).max(64))
  .min(1)
  .max(BATCH_MAX)
  .openapi({ description: `1–${BATCH_MAX} ids of entries in the caller's mailbox (duplicates count once)` });
const SelectionFields = {
  messageIds: MessageIds.optional(),
  filter: MailboxFilterSchema.optional().openapi({
    description: "The listing's parameters (`GET /mailbox`), instead of messageIds; at most 1,000 matches",
  }),
};
const BatchBody = z
  .object({ action: z.enum(BATCH_ACTIONS), ...SelectionFields, tagId: z.string().min(1).max(64).optional() })
  .strict()
  .openapi('MailboxBatch');
const ExportBody = z.object(SelectionFields).strict().openapi('MailboxExport');
const problems = {
  422: { description: 'The filter matches more than 1,000 entries (`batch-too-large`, with `count`)' },
};

/** `messageIds` or `filter`, exactly one. */
function selectionOf(body: { messageIds?: string[] | undefined; filter?: MailboxFilter | undefined }): Selection {
  if (body.messageIds && body.filter) {
    throw new Problem('validation', 'Send messageIds or filter, not both.', {
      errors: [{ path: 'filter', code: 'unknown-field', message: 'Not with messageIds' }],
    });
  }
  if (body.messageIds) return { messageIds: body.messageIds };
  const { filter } = body;
  if (filter) return { match: (db, ownerId, limit) => selectMatching(db, ownerId, filter, limit) };
  throw new Problem('validation', 'Send messageIds or filter.', {
    errors: [{ path: 'messageIds', code: 'required', message: 'messageIds or filter is required' }],
  });
}

/** Batch operations and exports over the caller's mailbox (docs/api.md "Batch operations (R12, R13)"). */
export const mailboxBatchRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/batch',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Read, unread, archive, unarchive, delete, restore, tag or untag up to 1,000 entries at once, all ' +
          'or nothing (R12, R13)',
        request: { body: jsonBody(BatchBody) },
        responses: {
          200: json(
            z.object({ action: z.enum(BATCH_ACTIONS), matched: z.number().int(), changed: z.number().int() }),
            'Done',
          ),
          ...commonErrors,
          ...problems,
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(
          await runBatch(
            c.get('deps').db,
            currentActor(c),
            { action: body.action, selection: selectionOf(body), tagId: body.tagId },
            requestInfo(c),
          ),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/export',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The selected entries as an .xlsx file (same selection and limits as a batch)',
        request: {
          body: jsonBody(ExportBody),
          query: z.object({
            locale: z.string().max(35).optional().openapi({
              description:
                "Headers: `en…` English, else Simplified Chinese; default: the caller's locale, then Accept-Language",
            }),
          }),
        },
        responses: {
          200: {
            description: 'The workbook',
            content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...commonErrors,
          ...problems,
        },
      }),
      async (c) => {
        const actor = currentActor(c);
        const locale = exportLocale(actor, c.req.valid('query').locale, c.req.header('accept-language'));
        const file = await exportMailbox(c.get('deps').db, actor, selectionOf(c.req.valid('json')), locale);
        const name = `${locale === 'en' ? 'herald-messages' : '消息'}-${new Date().toISOString().slice(0, 10)}.xlsx`;
        return c.body(new Uint8Array(file), 200, {
          'content-type': XLSX_TYPE,
          'content-disposition': contentDisposition(name),
          'cache-control': 'no-store',
        });
      },
    );
