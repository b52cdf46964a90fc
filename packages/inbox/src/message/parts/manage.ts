// The sender's management (R4): edit subject/body, recall, delete — each destructive one behind its cancelable
// request event (HeraldMessageRecallRequestEvent, HeraldMessageDeleteRequestEvent) and a confirm dialog — and the
// revisions viewer. One modal <dialog> in the shadow root.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { HeraldProblem } from '@herald/client';
import { problemMessage } from '@herald/core';
import type { Revision, ViewedMessage } from '../../api/message-types.js';
import { HeraldMessageDeleteRequestEvent } from '../../events/message-delete-request.js';
import { HeraldMessageRecallRequestEvent } from '../../events/message-recall-request.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import { renderBody } from './body.js';

type Mode = 'edit' | 'recall' | 'delete' | 'revisions';

export class ManageController implements ReactiveController {
  private mode: Mode | null = null;
  private busy = false;
  private error = '';
  private subject = '';
  private editBody: unknown = null;
  private revisions: Revision[] | null = null;
  /** Where focus goes back to when the dialog closes without a change. */
  private opener: string | null = null;
  /** Issue 20 #9: the edited text's images, fetched with the reader's credentials. */
  private readonly loadImage = (id: string, signal: AbortSignal) =>
    this.ctx.api()?.inlineImage(id, signal) ?? Promise.reject(new Error('not connected'));

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.mode = null;
    this.busy = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('#manage-dialog');
  }

  private open(mode: Mode, opener: string): void {
    this.mode = mode;
    this.opener = opener;
    this.error = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
      this.host.renderRoot.querySelector<HTMLElement>(mode === 'edit' ? '#edit-subject' : '#dialog-cancel')?.focus();
    });
  }

  /** Closes the dialog; focus goes back to its opener unless `focus` says where. */
  private close(focus: string | null = this.opener): void {
    this.dialog?.close();
    this.mode = null;
    this.busy = false;
    this.host.requestUpdate();
    if (focus) this.ctx.focusAfterRender(focus);
  }

  private startEdit(m: ViewedMessage): void {
    this.subject = m.subject;
    this.editBody = structuredClone(m.body);
    this.open('edit', '#edit');
  }

  private async showRevisions(m: ViewedMessage): Promise<void> {
    this.revisions = null;
    this.open('revisions', '#revisions');
    try {
      this.revisions = await this.ctx.api()!.revisions(m.id);
    } catch (error) {
      this.error = problemMessage(error, this.ctx.i18n);
    }
    this.host.requestUpdate();
  }

  /** Recall or delete: the host may cancel (and take over) through the request event, else the confirm dialog. */
  private request(m: ViewedMessage, mode: 'recall' | 'delete'): void {
    const detail = { messageId: m.id };
    const allowed = this.host.dispatchEvent(
      mode === 'recall' ? new HeraldMessageRecallRequestEvent(detail) : new HeraldMessageDeleteRequestEvent(detail),
    );
    if (allowed) this.open(mode, `#${mode}`);
  }

  private async submit(e: Event, m: ViewedMessage): Promise<void> {
    e.preventDefault();
    const api = this.ctx.api();
    if (!api || this.busy || !this.mode) return;
    const { t } = this.ctx;
    const mode = this.mode;
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      if (mode === 'edit') {
        const subject = this.subject.trim();
        if (!subject) {
          this.busy = false;
          this.error = `${t('messageView.edit.subject')}: ${t('field.required')}`;
          this.host.requestUpdate();
          this.ctx.focusAfterRender('#edit-subject');
          return;
        }
        const patch: { subject?: string; body?: unknown } = {};
        if (subject !== m.subject) patch.subject = subject;
        const input = this.host.renderRoot.querySelector<HeraldRichTextEditor>('#edit-body');
        if (input?.dirty) patch.body = input.value;
        if (Object.keys(patch).length) {
          await api.edit(m.id, patch as never);
          this.ctx.managed('edit');
          this.ctx.announce(t('messageView.edit.saved'));
        }
        this.close(null);
        await this.ctx.reload();
        this.ctx.focusAfterRender('#subject');
      } else if (mode === 'recall') {
        await api.recall(m.id);
        this.ctx.managed('recall');
        this.ctx.announce(t('messageView.recall.done'));
        this.close(null);
        await this.ctx.reload();
        this.ctx.focusAfterRender('#subject');
      } else if (mode === 'delete') {
        await api.remove(m.id);
        this.ctx.managed('delete');
        this.close(null);
        this.ctx.patch({
          deletedAt: Date.now(),
          can: { ...m.can, edit: false, recall: false, delete: false, reply: false },
        });
        this.ctx.announce(t('messageView.delete.done'));
        this.ctx.focusAfterRender('#subject');
      }
    } catch (error) {
      this.busy = false;
      this.error =
        error instanceof HeraldProblem && error.code === 'recall-window-passed'
          ? t('messageView.recall.windowPassed')
          : problemMessage(error, this.ctx.i18n);
      this.host.requestUpdate();
    }
  }

  /** The toolbar of the sender's actions, per `can`. */
  renderActions(m: ViewedMessage): TemplateResult | typeof nothing {
    const { t } = this.ctx;
    const can = m.can;
    if (!can.edit && !can.recall && !can.delete && !(can.viewRevisions && m.editedAt !== null)) return nothing;
    return html`<div class="manage" role="group" aria-label=${t('messageView.actions')}>
      ${
        can.viewRevisions && m.editedAt !== null
          ? html`<button type="button" class="secondary" id="revisions"
        @click=${() => this.showRevisions(m)}>${t('messageView.revisions')}</button>`
          : nothing
      }
      ${
        can.edit
          ? html`<button type="button" class="secondary" id="edit" @click=${() => this.startEdit(m)}
        >${t('messageView.edit')}</button>`
          : nothing
      }
      ${
        can.recall
          ? html`<button type="button" class="secondary danger" id="recall"
        @click=${() => this.request(m, 'recall')}>${t('messageView.recall')}</button>`
          : nothing
      }
      ${
        can.delete
          ? html`<button type="button" class="secondary danger" id="delete"
        @click=${() => this.request(m, 'delete')}>${t('messageView.delete')}</button>`
          : nothing
      }
    </div>`;
  }

  renderDialog(m: ViewedMessage): TemplateResult {
    const { t } = this.ctx;
    const mode = this.mode;
    const title =
      mode === 'edit'
        ? t('messageView.edit.title')
        : mode === 'recall'
          ? t('messageView.recall.title')
          : mode === 'delete'
            ? t('messageView.delete.title')
            : t('messageView.revisions.title');
    const busy = this.busy ? 'true' : 'false';
    const cancel = html`<button type="button" class="secondary" id="dialog-cancel" @click=${() => this.close()}
      >${mode === 'revisions' ? t('messageView.close') : t('messageView.cancel')}</button>`;
    let content: TemplateResult | typeof nothing = nothing;
    if (mode === 'edit') {
      content = html`<div class="field"><label for="edit-subject">${t('messageView.edit.subject')}</label>
          <input id="edit-subject" maxlength="200" .value=${this.subject}
            @input=${(e: Event) => (this.subject = (e.target as HTMLInputElement).value)} /></div>
        <herald-rich-text-editor id="edit-body" .searchMentions=${this.ctx.api()?.searchMentions}
          .value=${this.editBody as never} .loadImage=${this.loadImage}
          label=${t('messageView.edit.body')}></herald-rich-text-editor>`;
    } else if (mode === 'recall' || mode === 'delete') {
      content = html`<p id="dialog-text"
        >${t(mode === 'recall' ? 'messageView.recall.text' : 'messageView.delete.text')}</p>`;
    } else if (mode === 'revisions') {
      const items = this.revisions;
      content = items
        ? html`<ol class="revisions">${[...items].reverse().map(
            (r, i) => html`<li>
            <h3>${t('messageView.revisions.item', { revision: r.revision, time: this.ctx.time(r.createdAt) })}${
              i === 0 ? html` <span class="badge">${t('messageView.revisions.current')}</span>` : nothing
            }</h3>
            <p class="revision-subject"><strong>${r.subject}</strong></p>
            ${renderBody(
              this.ctx,
              r.body,
              'revision-body',
              t('messageView.revisions.item', { revision: r.revision, time: this.ctx.time(r.createdAt) }),
            )}
          </li>`,
          )}</ol>`
        : html`<p class="muted">${t('messageView.loading')}</p>`;
    }
    return html`<dialog id="manage-dialog" aria-labelledby="dialog-title"
      aria-describedby=${mode === 'recall' || mode === 'delete' ? 'dialog-text' : (nothing as never)}
      @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      ${
        mode
          ? html`<form method="dialog" @submit=${(e: Event) => this.submit(e, m)}>
            <h2 id="dialog-title">${title}</h2>
            ${content}
            <p class="field-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
            <div class="dialog-actions">
              ${cancel}
              ${
                mode === 'revisions'
                  ? nothing
                  : html`<button type="submit" id="dialog-ok" class=${mode === 'edit' ? '' : 'danger'}
                    aria-disabled=${busy}
                    >${
                      mode === 'edit'
                        ? t('messageView.edit.save')
                        : mode === 'recall'
                          ? t('messageView.recall')
                          : t('messageView.delete')
                    }</button>`
              }
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}
