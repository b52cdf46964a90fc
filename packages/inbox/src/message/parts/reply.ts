// The inline reply (R8): a plain textarea whose lines become paragraphs of the rich-text document, files uploaded
// with progress through `client.upload`, and one Idempotency-Key per reply (kept until the reply is delivered).
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { FileUpload, isProblem } from '@herald/client';
import { plainTextOf, problemMessage } from '@herald/core';
import { emptyDoc } from '@herald/rich-text/empty';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import type { UploadedAttachment, ViewedMessage } from '../../api/message-types.js';
import { newKey, type MessageViewContext, type MessageViewHost } from '../context.js';

type ReplyFile = FileUpload<UploadedAttachment>;

export class ReplyController implements ReactiveController {
  private files: ReplyFile[] = [];
  private sending = false;
  private error = '';
  private key = newKey();
  /** The files of the reply under way: they cannot be taken off until it is answered. */
  private inFlight: ReplyFile[] = [];

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const f of this.files) f.interrupt(this.ctx.t('common.uploadInterrupted'));
  }

  /** The Idempotency-Key the next send uses (tests). */
  get idempotencyKey(): string {
    return this.key;
  }

  private addFiles(list: FileList | null): void {
    const api = this.ctx.api();
    if (!api || !list) return;
    for (const file of [...list]) {
      const entry = new FileUpload(
        file,
        (f, options) => api.upload(f, options),
        () => this.host.requestUpdate(),
        (error) => problemMessage(error, this.ctx.i18n),
      );
      this.files = [...this.files, entry];
    }
    this.host.requestUpdate();
  }

  private remove(entry: ReplyFile): void {
    entry.cancel();
    if (entry.result)
      void this.ctx
        .api()
        ?.deleteAttachment(entry.result.id)
        .catch(() => undefined);
    this.files = this.files.filter((f) => f !== entry);
    this.host.requestUpdate();
    this.ctx.focusAfterRender('#reply-text');
  }

  private send = async (e: Event, m: ViewedMessage) => {
    e.preventDefault();
    const api = this.ctx.api();
    if (!api || this.sending) return;
    const { t } = this.ctx;
    const input = this.host.renderRoot.querySelector<HeraldRichTextEditor>('#reply-text');
    const doc = input?.value;
    if (!input || !doc || !plainTextOf(doc).trim()) return this.fail(t('messageView.reply.empty'));
    const blocking = FileUpload.blocking(this.files);
    if (blocking)
      return this.fail(t(blocking === 'pending' ? 'messageView.reply.uploadsPending' : 'common.uploadsFailed'));
    // The files this reply carries: one attached while it is under way stays listed for the next reply.
    const sent = (this.inFlight = this.files);
    this.sending = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const attachmentIds = sent.flatMap((f) => (f.result ? [f.result.id] : []));
      await api.reply(m.id, { body: doc as never, ...(attachmentIds.length ? { attachmentIds } : {}) }, this.key);
      input.value = emptyDoc();
      this.files = this.files.filter((f) => !sent.includes(f));
      this.key = newKey();
      this.ctx.announce(t('messageView.reply.sent'));
      await this.ctx.reload();
      this.ctx.focusAfterRender('#reply-text');
    } catch (error) {
      // The key stays after a network error, also when the text or files change before the retry: the first attempt
      // may have arrived, and the server then refuses the key with another body rather than store a second reply.
      if (isProblem(error, 'idempotency-key-reused')) {
        // That attempt was delivered: show it, and let what the user changed since go out as a new reply.
        this.key = newKey();
        this.fail(t('messageView.reply.alreadySent'));
        await this.ctx.reload();
      } else this.fail(problemMessage(error, this.ctx.i18n));
    } finally {
      this.sending = false;
      this.inFlight = [];
      this.host.requestUpdate();
    }
  };

  private fail(text: string): void {
    this.error = text;
    this.host.requestUpdate();
    this.ctx.focusAfterRender('#reply-text');
  }

  render(m: ViewedMessage): TemplateResult | typeof nothing {
    if (!m.can.reply) return nothing;
    const { t } = this.ctx;
    return html`<form part="reply" class="reply" aria-labelledby="reply-title" @submit=${(e: Event) => this.send(e, m)}>
      <h3 id="reply-title">${t('messageView.reply')}</h3>
      <herald-rich-text-editor id="reply-text" .searchMentions=${this.ctx.api()?.searchMentions}
        label=${t('messageView.reply.label')}
        placeholder=${t('messageView.reply.placeholder')} error=${this.error}
        @herald-rich-text-change=${() => this.error && ((this.error = ''), this.host.requestUpdate())}
          ></herald-rich-text-editor>
      <p class="visually-hidden" role="alert">${this.error}</p>
      ${
        this.files.length
          ? html`<ul class="reply-files">${this.files.map((f) => {
              const { percent } = f;
              return html`<li>
              <span class="file-name">${f.file.name}</span>
              ${
                f.error
                  ? html`<span class="field-error">${f.error}</span>`
                  : f.result
                    ? html`<span class="muted">✓</span>`
                    : html`<progress max="100" value=${percent}
                      aria-label=${t('messageView.reply.uploading', { name: f.file.name, percent })}></progress>`
              }
              <button type="button" class="secondary small" ?disabled=${this.inFlight.includes(f)}
                aria-label=${t('messageView.reply.remove', { name: f.file.name })} @click=${() => this.remove(f)}
                >✕</button>
            </li>`;
            })}</ul>`
          : nothing
      }
      <div class="reply-actions">
        <label class="file-button secondary"><input type="file" id="reply-files" multiple class="visually-hidden"
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.addFiles(input.files);
            input.value = '';
          }} />${t('messageView.reply.attach')}</label>
        <button type="submit" id="reply-send" aria-disabled=${this.sending ? 'true' : 'false'}
          >${this.sending ? t('messageView.reply.sending') : t('messageView.reply.send')}</button>
      </div>
    </form>`;
  }
}
