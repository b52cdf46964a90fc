// The contract itself (types, schema, link rule, plain text) is @herald/rich-text, shared with the elements; what is
// the server's alone is here: getting a body ready to store (prepare.ts) and e-mail HTML (html.ts).
export { RichDocSchema } from '@herald/rich-text/schema';
export {
  LINK_FLAGS,
  MAX_LIST_DEPTH,
  MAX_BLOCKS,
  MAX_HREF_LENGTH,
  MAX_PLAIN_TEXT,
  checkLink,
  isLookalikeHost,
  LINK_SCHEMES,
  emptyDoc,
  plainTextOf,
  previewOf,
  type RichDoc,
  type RichBlock,
  type RichInline,
  type RichMark,
  type RichText,
  type RichMention,
  type RichHardBreak,
  type RichParagraph,
  type RichListItem,
  type RichBulletList,
  type RichOrderedList,
  type LinkFlag,
  type LinkPolicy,
  type LinkCheck,
  type LinkErrorCode,
} from '@herald/rich-text';
export { prepareContent, relabelMentions, type PreparedContent } from './prepare.js';
export { renderEmailHtml, escapeHtml, type EmailHtmlOptions } from './html.js';
