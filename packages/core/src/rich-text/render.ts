import type { LinkFlag } from '@herald/rich-text';
import { safeHref } from '@herald/rich-text/hrefs';
import { MAX_DEPTH, own, ownArray, ownString } from '@herald/rich-text/own';

/**
 * Renders a Herald rich-text document (docs/api.md, "Rich text (R8)") into DOM. The document comes from the server,
 * already validated, but this renderer trusts none of it: it builds elements one by one with `createElement` /
 * `createTextNode` (never `innerHTML`, never parsing markup), knows only the Herald nodes and marks, and links an
 * href only when it parses as http, https or mailto.
 */

export type RichTextLinkFlag = LinkFlag;
export type RenderRichTextOptions = {
  /** The warning shown for a flagged link (title, and the ⚠ marker's accessible name); localise it here. */
  linkWarning?: (flag: RichTextLinkFlag, href: string) => string;
  /** The text after `@` for a mention, e.g. the member's current name. */
  mentionLabel?: (id: string, label: string) => string;
  /**
   * Issue 20 #9: gives an inline image its bytes (e.g. `InlineImageLoader.attach`, fetched with the reader's
   * credentials when it nears the viewport). Without it an image shows its alt text only.
   */
  image?: (img: HTMLImageElement, attachmentId: string) => void;
};

const DEFAULT_WARNINGS: Record<RichTextLinkFlag, string> = {
  unlisted: 'This link leads outside the sites your organisation lists as trusted.',
  lookalike: 'This link’s address uses letters that imitate another site’s name.',
};

type LinkMark = { href: string; flag: RichTextLinkFlag | null };
function linkOf(node: unknown): LinkMark | null {
  if (ownString(node, 'type') !== 'text') return null;
  for (const mark of ownArray(node, 'marks')) {
    if (ownString(mark, 'type') !== 'link') continue;
    const attrs = own(mark, 'attrs');
    const href = ownString(attrs, 'href');
    if (href === undefined) return null;
    const flag = ownString(attrs, 'flag');
    return { href, flag: flag === 'unlisted' || flag === 'lookalike' ? flag : null };
  }
  return null;
}
const hasMark = (node: unknown, type: string) => ownArray(node, 'marks').some((m) => ownString(m, 'type') === type);

function textElement(node: unknown): Node {
  let result: Node = document.createTextNode(ownString(node, 'text') ?? '');
  for (const [mark, tag] of [
    ['italic', 'em'],
    ['bold', 'strong'],
  ] as const) {
    if (!hasMark(node, mark)) continue;
    const wrapper = document.createElement(tag);
    wrapper.append(result);
    result = wrapper;
  }
  return result;
}

function renderInline(content: unknown[], parent: Node, options: RenderRichTextOptions, depth: number): void {
  for (let i = 0; i < content.length; i++) {
    const node = content[i];
    const type = ownString(node, 'type');
    const link = linkOf(node);
    if (link) {
      // Neighbouring text nodes under the same link (bold inside a link) make one anchor.
      const group: unknown[] = [];
      while (i < content.length) {
        const next = linkOf(content[i]);
        if (!next || next.href !== link.href || next.flag !== link.flag) break;
        group.push(content[i++]);
      }
      i--;
      parent.appendChild(linkElement(link, group, options));
    } else if (type === 'text') {
      parent.appendChild(textElement(node));
    } else if (type === 'hardBreak') {
      parent.appendChild(document.createElement('br'));
    } else if (type === 'mention') {
      const attrs = own(node, 'attrs');
      const id = ownString(attrs, 'id') ?? '';
      const label = ownString(attrs, 'label') ?? '';
      const span = document.createElement('span');
      span.className = 'mention';
      span.dataset.memberId = id;
      span.textContent = `@${options.mentionLabel ? options.mentionLabel(id, label) : label}`;
      parent.appendChild(span);
    } else if (type === 'image') {
      parent.appendChild(imageElement(own(node, 'attrs'), options));
    } else if (depth < MAX_DEPTH) {
      // An unknown inline node: only what it holds as Herald content, never its own attributes.
      renderInline(ownArray(node, 'content'), parent, options, depth + 1);
    }
  }
}

/** Never a URL from the document: only an attachment id, whose bytes `options.image` fetches (else only its alt). */
function imageElement(attrs: unknown, options: RenderRichTextOptions): Node {
  const id = ownString(attrs, 'attachmentId');
  const alt = ownString(attrs, 'alt') ?? '';
  if (!id || !options.image) return document.createTextNode(alt);
  const img = document.createElement('img');
  img.alt = alt;
  img.loading = 'lazy';
  options.image(img, id);
  return img;
}

function linkElement(link: LinkMark, group: unknown[], options: RenderRichTextOptions): Node {
  const href = safeHref(link.href);
  if (href === null) {
    const fragment = document.createDocumentFragment();
    for (const node of group) fragment.appendChild(textElement(node));
    return fragment;
  }
  const a = document.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  for (const node of group) a.appendChild(textElement(node));
  if (link.flag) {
    const warning = options.linkWarning?.(link.flag, link.href) ?? DEFAULT_WARNINGS[link.flag];
    a.classList.add('flagged');
    a.dataset.flag = link.flag;
    a.title = warning;
    const marker = document.createElement('span');
    marker.className = 'link-warning';
    marker.setAttribute('role', 'img');
    marker.setAttribute('aria-label', warning);
    marker.textContent = '⚠';
    a.appendChild(marker);
  }
  return a;
}

function renderBlocks(content: unknown[], parent: Node, options: RenderRichTextOptions, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const node of content) {
    const type = ownString(node, 'type');
    if (type === 'paragraph') {
      const p = document.createElement('p');
      renderInline(ownArray(node, 'content'), p, options, depth + 1);
      parent.appendChild(p);
    } else if (type === 'bulletList' || type === 'orderedList') {
      const list = document.createElement(type === 'bulletList' ? 'ul' : 'ol');
      const start = own(own(node, 'attrs'), 'start');
      if (list instanceof HTMLOListElement && Number.isSafeInteger(start) && (start as number) > 1)
        list.start = start as number;
      for (const item of ownArray(node, 'content')) {
        const li = document.createElement('li');
        renderBlocks(
          ownString(item, 'type') === 'listItem' ? ownArray(item, 'content') : [item],
          li,
          options,
          depth + 2,
        );
        list.appendChild(li);
      }
      parent.appendChild(list);
    } else if (type === 'text' || type === 'hardBreak' || type === 'mention') {
      // Inline content where a block belongs: keep its text, in a paragraph of its own.
      const p = document.createElement('p');
      renderInline([node], p, options, depth + 1);
      parent.appendChild(p);
    } else {
      // Unknown (or a nested doc): its children only, never its own attributes.
      renderBlocks(ownArray(node, 'content'), parent, options, depth + 1);
    }
  }
}

/**
 * Renders a Herald rich-text document into a fragment: `<p>`, `<ul>`/`<ol start>`, `<li>`, `<strong>`, `<em>`,
 * `<br>`, mentions as `<span class="mention" data-member-id>@label</span>`, links as
 * `<a href target="_blank" rel="noopener noreferrer">` (a flagged one with `class="flagged"`, `data-flag`, a `title`
 * and a ⚠ marker named by `linkWarning`), images as `<img alt loading="lazy">` given their bytes by `image` (else
 * their alt text). Anything it does not know is dropped or shown as its text only.
 * Style it with `richTextStyles` in the host's shadow root.
 */
export function renderRichText(doc: unknown, options: RenderRichTextOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (ownString(doc, 'type') === 'doc') renderBlocks(ownArray(doc, 'content'), fragment, options, 0);
  return fragment;
}
