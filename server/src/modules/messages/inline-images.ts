// Issue 20 #9: images in the body. An image node must name an image attachment of the very message it is in — so
// whoever may read the message may see the image and nobody else (the download checks the message, attachments
// service `readableAttachment`), and a recall, expiry, forward or purge treats it as it treats the message's files.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { attachments } from '../attachments/schema.js';
import { INLINE_IMAGE_TYPES, type RichBlock, type RichDoc, type RichInline } from '@herald/rich-text';

/**
 * Refuses a body whose images are not image attachments (PNG/JPEG/GIF/WebP as sniffed) of `messageId`: another
 * message's file, someone's unsent upload, a missing id (`unknown-attachment`) or a non-image file (`invalid-value`),
 * each named at `body`. Run in the sending transaction, after the message's files were claimed. One query.
 */
export async function assertInlineImages(tx: DbOrTx, messageId: string, imageIds: readonly string[]): Promise<void> {
  if (!imageIds.length) return;
  const rows = await tx
    .select({ id: attachments.id, contentType: attachments.contentType })
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), inArray(attachments.id, [...imageIds])));
  const types = new Map(rows.map((r) => [r.id, r.contentType]));
  const errors: FieldError[] = imageIds.flatMap((id): FieldError[] => {
    const type = types.get(id);
    if (type === undefined)
      return [{ path: 'body', code: 'unknown-attachment', message: `Image ${id} is not a file of this message` }];
    if (!INLINE_IMAGE_TYPES.includes(type))
      return [{ path: 'body', code: 'invalid-value', message: `File ${id} is not a PNG, JPEG, GIF or WebP image` }];
    return [];
  });
  if (errors.length)
    throw new Problem('validation', 'An image in the text is not one of its attached images.', { errors });
}

/** Refuses any image where a body has no files of its own (templates). */
export function assertNoImages(imageIds: readonly string[]): void {
  if (imageIds.length)
    throw new Problem('validation', 'Images cannot be part of this text.', {
      errors: [{ path: 'body', code: 'invalid-value', message: 'This text has no attachments an image could show' }],
    });
}

/** The document with each image's attachment id renamed (`renamed`: old → new; others are kept), for a forward. */
export function renameImages(doc: RichDoc, renamed: ReadonlyMap<string, string>): RichDoc {
  const inline = (node: RichInline): RichInline =>
    node.type === 'image'
      ? {
          type: 'image',
          attrs: { ...node.attrs, attachmentId: renamed.get(node.attrs.attachmentId) ?? node.attrs.attachmentId },
        }
      : node;
  const block = (b: RichBlock): RichBlock =>
    b.type === 'paragraph'
      ? b.content
        ? { ...b, content: b.content.map(inline) }
        : b
      : { ...b, content: b.content.map((item) => ({ ...item, content: item.content.map(block) })) };
  return { type: 'doc', content: doc.content.map(block) };
}
