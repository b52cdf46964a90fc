export {
  RichDocSchema, LINK_FLAGS, MAX_LIST_DEPTH, MAX_BLOCKS, MAX_HREF_LENGTH,
  type RichDoc, type RichBlock, type RichInline, type RichMark, type RichText, type RichMention, type RichHardBreak,
  type RichParagraph, type RichListItem, type RichBulletList, type RichOrderedList, type LinkFlag,
} from './rich-doc.js';
export { checkLink, isLookalikeHost, LINK_SCHEMES, type LinkPolicy, type LinkCheck, type LinkErrorCode } from './links.js';
export { prepareContent, relabelMentions, emptyDoc, plainText, MAX_PLAIN_TEXT, type PreparedContent } from './prepare.js';
export { renderEmailHtml, escapeHtml, type EmailHtmlOptions } from './html.js';
