// The body (and every thread item's): the stored rich-text JSON rendered node by node by `renderRichText`, with the
// flagged-link warning in the reader's language and its inline images (issue 20 #9). Rendered once per document and
// locale (guard).
import { html, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { renderRichText } from '@herald/core';
import type { MessageViewContext } from '../context.js';

export function renderBody(ctx: MessageViewContext, doc: unknown, part = 'body', label?: string): TemplateResult {
  const locale = ctx.i18n.catalogue;
  const images = ctx.images();
  return html`<div part=${part} class="rich" role="region" aria-label=${label ?? ctx.t('messageView.body')}>${guard(
    [doc, locale, images],
    () =>
      renderRichText(doc, {
        linkWarning: (flag) => ctx.t(`richText.linkCaution.${flag}`),
        image: images.attach, // issue 20 #9: fetched with the reader's credentials as it nears the viewport
      }),
  )}</div>`;
}
