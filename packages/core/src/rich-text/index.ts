export {
  renderRichText, plainTextOf, richTextStyles, safeHref, type RenderRichTextOptions, type RichTextLinkFlag,
} from './render.js';
export type { RichDoc, RichNode } from './types.js';
