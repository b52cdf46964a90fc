// Issue 20 #9: which attachments a body shows inline. Reads untrusted input like mentions.ts (own properties, bounded
// depth).
import { MAX_DEPTH, own, ownArray, ownString } from './own.js';

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
