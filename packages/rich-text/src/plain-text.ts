// The plain text of a rich-text document: the server's search text, e-mail and SMS bodies and its length limit; the
// inbox's summaries and the urgent alert's excerpt. Reads untrusted input (own properties, bounded depth).
import { MAX_DEPTH, own, ownArray, ownString } from './own.js';

function inlineText(content: unknown[], depth: number): string {
  return content
    .map((node) => {
      const type = ownString(node, 'type');
      if (type === 'text') return ownString(node, 'text') ?? '';
      if (type === 'hardBreak') return '\n';
      if (type === 'mention') return `@${ownString(own(node, 'attrs'), 'label') ?? ''}`;
      if (type === 'image') {
        const alt = ownString(own(node, 'attrs'), 'alt');
        return alt ? `[${alt}]` : '';
      }
      return depth < MAX_DEPTH ? inlineText(ownArray(node, 'content'), depth + 1) : '';
    })
    .join('');
}

function blocksText(content: unknown[], indent: string, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  return content.flatMap((block) => {
    const type = ownString(block, 'type');
    if (type === 'paragraph') return [indent + inlineText(ownArray(block, 'content'), depth + 1)];
    if (type !== 'bulletList' && type !== 'orderedList')
      return blocksText(ownArray(block, 'content'), indent, depth + 1);
    const start = own(own(block, 'attrs'), 'start');
    const first = Number.isSafeInteger(start) && (start as number) >= 1 ? (start as number) : 1;
    return ownArray(block, 'content').flatMap((item, i) => {
      const marker = type === 'orderedList' ? `${first + i}. ` : '• ';
      const lines = ownArray(item, 'content').flatMap((child) =>
        ownString(child, 'type') === 'paragraph'
          ? [inlineText(ownArray(child, 'content'), depth + 3)]
          : blocksText([child], '  ', depth + 2),
      );
      const [head = '', ...rest] = lines;
      return [indent + marker + head, ...rest.map((line) => indent + line)];
    });
  });
}

/**
 * The plain text of a document: blocks and list items on their own lines, `• ` before bullets, `1. ` (from the
 * list's start) before ordered items, nested lists indented by two spaces, hard breaks as `\n`, mentions as `@label`,
 * images as `[alt]` (nothing when it has none).
 * Anything but a document gives ''.
 */
export function plainTextOf(doc: unknown): string {
  return ownString(doc, 'type') === 'doc' ? blocksText(ownArray(doc, 'content'), '', 0).join('\n') : '';
}

/** How many characters of a message's plain text the list's preview line shows (then an ellipsis). */
export const PREVIEW_CHARS = 120;

/**
 * The list's preview line (issue 20 #5): the start of a plain text on one line, white space collapsed, at most
 * `PREVIEW_CHARS` characters and an ellipsis when it goes on. Written by the server at send and edit, and made from a
 * whole message by the elements, so both give the same line.
 */
export function previewOf(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length <= PREVIEW_CHARS ? line : `${line.slice(0, PREVIEW_CHARS).trimEnd()}…`;
}

/** How much of a body an urgent message's alert shows: its first lines, as plain text. */
const EXCERPT_LINES = 4;
const EXCERPT_CHARS = 400;

/**
 * The first lines of a body as plain text: what `<herald-urgent-alert>` shows. The server puts it in the live frame
 * of an urgent message (issue 15), and the element makes it from a message it reads, so both give the same text.
 */
export function excerptOf(body: unknown): string {
  const lines = plainTextOf(body)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, EXCERPT_LINES);
  const text = lines.join('\n');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}
