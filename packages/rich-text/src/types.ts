// The Herald rich-text document (docs/api.md, "Rich text (R8)"): JSON in the shape Tiptap/ProseMirror produce, limited
// to a few nodes and marks. Never HTML: every renderer builds elements from it node by node.

export const LINK_FLAGS = ['unlisted', 'lookalike'] as const;
/** Why recipients see a warning beside a link; written into the link mark by the server when sent. */
export type LinkFlag = (typeof LINK_FLAGS)[number];

export type RichMark =
  { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string; flag?: LinkFlag | null } };
export type RichText = { type: 'text'; text: string; marks?: RichMark[] };
export type RichHardBreak = { type: 'hardBreak' };
export type RichMention = { type: 'mention'; attrs: { id: string; label: string } };
/** Issue 20 #9: an image shown inline — an attachment of the same message, by id (never a URL). */
export type RichImage = { type: 'image'; attrs: { attachmentId: string; alt: string } };
export type RichInline = RichText | RichHardBreak | RichMention | RichImage;
export type RichParagraph = { type: 'paragraph'; content?: RichInline[] };
export type RichListItem = { type: 'listItem'; content: RichBlock[] };
export type RichBulletList = { type: 'bulletList'; content: RichListItem[] };
export type RichOrderedList = { type: 'orderedList'; attrs?: { start?: number }; content: RichListItem[] };
export type RichBlock = RichParagraph | RichBulletList | RichOrderedList;
export type RichDoc = { type: 'doc'; content: RichBlock[] };

/** Any node as an editor or an untrusted source may hold it (before `toRichDoc` or the schema made it a RichDoc). */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** Lists nest at most this deep (a top-level list is depth 1). */
export const MAX_LIST_DEPTH = 8;
export const MAX_BLOCKS = 2_000;
export const MAX_HREF_LENGTH = 2_048;
/** The plain text of a body (search, e-mail, SMS) is at most this long. */
export const MAX_PLAIN_TEXT = 100_000;
