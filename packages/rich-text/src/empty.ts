import type { RichDoc } from './types.js';

/** An empty body, as Tiptap starts one. */
export const emptyDoc = (): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

/** Does the document hold anything but empty paragraphs? */
export function isEmptyDoc(doc: RichDoc): boolean {
  return doc.content.every((b) => b.type === 'paragraph' && !b.content?.length);
}
