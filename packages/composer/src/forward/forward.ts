// Issue 20 #4: forwarding in the composer. A lazy chunk of its own, loaded when a host calls `composer.forward(id)`
// (the inbox's Forward action). It shows the message as it will be quoted — "Forwarded from <sender>, <date>", the
// subject, the text, its files — while the member writes their own text above it in the usual editor, and sends
// through `POST /messages/{id}/forward`, where the server writes the quote itself from what the member can read.
// Like the template dialogs it imports nothing of lit's (the composer hands over `html` and `nothing`): a chunk that
// imported lit would move lit out of the composer's first-load file.
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { ForwardOriginal, Message, RichNode, SendInput } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';

export { forwardStyles } from './forward.styles.js';

/** The block's strings per locale; the composer makes them a catalogue when this chunk has loaded. */
export const forwardStrings = {
  en: () => import('./i18n/en.js').then((m) => m.en),
  'zh-CN': () => import('./i18n/zh-CN.js').then((m) => m.zhCN),
};

export interface ForwardOptions {
  /** lit's own, from the composer. */
  lit: { html: typeof litHtml; nothing: typeof litNothing };
  /** The member removed the forwarded message (their text stays). */
  dropped(): void;
  /** A failed load in words. */
  problemText(error: unknown): string;
}

/** The text of a rich-text document, a line per paragraph (the server quotes the document itself). */
export function plainText(node: RichNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'mention') return `@${(node.attrs as { label?: string } | undefined)?.label ?? ''}`;
  const inner = (node.content ?? []).map(plainText).join(node.type === 'doc' || node.type.endsWith('List') ? '\n' : '');
  return node.type === 'listItem' ? `• ${inner}` : inner;
}

export class ForwardController {
  /** The message being forwarded, as the member reads it (null while loading or after a failed load). */
  original: ForwardOriginal | null = null;
  private loading = false;
  private error = '';

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
    private readonly options: ForwardOptions,
  ) {}

  /** Loads the message; the subject becomes "Fwd: <subject>" (translated). */
  async open(messageId: string): Promise<void> {
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const original = await this.ctx.api()!.message(messageId);
      this.original = original;
      this.ctx.update({ subject: `${this.ctx.t('composer.forward.subjectPrefix')}${original.subject}`.slice(0, 200) });
    } catch (error) {
      this.error = this.options.problemText(error);
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** Sends the composer's message as the forward: its body is the member's note above the quote. */
  send(input: SendInput, idempotencyKey: string): Promise<Message> {
    const { body, subject, ...rest } = input;
    const locale = this.ctx.i18n.locale === 'zh-CN' ? 'zh-CN' : 'en';
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return this.ctx
      .api()!
      .forward(this.original!.id, { ...rest, subject, note: body, locale, timeZone }, idempotencyKey);
  }

  /** Whether the forward can be sent (loaded, not failed). */
  get ready(): boolean {
    return !!this.original;
  }

  private drop = (): void => {
    this.original = null;
    this.options.dropped();
  };

  render(): TemplateResult {
    const { html, nothing } = this.options.lit;
    const { t } = this.ctx;
    const m = this.original;
    if (!m)
      return this.loading
        ? html`<p part="forward" role="status">${t('composer.forward.loading')}</p>`
        : html`<div part="forward" role="alert">
            <p>${t('composer.forward.failed', { reason: this.error })}</p>
            <button type="button" class="secondary" id="forward-drop" @click=${this.drop}
              >${t('composer.forward.drop')}</button>
          </div>`;
    const date = this.ctx.i18n.date(m.deliveredAt ?? m.createdAt, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<section part="forward" aria-labelledby="forward-title" aria-describedby="forward-hint">
      <h3 id="forward-title">${t('composer.forward.title')}</h3>
      <p id="forward-hint" class="muted">${t('composer.forward.hint')}</p>
      <p><strong>${t('composer.forward.from', { sender: m.sender.name, date })}</strong><br />${t(
        'composer.forward.subject',
        { subject: m.subject },
      )}</p>
      <blockquote class="forward-quote">${plainText(m.body as unknown as RichNode)}</blockquote>
      ${
        m.attachments.length
          ? html`<p id="forward-files-label">${t('composer.forward.files')}</p>
              <ul class="forward-files" aria-labelledby="forward-files-label">
                ${m.attachments.map((a) => html`<li>${a.name}</li>`)}
              </ul>`
          : nothing
      }
      <button type="button" class="secondary" id="forward-drop" @click=${this.drop}
        >${t('composer.forward.drop')}</button>
    </section>`;
  }
}
