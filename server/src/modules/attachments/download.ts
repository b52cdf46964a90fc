import { Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { BlobStore } from '../../blob-store/store.js';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { attachments } from './schema.js';
import { openAttachment } from './service.js';

/** A file as a message view lists it. */
export const AttachmentInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});

/** Types a browser may show inside the page (image previews); everything else is only ever saved. */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The bytes of a file whose access the caller's route has already checked (issue 19 #7: the knowledge space grants
 * it through its item), with the same safe headers as `GET /attachments/{id}`: never sniffed, sandboxed, not cached.
 */
export async function downloadResponse(c: Context, db: DbOrTx, blobs: BlobStore, id: string, inline: boolean) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw new Problem('not-found', 'No such attachment.');
  const bytes = Readable.toWeb(await openAttachment(blobs, row)) as ReadableStream<Uint8Array>;
  const disposition = inline && INLINE_TYPES.has(row.contentType) ? 'inline' : 'attachment';
  return c.body(bytes, 200, {
    'content-type': row.contentType,
    'content-length': String(row.size),
    'content-disposition': contentDisposition(row.name, disposition),
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'private, no-store',
  });
}
