// The server's check of a rich-text document as a client sends it (zod 4). Imported by the server only
// (`@herald/rich-text/schema`): the browser packages never load zod. OpenAPI names and notes are zod metadata
// (`.meta({ id })`), which @hono/zod-openapi's generator reads as it reads `.openapi()`.
import { z } from 'zod';
import { ATTACHMENT_ID_PATTERN, MAX_ALT_LENGTH } from './images.js';
import { LINK_FLAGS, MAX_BLOCKS, MAX_HREF_LENGTH, MAX_LIST_DEPTH, type RichBlock } from './types.js';

/** Any node deeper than this cannot be valid (doc + 8 × (list + listItem) + paragraph + text = 19), so stop there. */
const MAX_NODE_DEPTH = 1 + MAX_LIST_DEPTH * 2 + 2;

const LinkMarkSchema = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({
    href: z.string().max(MAX_HREF_LENGTH),
    flag: z
      .enum(LINK_FLAGS)
      .nullable()
      .optional()
      .meta({ description: 'Written by the server; a client value is ignored' }),
  }),
});
const MarkSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('bold') }),
    z.strictObject({ type: z.literal('italic') }),
    LinkMarkSchema,
  ])
  .meta({ id: 'RichMark' });

const TextSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1),
  marks: z.array(MarkSchema).max(3).optional(),
});
const HardBreakSchema = z.strictObject({ type: z.literal('hardBreak') });
const MentionSchema = z.strictObject({
  type: z.literal('mention'),
  attrs: z.strictObject({
    id: z.string().min(1).max(64).meta({ description: 'A member id' }),
    label: z.string().max(200).meta({ description: "Replaced by the member's current name when sent" }),
  }),
});
// Issue 20 #9: an attachment id and alternative text only — no src, width or title, so no URL can ever get in.
const ImageSchema = z.strictObject({
  type: z.literal('image'),
  attrs: z.strictObject({
    attachmentId: z
      .string()
      .regex(ATTACHMENT_ID_PATTERN)
      .meta({ description: 'An image attachment of the same message (PNG, JPEG, GIF or WebP as sniffed)' }),
    alt: z.string().max(MAX_ALT_LENGTH).meta({ description: 'Alternative text (the file name when none was written)' }),
  }),
});
const InlineSchema = z
  .discriminatedUnion('type', [TextSchema, HardBreakSchema, MentionSchema, ImageSchema])
  .meta({ id: 'RichInline' });

const ParagraphSchema = z.strictObject({ type: z.literal('paragraph'), content: z.array(InlineSchema).optional() });

// Recursion through z.lazy: zod-to-openapi (under @hono/zod-openapi) emits a named, self-referencing component for a
// lazy schema that carries an id, so the document shows the real shape instead of a free-form object.
const BlockSchema: z.ZodType<RichBlock> = z
  .lazy(() => z.discriminatedUnion('type', [ParagraphSchema, BulletListSchema, OrderedListSchema]))
  .meta({ id: 'RichBlock' });
const ListItemSchema = z.strictObject({ type: z.literal('listItem'), content: z.array(BlockSchema).min(1) });
const BulletListSchema = z.strictObject({ type: z.literal('bulletList'), content: z.array(ListItemSchema).min(1) });
const OrderedListSchema = z.strictObject({
  type: z.literal('orderedList'),
  attrs: z.strictObject({ start: z.int().min(1).max(1_000_000).optional() }).optional(),
  content: z.array(ListItemSchema).min(1),
});

const StrictDocSchema = z.strictObject({
  type: z.literal('doc'),
  content: z.array(BlockSchema).min(1).max(MAX_BLOCKS),
});

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LISTS = new Set(['bulletList', 'orderedList']);
/** Link attributes Tiptap adds on its own; ours are decided by the renderers, so these are dropped, never kept. */
const TIPTAP_LINK_ATTRS = ['target', 'rel', 'class', 'title'];

function dropTiptapMarkDefaults(mark: unknown): unknown {
  if (!isObj(mark)) return mark;
  const out: Obj = { ...mark }; // spread keeps an own `__proto__` key as data, so the strict schema still refuses it
  if (out.attrs === null) delete out.attrs;
  if (out.type === 'link' && isObj(out.attrs)) {
    const attrs: Obj = { ...out.attrs };
    for (const key of TIPTAP_LINK_ATTRS) delete attrs[key];
    delete attrs.flag; // the server decides the flag (prepareContent)
    out.attrs = attrs;
  }
  return out;
}

/**
 * Accepts what Tiptap's `getJSON()` adds on its own and drops it: `attrs: null`, link `target`/`rel`/`class`/`title`,
 * orderedList `start: 1` and `type`, mention `mentionSuggestionChar` and a null label, marks on hard breaks and
 * mentions, a client's link `flag`. Everything else is left for the strict schema to judge. Also refuses nesting
 * deeper than allowed before zod recurses into it, so a hostile, very deep body cannot exhaust the stack.
 */
function dropTiptapDefaults(
  value: unknown,
  ctx: z.core.$RefinementCtx,
  path: (string | number)[],
  depth: number,
  lists: number,
): unknown {
  if (!isObj(value)) return value;
  if (depth > MAX_NODE_DEPTH || lists > MAX_LIST_DEPTH) {
    ctx.addIssue({ code: 'custom', path, message: `Lists nest at most ${MAX_LIST_DEPTH} deep`, input: value });
    return value;
  }
  const node: Obj = { ...value };
  if (node.attrs === null) delete node.attrs;
  if (node.type === 'orderedList' && isObj(node.attrs)) {
    const attrs: Obj = { ...node.attrs };
    if (attrs.start === 1 || attrs.start === null) delete attrs.start;
    delete attrs.type;
    if (Object.keys(attrs).length) node.attrs = attrs;
    else delete node.attrs;
  }
  if (node.type === 'mention' && isObj(node.attrs)) {
    const attrs: Obj = { ...node.attrs };
    delete attrs.mentionSuggestionChar;
    if (attrs.label === null) attrs.label = '';
    node.attrs = attrs;
  }
  if (node.type === 'image' && isObj(node.attrs)) {
    // Tiptap keeps every declared attribute; a null alt is no alt.
    const attrs: Obj = { ...node.attrs };
    if (attrs.alt === null || attrs.alt === undefined) attrs.alt = '';
    node.attrs = attrs;
  }
  if (node.type === 'hardBreak' || node.type === 'mention' || node.type === 'image') delete node.marks;
  if (Array.isArray(node.marks)) node.marks = node.marks.map(dropTiptapMarkDefaults);
  if (Array.isArray(node.content)) {
    const childLists = lists + (typeof node.type === 'string' && LISTS.has(node.type) ? 1 : 0);
    node.content = node.content.map((child, i) =>
      dropTiptapDefaults(child, ctx, [...path, 'content', i], depth + 1, childLists),
    );
  }
  return node;
}

/**
 * A message body as sent by a client (Tiptap's `getJSON()` works as is). Validates strictly: unknown node and mark
 * types and unknown keys are refused (`invalid-value` / `unknown-field`). Links are checked, flagged and the plain
 * text measured afterwards by `prepareContent`, which needs the organisation's link policy.
 *
 * OpenAPI: a preprocess is a pipe whose input side is the strict document schema, so the document shows `RichDoc`
 * with its recursive `RichBlock` component.
 */
export const RichDocSchema = z
  .preprocess((value, ctx) => dropTiptapDefaults(value, ctx, [], 0, 0), StrictDocSchema)
  .meta({
    id: 'RichDoc',
    example: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] },
  });
