import { Problem, type FieldError } from '../../../http/problem.js';
import type { CheckedLink } from '../schema.js';
import {
  checkLink,
  MAX_LIST_DEPTH,
  MAX_PLAIN_TEXT,
  plainTextOf,
  type LinkPolicy,
  type RichBlock,
  type RichDoc,
  type RichInline,
  type RichListItem,
  type RichMark,
} from '@herald/rich-text';

/** `imageIds`: the attachments the body shows inline (issue 20 #9), checked against the message's own files. */
export type PreparedContent = {
  doc: RichDoc;
  text: string;
  mentionIds: string[];
  imageIds: string[];
  links: CheckedLink[];
};

/**
 * Gets a body ready to store, given the organisation's link policy: drops empty text nodes, checks list depth
 * (≤ 8) and the plain text's length (≤ 100,000, `too-long` at `path`), checks every link (R8) and writes its
 * `attrs.flag` (null or why recipients see a warning). Every problem found is reported at once, in one
 * `400 validation` whose field errors name each bad href (`body.content.0.content.2.marks.0.attrs.href`).
 */
export function prepareContent(doc: RichDoc, policy: LinkPolicy, path = 'body'): PreparedContent {
  const errors: FieldError[] = [];
  const links: CheckedLink[] = [];
  const mentionIds = new Set<string>();
  const imageIds = new Set<string>();

  const prepareMarks = (marks: readonly RichMark[], at: string): RichMark[] =>
    marks.map((mark, m) => {
      if (mark.type !== 'link') return { type: mark.type };
      const checked = checkLink(mark.attrs.href, policy);
      if (!checked.ok) {
        errors.push({ path: `${at}.marks.${m}.attrs.href`, code: checked.code, message: checked.message });
        return { type: 'link', attrs: { href: mark.attrs.href, flag: null } };
      }
      links.push({ href: checked.href, host: checked.host, flag: checked.flag });
      return { type: 'link', attrs: { href: mark.attrs.href, flag: checked.flag } };
    });

  const prepareInline = (content: readonly RichInline[], at: string): RichInline[] =>
    content.flatMap((node, i): RichInline[] => {
      const here = `${at}.${i}`;
      if (node.type === 'hardBreak') return [{ type: 'hardBreak' }];
      if (node.type === 'mention') {
        mentionIds.add(node.attrs.id);
        return [{ type: 'mention', attrs: { id: node.attrs.id, label: node.attrs.label } }];
      }
      if (node.type === 'image') {
        imageIds.add(node.attrs.attachmentId);
        return [{ type: 'image', attrs: { attachmentId: node.attrs.attachmentId, alt: node.attrs.alt } }];
      }
      if (node.text === '') return [];
      return [
        node.marks?.length
          ? { type: 'text', text: node.text, marks: prepareMarks(node.marks, here) }
          : { type: 'text', text: node.text },
      ];
    });

  const prepareBlocks = (blocks: readonly RichBlock[], at: string, lists: number): RichBlock[] =>
    blocks.map((block, i): RichBlock => {
      const here = `${at}.${i}`;
      if (block.type === 'paragraph') {
        const content = prepareInline(block.content ?? [], `${here}.content`);
        return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
      }
      if (lists + 1 > MAX_LIST_DEPTH) {
        errors.push({ path: here, code: 'invalid-value', message: `Lists nest at most ${MAX_LIST_DEPTH} deep` });
        return { type: 'paragraph' };
      }
      const content = block.content.map((item, j): RichListItem => ({
        type: 'listItem',
        content: prepareBlocks(item.content, `${here}.content.${j}.content`, lists + 1),
      }));
      if (block.type === 'bulletList') return { type: 'bulletList', content };
      const start = block.attrs?.start;
      return start !== undefined && start !== 1
        ? { type: 'orderedList', attrs: { start }, content }
        : { type: 'orderedList', content };
    });

  const prepared: RichDoc = { type: 'doc', content: prepareBlocks(doc.content, `${path}.content`, 0) };
  const text = plainTextOf(prepared);
  if (text.length > MAX_PLAIN_TEXT) {
    errors.push({
      path,
      code: 'too-long',
      message: `The text is longer than ${MAX_PLAIN_TEXT.toLocaleString('en')} characters`,
    });
  }
  if (errors.length) {
    const linkErrors = errors.some((e) => e.code.startsWith('link-'));
    throw new Problem('validation', linkErrors ? 'Some links are not allowed.' : 'The message body is not valid.', {
      errors,
    });
  }
  return { doc: prepared, text, mentionIds: [...mentionIds], imageIds: [...imageIds], links };
}

/**
 * Replaces every mention's label with the member's current name; ids missing from `names` keep theirs (the caller
 * rejects them).
 */
export function relabelMentions(doc: RichDoc, names: ReadonlyMap<string, string>): RichDoc {
  const inline = (content: readonly RichInline[]): RichInline[] =>
    content.map((node) =>
      node.type === 'mention'
        ? { type: 'mention', attrs: { id: node.attrs.id, label: names.get(node.attrs.id) ?? node.attrs.label } }
        : node,
    );
  const blocks = (content: readonly RichBlock[]): RichBlock[] =>
    content.map((block): RichBlock => {
      if (block.type === 'paragraph') return block.content ? { ...block, content: inline(block.content) } : block;
      return { ...block, content: block.content.map((item) => ({ type: 'listItem', content: blocks(item.content) })) };
    });
  return { type: 'doc', content: blocks(doc.content) };
}
