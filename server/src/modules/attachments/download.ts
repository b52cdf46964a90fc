import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { BlobStore } from '../../blob-store/store.js';
import type { DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { attachments } from './schema.js';
import { openAttachment } from './service.js';

/** Types a browser may show inside the page (image previews); everything else is only ever saved. */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The bytes of a file whose access the caller's route has already checked, with the safe headers every download
 * gets: never sniffed, sandboxed, not cached (`GET /attachments/{id}`, the knowledge space's items, contacts' links).
 * `inline` shows an image in the page; anything else is only ever saved.
 */
export async function fileResponse(
  c: Context,
  blobs: BlobStore,
  row: typeof attachments.$inferSelect,
  inline: boolean,
  extraHeaders: Record<string, string> = {},
) {
  const bytes = Readable.toWeb(await openAttachment(blobs, row)) as ReadableStream<Uint8Array>;
  const disposition = inline && INLINE_TYPES.has(row.contentType) ? 'inline' : 'attachment';
  return c.body(bytes, 200, {
    'content-type': row.contentType,
    'content-length': String(row.size),
    'content-disposition': contentDisposition(row.name, disposition),
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'private, no-store',
    ...extraHeaders,
  });
}

/** {@link fileResponse} of a file by id (issue 19 #7: the knowledge space grants access through its item). */
export async function downloadResponse(c: Context, db: DbOrTx, blobs: BlobStore, id: string, inline: boolean) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw new Problem('not-found', 'No such attachment.');
  return fileResponse(c, blobs, row, inline);
}
