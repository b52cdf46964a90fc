// Issue 20 #9: a body's inline images in its e-mail, as parts of the e-mail itself (`cid:`, RFC 2392).
//
// Why CID and not a link: a link to the image would have to work without the reader signing in, so it would carry a
// secret (a bearer capability anyone holding the e-mail could use, and that leaks through forwarding, proxies and
// logs) and would tell the sender when and where the e-mail was opened — the tracking pixel Herald refuses in bodies.
// Expiring it breaks the image in the mailbox later. A CID part carries the bytes the recipient was sent anyway
// (they may read the message), needs no URL and nothing from outside, and reads offline. Its cost is the e-mail's
// size, so the images together are capped (`MAX_EMAIL_IMAGE_BYTES`); those over the cap show their alt text, and the
// e-mail's "Open in Herald" link shows them there.
import { and, eq, inArray } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../blob-store/store.js';
import type { DbOrTx } from '../../db/client.js';
import { attachments } from '../attachments/schema.js';
import { imagesOf, INLINE_IMAGE_TYPES, type RichDoc } from '@herald/rich-text';

/** All the inline images of one e-mail together are at most this large (mail servers often refuse beyond 10–25 MB). */
export const MAX_EMAIL_IMAGE_BYTES = 5 * 1024 * 1024;

/** One image part of an e-mail: `cid` is what the HTML's `src="cid:…"` names. */
export type EmailImage = { cid: string; filename: string; contentType: string; content: Buffer };

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The inline images of a message's body as e-mail parts, in the body's order, while they fit under
 * `MAX_EMAIL_IMAGE_BYTES` together. Only image attachments of that message (what the server let the body name);
 * one whose bytes are gone is left out (its alt text shows).
 */
export async function emailImages(
  db: DbOrTx,
  blobs: BlobStore,
  messageId: string,
  body: RichDoc,
): Promise<EmailImage[]> {
  const ids = imagesOf(body);
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), inArray(attachments.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const images: EmailImage[] = [];
  let total = 0;
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || !INLINE_IMAGE_TYPES.includes(row.contentType) || total + row.size > MAX_EMAIL_IMAGE_BYTES) continue;
    const stream = await blobs.get(row.blobKey);
    if (!stream) continue;
    total += row.size;
    images.push({
      cid: `${id}@herald`,
      filename: row.name,
      contentType: row.contentType,
      content: await bytesOf(stream),
    });
  }
  return images;
}
