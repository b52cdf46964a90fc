// Issue 19 #3: who a document mentions — the server flags their copies at delivery, the composer warns about those who
// will not receive it. Reads untrusted input (own properties, bounded depth), like plain-text.ts.
import { MAX_DEPTH, own, ownArray, ownString } from './own.js';

/** A mentioned member: their id and the label the document shows. */
export type MentionRef = { id: string; label: string };

/** The members a document mentions, each once, in the order they first appear. Anything but a document gives []. */
export function mentionsOf(doc: unknown): MentionRef[] {
  const found = new Map<string, string>();
  const walk = (nodes: unknown[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const node of nodes) {
      if (ownString(node, 'type') === 'mention') {
        const attrs = own(node, 'attrs');
        const id = ownString(attrs, 'id');
        if (id && !found.has(id)) found.set(id, ownString(attrs, 'label') ?? '');
      } else walk(ownArray(node, 'content'), depth + 1);
    }
  };
  if (ownString(doc, 'type') === 'doc') walk(ownArray(doc, 'content'), 0);
  return [...found].map(([id, label]) => ({ id, label }));
}
