// The DOM renderer of the rich-text contract; the contract itself (types, link rule, plain text) is @herald/rich-text.
// Its modules are imported one by one (not through its index): a bundler splitting chunks places a module reached
// through a shared index in the first load even when only a lazy chunk uses it.
export { renderRichText, type RenderRichTextOptions, type RichTextLinkFlag } from './render.js';
export { plainTextOf } from '@herald/rich-text/plain-text';
export { safeHref } from '@herald/rich-text/hrefs';
export type { RichDoc, RichNode } from '@herald/rich-text';
export { richTextStyles } from './styles.js';
export { InlineImageLoader, type FetchInlineImage } from './inline-images.js';
