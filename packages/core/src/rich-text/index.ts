export {
  renderRichText, safeHref, type RenderRichTextOptions, type RichTextLinkFlag,
} from './render.js';
export { plainTextOf } from './plain-text.js';
export { richTextStyles } from './styles.js';
export type { RichDoc, RichNode } from './types.js';
