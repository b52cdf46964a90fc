// Issue 20 #9: images in the body. An image node names an attachment of the same message by id — never a URL, so a
// body cannot fetch anything from outside (no tracking pixels, no `javascript:`/`data:`); the server checks that the
// id is a sniffed image attached to that very message (messages/inline-images.ts). No imports: the editor's lazy
// chunks use these without sharing a module with a first load.

/** The types an inline image may have: what the server sniffs as PNG, JPEG, GIF or WebP (never SVG). */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** Alternative text is at most this long. */
export const MAX_ALT_LENGTH = 500;
/** What an attachment id looks like (UUIDv7 and test ids): no `:`/`/`, so it can never be read as a URL. */
export const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The alternative text an image shows when its author wrote none: the file name without folders. */
export const defaultAlt = (fileName: string): string =>
  fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).slice(0, MAX_ALT_LENGTH);
