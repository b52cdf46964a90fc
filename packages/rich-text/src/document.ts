// The contract on an editor's side (docs/api.md R8): the links it may make, and the cleaning that turns Tiptap's JSON
// (which carries extra attributes) into exactly the contract's shape. Only <herald-rich-text-editor>'s lazy Tiptap
// chunk imports it (and the server, through the index): no first load carries it.
import { ATTACHMENT_ID_PATTERN, MAX_ALT_LENGTH } from './images.js';
import type { RichBlock, RichDoc, RichNode } from './types.js';

/** What an editor may link: http and https with a host, mailto with an address; anything else (javascript:, data:,
 * file: …) is never turned into a link. */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (!value) return false;
  try {
    const url = new URL(value);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * What a person types into a link form: `example.com` means https, `a@b.cn` mailto; another scheme is refused (null).
 */
export function normalizeHref(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value)
    ? value
    : /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)
      ? `mailto:${value}`
      : `https://${value}`;
  return isAllowedHref(withScheme) ? withScheme : null;
}

const BLOCKS = new Set(['paragraph', 'bulletList', 'orderedList']);

function cleanInline(node: RichNode): RichNode | null {
  if (node.type === 'text') {
    if (!node.text) return null;
    const marks = (node.marks ?? []).flatMap((m) => {
      if (m.type === 'bold' || m.type === 'italic') return [{ type: m.type }];
      if (m.type === 'link' && typeof m.attrs?.href === 'string' && isAllowedHref(m.attrs.href))
        return [{ type: 'link', attrs: { href: m.attrs.href } }];
      return [];
    });
    return marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
  }
  if (node.type === 'hardBreak') return { type: 'hardBreak' };
  if (node.type === 'mention' && typeof node.attrs?.id === 'string')
    return { type: 'mention', attrs: { id: node.attrs.id, label: String(node.attrs.label ?? '') } };
  // Issue 20 #9: an image keeps its attachment id and alt text only (never a src).
  const attachmentId = node.attrs?.attachmentId;
  if (node.type === 'image' && typeof attachmentId === 'string' && ATTACHMENT_ID_PATTERN.test(attachmentId))
    return { type: 'image', attrs: { attachmentId, alt: String(node.attrs?.alt ?? '').slice(0, MAX_ALT_LENGTH) } };
  return null;
}

function cleanBlock(node: RichNode): RichNode[] {
  switch (node.type) {
    case 'paragraph': {
      const content = (node.content ?? []).map(cleanInline).filter((n): n is RichNode => !!n);
      return [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }];
    }
    case 'bulletList':
    case 'orderedList': {
      const items = (node.content ?? [])
        .filter((c) => c.type === 'listItem')
        .map((item) => {
          const content = (item.content ?? []).flatMap(cleanBlock);
          return { type: 'listItem', content: content.length ? content : [{ type: 'paragraph' }] };
        });
      if (!items.length) return [];
      const start = node.attrs?.start;
      return [
        node.type === 'orderedList' && typeof start === 'number' && start !== 1
          ? { type: 'orderedList', attrs: { start }, content: items }
          : { type: node.type, content: items },
      ];
    }
    default:
      // Anything else (should the schema ever let it in) keeps its text as paragraphs.
      return (node.content ?? []).flatMap((c) =>
        BLOCKS.has(c.type) ? cleanBlock(c) : cleanBlock({ type: 'paragraph', content: [c] }),
      );
  }
}

/** Tiptap JSON → the contract's RichDoc (only its nodes, marks and attributes; at least one block). */
export function toRichDoc(json: RichNode | null | undefined): RichDoc {
  const content = (json?.content ?? []).flatMap(cleanBlock);
  // cleanBlock builds only the contract's nodes, marks and attributes.
  return { type: 'doc', content: content.length ? (content as RichBlock[]) : [{ type: 'paragraph' }] };
}
