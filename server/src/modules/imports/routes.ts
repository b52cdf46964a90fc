import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, commonErrors, json, jsonBody, notFound } from '../../http/openapi.js';
import { requestInfo } from '../../http/request-info.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import type { Actor } from '../auth/actor.js';
import type { ImportLocale } from './columns.js';
import * as imports from './service.js';
import { readBodyLimited } from './spreadsheet.js';
import { XLSX_TYPE, reportStream, templateWorkbook } from './workbooks.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: z.object({ code: z.string(), detail: z.string().optional() }) } },
});

const Kind = z.enum(['members', 'contacts']);
const Mode = z.enum(['add', 'upsert']);
const Locale = z
  .string()
  .max(35)
  .optional()
  .openapi({
    description:
      "Headers and labels: `en…` gives English, anything else Simplified Chinese; default: the caller's " +
      'locale, else zh-CN',
  });

const ImportBatchSchema = z
  .object({
    id: z.string(),
    kind: Kind,
    mode: Mode,
    status: z.enum(['validated', 'committed', 'discarded']),
    fileName: z.string(),
    rowCount: z.number().int(),
    errorCount: z.number().int().openapi({ description: 'Rows with at least one error' }),
    createdAt: z.number().int(),
    committedAt: z.number().int().nullable(),
    result: z.object({ added: z.number().int(), updated: z.number().int(), skipped: z.number().int() }).nullable(),
  })
  .openapi('ImportBatch');

const CellError = z
  .object({
    field: z.string(),
    code: z.string().openapi({
      description:
        'required, too-long, invalid-format, duplicate-in-file, duplicate-existing, unknown-department, ' +
        'unknown-position, invalid-email, invalid-phone, formula, out-of-scope',
    }),
    message: z.string(),
  })
  .openapi('ImportCellError');
const ImportRowSchema = z
  .object({
    rowNo: z.number().int().openapi({ description: 'Row in the sheet (1 = the header)' }),
    data: z.record(z.string(), z.string()),
    errors: z.array(CellError),
    result: z
      .enum(['added', 'updated', 'skipped'])
      .nullable()
      .openapi({ description: 'What the commit did with the row (null before)' }),
  })
  .openapi('ImportRow');

const ImportParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const RowParam = ImportParam.extend({
  rowNo: z.coerce
    .number()
    .int()
    .min(2)
    .openapi({ param: { name: 'rowNo', in: 'path' } }),
});

const xlsxFile = (description: string) => ({
  description,
  content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
});
const localeOf = (actor: Actor, asked: string | undefined): ImportLocale =>
  ((asked || (actor.kind !== 'api-key' ? actor.subject.locale : null)) ?? '').toLowerCase().startsWith('en')
    ? 'en'
    : 'zh-CN';

const tags = ['imports'];

export const importsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/template',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'R3: the standard .xlsx template (headers in the locale, an example row, a sheet of valid ' +
          'departments and positions)',
        description:
          "members: org.admin or department.manage (department paths of the caller's scope); contacts: " +
          'message.send.external or org.admin.',
        request: { query: z.object({ kind: Kind, locale: Locale }) },
        responses: { 200: xlsxFile('The template'), ...commonErrors },
      }),
      async (c) => {
        const { kind, locale } = c.req.valid('query');
        const actor = currentActor(c);
        const lang = localeOf(actor, locale);
        const file = await templateWorkbook(c.get('deps').db, actor, kind, lang);
        const name =
          kind === 'members'
            ? lang === 'en'
              ? 'members-template.xlsx'
              : '成员导入模板.xlsx'
            : lang === 'en'
              ? 'contacts-template.xlsx'
              : '外部联系人导入模板.xlsx';
        return c.body(new Uint8Array(file), 200, {
          'content-type': XLSX_TYPE,
          'content-disposition': contentDisposition(name),
        });
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'R3: upload a filled .xlsx or .csv (the raw file as the body, at most 20 MB); every row is ' +
          'validated and kept until confirmed',
        request: {
          query: z.object({ kind: Kind, mode: Mode.default('add'), fileName: z.string().max(200).optional() }),
          body: {
            required: true,
            content: {
              [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
              'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
              'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
            },
          },
        },
        responses: {
          201: json(ImportBatchSchema, 'Parsed and validated; rows with errors are listed by GET /imports/{id}/rows'),
          ...commonErrors,
          413: problem(
            '`spreadsheet-too-large`: the file (> 20 MB), its zip (entries, uncompressed size) or its rows (> 50,000)',
          ),
        },
      }),
      async (c) => {
        const { kind, mode, fileName } = c.req.valid('query');
        const actor = currentActor(c);
        const contentType = c.req.header('content-type');
        // Checked before reading the body, so a refused caller does not get to upload 20 MB first.
        await imports.assertMayImport(c.get('deps').db, actor, kind);
        const file = await readBodyLimited(c.req.raw.body, c.req.header('content-length'));
        const batch = await imports.createImport(
          c.get('deps').db,
          actor,
          {
            kind,
            mode,
            contentType,
            file,
            fileName: fileName ?? (/csv/i.test(contentType ?? '') ? 'upload.csv' : 'upload.xlsx'),
          },
          requestInfo(c),
        );
        return c.json(batch, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'An import batch (its creator or an org admin)',
        request: { params: ImportParam },
        responses: { 200: json(ImportBatchSchema, 'The batch'), ...commonErrors, ...notFound },
      }),
      async (c) =>
        c.json(
          imports.publicBatch(await imports.getBatch(c.get('deps').db, currentActor(c), c.req.valid('param').id)),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/rows',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'The rows of an import with their cell errors, by row number',
        request: {
          params: ImportParam,
          query: z.object({
            errors: z.enum(['only', 'all']).default('all'),
            cursor: z.coerce.number().int().min(0).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(ImportRowSchema), nextCursor: z.string().nullable() }), 'A page of rows'),
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        return c.json(
          await imports.listRows(c.get('deps').db, currentActor(c), c.req.valid('param').id, {
            errorsOnly: q.errors === 'only',
            cursor: q.cursor,
            limit: q.limit,
          }),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}/rows/{rowNo}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Correct one row; it is re-validated, and so are the duplicates across the file',
        request: { params: RowParam, body: jsonBody(z.object({ data: z.record(z.string(), z.string().max(500)) })) },
        responses: {
          200: json(
            ImportRowSchema.extend({ errorCount: z.number().int() }),
            "The row as now validated, and the batch's error count",
          ),
          ...commonErrors,
          ...notFound,
          409: problem('`import-already-committed`'),
        },
      }),
      async (c) => {
        const { id, rowNo } = c.req.valid('param');
        return c.json(
          await imports.editRow(c.get('deps').db, currentActor(c), id, rowNo, c.req.valid('json').data, requestInfo(c)),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary:
          'Switch between "add new only" and "add and update" (members by employee number, contacts by ' +
          'e-mail); re-validates every row',
        request: { params: ImportParam, body: jsonBody(z.object({ mode: Mode })) },
        responses: {
          200: json(ImportBatchSchema, 'The batch'),
          ...commonErrors,
          ...notFound,
          409: problem('`import-already-committed`'),
        },
      }),
      async (c) =>
        c.json(
          await imports.setMode(
            c.get('deps').db,
            currentActor(c),
            c.req.valid('param').id,
            c.req.valid('json').mode,
            requestInfo(c),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/commit',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Confirm: all rows in one transaction or none, once',
        request: { params: ImportParam },
        responses: {
          200: json(
            z.object({ added: z.number().int(), updated: z.number().int(), skipped: z.number().int() }),
            'Committed',
          ),
          ...commonErrors,
          ...notFound,
          409: problem('`import-has-errors`, `import-already-committed`'),
        },
      }),
      async (c) =>
        c.json(
          await imports.commitImport(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c)),
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
        summary: 'Discard an import that was not committed',
        request: { params: ImportParam },
        responses: {
          204: { description: 'Discarded' },
          ...commonErrors,
          ...notFound,
          409: problem('`import-already-committed`'),
        },
      }),
      async (c) => {
        await imports.discardImport(c.get('deps').db, currentActor(c), c.req.valid('param').id, requestInfo(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/report',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'Every row as .xlsx with an errors column (and the result once committed)',
        request: { params: ImportParam, query: z.object({ locale: Locale }) },
        responses: { 200: xlsxFile('The report'), ...commonErrors, ...notFound },
      }),
      async (c) => {
        const actor = currentActor(c);
        const { stream, fileName } = await reportStream(
          c.get('deps').db,
          actor,
          c.req.valid('param').id,
          localeOf(actor, c.req.valid('query').locale),
        );
        return c.body(stream, 200, { 'content-type': XLSX_TYPE, 'content-disposition': contentDisposition(fileName) });
      },
    );
