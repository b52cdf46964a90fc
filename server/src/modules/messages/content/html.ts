import {
  safeHref,
  type LinkFlag,
  type RichBlock,
  type RichDoc,
  type RichInline,
  type RichMark,
  type RichText,
} from '@herald/rich-text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every piece of text and every attribute value goes through this; nothing from the document is ever written raw. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

export type EmailHtmlOptions = {
  linkWarning?: (flag: LinkFlag, href: string) => string;
  /**
   * Issue 20 #9: where an inline image's bytes are in the e-mail (`cid:…` of a part of the same e-mail), or null
   * when they are not (its alt text is shown instead). Without it every image is its alt text.
   */
  imageSource?: (attachmentId: string) => string | null;
};

const DEFAULT_WARNINGS: Record<LinkFlag, string> = {
  unlisted: 'This link leads outside the sites your organisation lists as trusted.',
  lookalike: 'This link’s address uses letters that imitate another site’s name.',
};

const linkOf = (node: RichInline) =>
  node.type === 'text'
    ? node.marks?.find((m): m is Extract<RichMark, { type: 'link' }> => m.type === 'link')
    : undefined;

function textHtml(node: RichText): string {
  let html = escapeHtml(node.text);
  if (node.marks?.some((m) => m.type === 'italic')) html = `<em>${html}</em>`;
  if (node.marks?.some((m) => m.type === 'bold')) html = `<strong>${html}</strong>`;
  return html;
}

function imageHtml(attrs: { attachmentId: string; alt: string }, options: EmailHtmlOptions): string {
  const src = options.imageSource?.(attrs.attachmentId) ?? null;
  // Only a cid: reference to a part of this e-mail: never a URL that would fetch from outside (or track the reader).
  if (src === null || !src.startsWith('cid:')) return attrs.alt ? `[${escapeHtml(attrs.alt)}]` : '';
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(attrs.alt)}" style="max-width:100%;height:auto">`;
}

function inlineHtml(content: readonly RichInline[], options: EmailHtmlOptions): string {
  let html = '';
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!;
    const link = linkOf(node);
    if (!link) {
      if (node.type === 'text') html += textHtml(node);
      else if (node.type === 'hardBreak') html += '<br>';
      else if (node.type === 'image') html += imageHtml(node.attrs, options);
      else html += `<span class="mention">@${escapeHtml(node.attrs.label)}</span>`;
      continue;
    }
    // Neighbouring text nodes under the same link (bold inside a link) make one anchor.
    let inner = '';
    for (; i < content.length; i++) {
      const next = content[i]!;
      const nextLink = linkOf(next);
      if (
        next.type !== 'text' ||
        nextLink?.attrs.href !== link.attrs.href ||
        (nextLink.attrs.flag ?? null) !== (link.attrs.flag ?? null)
      )
        break;
      inner += textHtml(next);
    }
    i--;
    const href = safeHref(link.attrs.href);
    if (href === null) {
      html += inner;
      continue;
    }
    const flag = link.attrs.flag ?? null;
    const warning = flag ? (options.linkWarning?.(flag, link.attrs.href) ?? DEFAULT_WARNINGS[flag]) : null;
    html +=
      `<a href="${escapeHtml(href)}" rel="noopener noreferrer" ` +
      `target="_blank"${warning === null ? '' : ` title="${escapeHtml(warning)}"`}>${inner}</a>`;
    if (warning !== null) html += ` <span title="${escapeHtml(warning)}" aria-label="${escapeHtml(warning)}">⚠</span>`;
  }
  return html;
}

function blocksHtml(blocks: readonly RichBlock[], options: EmailHtmlOptions): string {
  return blocks
    .map((block) => {
      if (block.type === 'paragraph') return `<p>${inlineHtml(block.content ?? [], options)}</p>`;
      const items = block.content.map((item) => `<li>${blocksHtml(item.content, options)}</li>`).join('');
      if (block.type === 'bulletList') return `<ul>${items}</ul>`;
      const start = block.attrs?.start;
      return Number.isSafeInteger(start) && start !== 1
        ? `<ol start="${Number(start)}">${items}</ol>`
        : `<ol>${items}</ol>`;
    })
    .join('');
}

/**
 * Safe HTML for an e-mail notification, built node by node from a checked document: all text and attribute values
 * escaped, links only for http/https/mailto (else the text alone), opening in a new tab with
 * `rel="noopener noreferrer"`, a flagged link followed by ` ⚠` with the warning as its title, an image as a `cid:`
 * part of the e-mail (`imageSource`) or its alt text.
 */
export function renderEmailHtml(doc: RichDoc, options: EmailHtmlOptions = {}): string {
  return blocksHtml(doc.content, options);
}
