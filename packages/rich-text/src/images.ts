// Issue 20 #9: images in the body. An image node names an attachment of the same message by id — never a URL, so a
// body cannot fetch anything from outside (no tracking pixels, no `javascript:`/`data:`); the server checks that the
// id is a sniffed image attached to that very message (messages/inline-images.ts). Reads untrusted input like
// mentions.ts (own properties, bounded depth).
import { MAX_DEPTH, own, ownArray, ownString } from './own.js';

/** The types an inline image may have: what the server sniffs as PNG, JPEG, GIF or WebP (never SVG). */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** Alternative text is at most this long. */
export const MAX_ALT_LENGTH = 500;
/** What an attachment id looks like (UUIDv7 and test ids): no `:`/`/`, so it can never be read as a URL. */
export const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The attachment ids a document shows inline, each once, in the order they first appear. Anything else gives []. */
export function imagesOf(doc: unknown): string[] {
  const found = new Set<string>();
  const walk = (nodes: unknown[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const node of nodes) {
      if (ownString(node, 'type') === 'image') {
        const id = ownString(own(node, 'attrs'), 'attachmentId');
        if (id) found.add(id);
      } else walk(ownArray(node, 'content'), depth + 1);
    }
  };
  if (ownString(doc, 'type') === 'doc') walk(ownArray(doc, 'content'), 0);
  return [...found];
}

/** The alternative text an image shows when its author wrote none: the file name without folders. */
export const defaultAlt = (fileName: string): string =>
  fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).slice(0, MAX_ALT_LENGTH);
