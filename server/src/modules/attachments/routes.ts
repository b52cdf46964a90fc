import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { currentActor, requireActor } from '../../http/auth.js';
import { BEARER, IdParam, ProblemSchema, commonErrors, json, notFound } from '../../http/openapi.js';
import { fileResponse } from './download.js';
import * as service from './service.js';

export const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z
      .string()
      .openapi({ description: 'As uploaded, without folders or control characters; at most 255 characters' }),
    size: z.number().int().openapi({ description: 'Bytes' }),
    contentType: z
      .string()
      .openapi({ description: 'Sniffed from the bytes, never taken from the client', example: 'application/pdf' }),
    createdAt: z.number().int(),
  })
  .openapi('Attachment');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const binary = { schema: z.string().openapi({ format: 'binary' }) };

const tags = ['attachments'];

/** Upload and download of attachments (docs/api.md "Attachments"). */
export const attachmentsRoutes = () =>
  createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'R8: upload one file (the raw bytes as the body, at most 50 MB); members who may send, and contacts',
        description:
          'Streamed to the blob store, never buffered whole. The type is sniffed from the bytes; executables, \
scripts, HTML and SVG are refused whatever the name says. Unsent uploads are removed after 24 hours.',
        request: {
          query: z.object({
            name: z
              .string()
              .max(2000)
              .optional()
              .openapi({ description: 'The file name (required)', example: '季度报告.pdf' }),
          }),
          body: { required: true, content: { 'application/octet-stream': binary } },
        },
        responses: {
          201: json(AttachmentSchema, 'Stored'),
          ...commonErrors,
          413: problem('`attachment-too-large`: more than 50 MB (nothing is kept)'),
          415: problem('`file-type-refused`: executables, scripts, HTML, SVG and unknown binary files'),
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        const attachment = await service.uploadAttachment(db, blobs, currentActor(c), {
          name: c.req.valid('query').name,
          body: c.req.raw.body,
          declaredLength: c.req.header('content-length'),
        });
        return c.json(attachment, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'R8: download a file (its uploader; once sent, whoever may read the message)',
        description:
          'Always `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`. `inline=1` shows PNG, \
JPEG, GIF and WebP in the page (previews); any other type is still offered as a download.',
        request: { params: IdParam, query: z.object({ inline: z.enum(['0', '1', 'true', 'false']).optional() }) },
        responses: {
          200: { description: 'The bytes', content: { 'application/octet-stream': binary } },
          ...commonErrors,
          ...notFound,
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        const row = await service.readableAttachment(db, currentActor(c), c.req.valid('param').id);
        const { inline } = c.req.valid('query');
        return fileResponse(c, blobs, row, inline === '1' || inline === 'true');
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        tags,
        security: BEARER,
        middleware: [requireActor] as const,
        summary: 'R8: remove an upload (its uploader, while no message has it)',
        request: { params: IdParam },
        responses: {
          204: { description: 'Removed' },
          ...commonErrors,
          ...notFound,
          409: problem('`conflict`: already part of a message'),
        },
      }),
      async (c) => {
        const { db, blobs } = c.get('deps');
        await service.deleteAttachment(db, blobs, currentActor(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
