// The preview dialog: the message as it will be read, each recipient's head count and the total, and Send. A lazy
// chunk of its own, loaded when Preview is first pressed (issue 16: the composer's first load). Like the template
// dialogs it imports nothing the composer's first load has: lit's `html` and `nothing` and the helpers below come from
// the composer (a chunk importing them would split the first-load file, which costs more than it saves).
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { formatBytes, renderRichText } from '@herald/core';
import type { AudienceCount } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';
import type { Recipient } from '../composer/state.js';
import type { reachReasons } from '../recipients/recipients.js';

export interface PreviewActions {
  /** The sender's name. */
  from(): string;
  sending(): boolean;
  send(): void;
  /** Issue 19 #3: the warning about mentioned non-recipients (lazy: nothing until its chunk has loaded). */
  mentionWarning?(): unknown;
  /** What the composer's first load already has. */
  lit: { html: typeof litHtml; nothing: typeof litNothing };
  renderRichText: typeof renderRichText;
  formatBytes: typeof formatBytes;
  isEmptyDoc(doc: unknown): boolean;
  reachReasons: typeof reachReasons;
}

/** Drives the composer's updates through `host.requestUpdate()`; the composer calls `sync()` after each update. */
export class PreviewController {
  private isOpen = false;
  private preview: { count: AudienceCount | null; body: Node[] } | null = null;

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
    private readonly actions: PreviewActions,
  ) {}

  /** Shows the current state, with the head counts known so far (`count`, null while unknown). */
  open(count: AudienceCount | null): void {
    const { t } = this.ctx;
    this.preview = {
      count,
      body: [
        ...this.actions.renderRichText(this.ctx.state().body, {
          linkWarning: (flag) => t(`richText.linkWarning.${flag}`),
        }).childNodes,
      ],
    };
    this.isOpen = true;
    this.host.requestUpdate();
  }

  /** The resolved head counts arrived. */
  setCount(count: AudienceCount): void {
    if (this.preview) this.preview = { ...this.preview, count };
    this.host.requestUpdate();
  }

  close = (): void => {
    this.isOpen = false;
    this.host.requestUpdate();
  };

  /** Opens or closes the `<dialog>` to match (after each update of the composer). */
  sync(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog#preview');
    if (dialog && this.isOpen && !dialog.open) dialog.showModal();
    if (dialog && !this.isOpen && dialog.open) dialog.close();
  }

  render(): TemplateResult {
    const { t, plural, i18n } = this.ctx;
    const { html, nothing } = this.actions.lit;
    const { formatBytes, isEmptyDoc, reachReasons } = this.actions;
    const p = this.preview;
    const s = this.ctx.state();
    const locale = i18n.locale;
    const sending = this.actions.sending();
    const countFor = (r: Recipient) => p?.count?.entries.find((e) => e.kind === r.kind && e.targetId === r.id)?.count;
    const expiry =
      s.expiry === 'never'
        ? null
        : s.expiry === 'at'
          ? s.expiresAt
            ? t('composer.expiry.on', { date: i18n.date(new Date(s.expiresAt)) })
            : null
          : t(`composer.expiry.${s.expiry}`);
    // Receipt, expiry and due date are the message's options, under their own heading — not more attachments (issue
    // 23).
    const properties = [
      s.receiptRequired ? t('composer.receipt.on') : '',
      expiry ? (s.expiry === 'at' ? expiry : t('composer.expiry.inMinutes', { duration: expiry })) : '',
      s.dueAt ? t('composer.due.on', { date: i18n.date(new Date(s.dueAt)) }) : '',
    ].filter(Boolean);
    return html`<dialog id="preview" part="preview" aria-labelledby="preview-title" @close=${this.close}
      @cancel=${this.close}>
      ${
        this.isOpen && p
          ? html`<h3 id="preview-title">${t('composer.preview.title')}</h3>
            <article class="message-preview">
              <p class="muted preview-meta">${t('composer.preview.from', { name: this.actions.from() })} ·
                ${t(`composer.kind.${s.kind}`)}${
                  s.priority === 'normal' ? nothing : html` · ${t(`composer.priority.${s.priority}`)}`
                }</p>
              <h4 class="preview-subject">${s.subject.trim()}</h4>
              <div class="rich-text preview-body">${isEmptyDoc(s.body) ? nothing : p.body}</div>
              <h5>${t('composer.attachments')}</h5>
              ${
                s.attachments.length
                  ? html`<ul>${s.attachments.map(
                      (a) => html`<li>${a.name} <span class="muted"
                    >${formatBytes(a.size, locale)}</span></li>`,
                    )}</ul>`
                  : html`<p class="muted">${t('composer.preview.noAttachments')}</p>`
              }
              ${
                properties.length
                  ? html`<h5>${t('composer.properties')}</h5><ul class="preview-properties"
                    >${properties.map((p) => html`<li>${p}</li>`)}</ul>`
                  : nothing
              }
            </article>
            <h4>${t('composer.preview.recipients')}</h4>
            <ul class="preview-recipients">
              ${s.recipients.map((r) => {
                const count = countFor(r);
                return html`<li>${t(`composer.recipients.kind.${r.kind}`)}: ${r.name}
                  <span class="count"
                    >${typeof count === 'number' ? plural('composer.recipients.people', count) : '…'}</span></li>`;
              })}
            </ul>
            ${this.actions.mentionWarning?.() ?? nothing}
            <p class="preview-total"
              >${
                p.count
                  ? `${plural('composer.preview.total', p.count.total)}${reachReasons(this.ctx, p.count)}`
                  : t('composer.recipients.counting')
              }</p>
            <div class="actions">
              <button type="button" id="preview-send" ?disabled=${sending} @click=${() => this.actions.send()}
                >${sending ? t('composer.sending') : t('composer.send')}</button>
              <button type="button" class="secondary" @click=${this.close}>${t('composer.preview.back')}</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }
}
