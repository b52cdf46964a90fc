// @herald/rich-text: the rich-text contract (docs/api.md "Rich text (R8)") shared by the server, @herald/core's
// renderer and <herald-rich-text-editor>. Pure TypeScript, no DOM and no Lit; the zod schema is
// `@herald/rich-text/schema` (server only). Browser code imports the modules by subpath (docs/architecture.md).
export {
  LINK_FLAGS,
  MAX_BLOCKS,
  MAX_HREF_LENGTH,
  MAX_LIST_DEPTH,
  MAX_PLAIN_TEXT,
  type LinkFlag,
  type RichBlock,
  type RichBulletList,
  type RichDoc,
  type RichHardBreak,
  type RichImage,
  type RichInline,
  type RichListItem,
  type RichMark,
  type RichMention,
  type RichNode,
  type RichOrderedList,
  type RichParagraph,
  type RichText,
} from './types.js';
export { LINK_SCHEMES, safeHref } from './hrefs.js';
export { checkLink, isLookalikeHost, type LinkCheck, type LinkErrorCode, type LinkPolicy } from './links.js';
export { plainTextOf, previewOf, PREVIEW_CHARS } from './plain-text.js';
export { mentionsOf, type MentionRef } from './mentions.js';
export { ATTACHMENT_ID_PATTERN, defaultAlt, INLINE_IMAGE_TYPES, MAX_ALT_LENGTH } from './images.js';
export { imagesOf } from './images-of.js';
export { MAX_DEPTH, own, ownArray, ownString } from './own.js';
export { isAllowedHref, normalizeHref, toRichDoc } from './document.js';
export { emptyDoc, isEmptyDoc } from './empty.js';
