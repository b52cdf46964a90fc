import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { FileUpload, HeraldContextController, isProblem, type HeraldClient } from '@herald/client';
import { HeraldElement, LocalizeController, plainTextOf, problemMessage } from '@herald/core';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { emptyDoc } from '@herald/rich-text/empty';
import { HeraldConversationCancelEvent } from '../events/conversation-cancel.js';
import { HeraldConversationOpenEvent } from '../events/conversation-open.js';
import { newKey } from '../message/context.js';
import { ConversationsApi, type ConversationTargets } from './api.js';
import { conversationStrings } from './i18n/index.js';
import { styles } from './conversations.styles.js';

/**
 * A customer opens a conversation (issue 19 item 5, S7): to their contact person or to one of the service groups the
 * admin chose, with a subject, a formatted message and files. For an embed token naming a contact with portal access;
 * `<herald-inbox>` shows it for "New conversation". Errors are shown in words beside the form (problem+json codes).
 *
 * @tag herald-conversation-form
 * @fires {HeraldConversationOpenEvent} herald-conversation-open - Sent and delivered (`detail.conversationId`).
 * @fires {HeraldConversationCancelEvent} herald-conversation-cancel - The user pressed Cancel (the host closes it).
 * @csspart form - The form. @csspart error - Why it was not sent.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldConversationForm extends HeraldElement {
  static override catalogues = [conversationStrings];
  static override styles = styles;

  /** This form's Idempotency-Key (issue 19 #5 review): one per conversation written, kept across a network error. */
  private idempotencyKey = newKey();
  @state() protected targets: ConversationTargets | null = null;
  @state() protected error = '';
  @state() protected sending = false;
  @state() protected files: Array<FileUpload<{ id: string }>> = [];

  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);
  private api?: ConversationsApi;
  private client?: HeraldClient;

  override willUpdate(): void {
    const { client } = this.herald;
    if (client && this.herald.session.status === 'signed-in' && client !== this.client) {
      this.client = client;
      this.api = new ConversationsApi(client);
      this.api.targets().then(
        (t) => (this.targets = t),
        (e) => (this.error = problemMessage(e, this.i18n)),
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const f of this.files) f.interrupt(this.i18n.t('common.uploadInterrupted'));
  }

  private addFiles(list: FileList | null): void {
    const api = this.api;
    if (!api || !list) return;
    for (const file of [...list]) {
      const entry = new FileUpload(
        file,
        (f, options) => api.upload(f, options),
        () => this.requestUpdate(),
        (error) => problemMessage(error, this.i18n),
      );
      this.files = [...this.files, entry];
    }
  }

  private removeFile(entry: FileUpload<{ id: string }>): void {
    entry.cancel();
    // An upload that finished is deleted on the server too, as the reply does: nothing of it is kept unsent.
    if (entry.result) void this.api?.deleteAttachment(entry.result.id).catch(() => undefined);
    this.files = this.files.filter((f) => f !== entry);
  }

  /** Cancel: finished uploads are deleted on the server (nothing unsent is kept), then the host is told. */
  private cancel(): void {
    for (const f of this.files) this.removeFile(f);
    this.emit(new HeraldConversationCancelEvent());
  }

  private fail(text: string, focus: string): void {
    this.error = text;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.api || this.sending) return;
    const t = this.i18n.t.bind(this.i18n);
    const root = this.renderRoot;
    const to = root.querySelector<HTMLSelectElement>('#to')!.value;
    if (!to) return; // nobody to write to (the form says so)
    const subject = root.querySelector<HTMLInputElement>('#subject')!.value.trim();
    const editor = root.querySelector<HeraldRichTextEditor>('#body');
    const body = editor?.value;
    if (!subject) return this.fail(t('conversations.form.needSubject'), '#subject');
    if (!body || !plainTextOf(body).trim()) return this.fail(t('conversations.form.needBody'), '#body');
    const blocking = FileUpload.blocking(this.files);
    if (blocking)
      return this.fail(
        t(blocking === 'pending' ? 'conversations.form.uploadsPending' : 'common.uploadsFailed'),
        '#send',
      );
    const attachmentIds = this.files.flatMap((f) => (f.result ? [f.result.id] : []));
    const request = {
      ...(to === 'owner' ? { to: 'owner' as const } : { to: 'group' as const, groupId: to }),
      subject,
      body: body as never,
      ...(attachmentIds.length ? { attachmentIds } : {}),
    };
    // Files cannot be attached or taken off, nor the form cancelled, while it is under way (it closes once open).
    this.sending = true;
    this.error = '';
    try {
      const opened = await this.api.open(request, this.idempotencyKey);
      this.idempotencyKey = newKey();
      this.files = [];
      // A form the host keeps open starts empty: Send again must not open the same conversation twice.
      root.querySelector<HTMLInputElement>('#subject')!.value = '';
      if (editor) editor.value = emptyDoc();
      this.emit(new HeraldConversationOpenEvent({ conversationId: opened.id }));
    } catch (error) {
      // Kept on a network error, also when the text changes before the retry (the retry must not open it twice: the
      // server refuses the key with another body); any answer of the server ends it.
      if (!isProblem(error, 'network')) this.idempotencyKey = newKey();
      this.fail(problemMessage(error, this.i18n), '#subject');
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const { i18n } = this;
    const targets = this.targets;
    const none = targets && !targets.owner && !targets.groups.length;
    const owner = targets?.owner;
    return html`<form part="form" class="form" aria-labelledby="form-title"
      @submit=${(e: Event) => void this.submit(e)}>
      <h3 id="form-title">${i18n.t('conversations.form.title')}</h3>
      ${none ? html`<p class="muted" role="status">${i18n.t('conversations.form.noTargets')}</p>` : nothing}
      <label>${i18n.t('conversations.form.to')}
        <select id="to" ?disabled=${!targets || none}>
          ${
            owner
              ? html`<option value="owner">${i18n.t('conversations.form.owner', { name: owner.name })}</option>`
              : nothing
          }
          ${targets?.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
        </select></label>
      <label>${i18n.t('conversations.form.subject')}
        <input id="subject" maxlength="200" autocomplete="off" aria-required="true" /></label>
      <herald-rich-text-editor id="body" label=${i18n.t('conversations.form.body')}
        placeholder=${i18n.t('conversations.form.placeholder')}></herald-rich-text-editor>
      ${
        this.files.length
          ? html`<ul class="files">${this.files.map((f) => {
              const { percent } = f;
              return html`<li><span>${f.file.name}</span>
                ${
                  f.error
                    ? html`<span class="error">${f.error}</span>`
                    : f.result
                      ? html`<span class="muted">✓</span>`
                      : html`<progress max="100" value=${percent}
                      aria-label=${i18n.t('conversations.form.uploading', { name: f.file.name, percent })}></progress>`
                }
                <button type="button" class="secondary small" ?disabled=${this.sending}
                  aria-label=${i18n.t('conversations.form.remove', { name: f.file.name })}
                  @click=${() => this.removeFile(f)}>✕</button></li>`;
            })}</ul>`
          : nothing
      }
      <p part="error" class="error" role="alert">${this.error}</p>
      <div class="buttons">
        <label class="file-button secondary"><input type="file" id="files" multiple class="visually-hidden"
          ?disabled=${this.sending}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.addFiles(input.files);
            input.value = '';
          }} />${i18n.t('conversations.form.attach')}</label>
        <button type="button" class="secondary" ?disabled=${this.sending} @click=${() => this.cancel()}
          >${i18n.t('conversations.form.cancel')}</button>
        <button type="submit" id="send" aria-disabled=${this.sending || none ? 'true' : 'false'}
          >${i18n.t(this.sending ? 'conversations.form.sending' : 'conversations.form.send')}</button>
      </div>
    </form>`;
  }
}
