// "Edit" in the detail of one of my rejected requests (R5: rejection returns it to the sender, who can edit and
// resubmit): a modal <dialog> with the subject and the rich-text body in <herald-rich-text-editor>. Saving sends
// PATCH /messages/{id} with what changed; the element then reloads the detail. Focus starts on the subject and
// returns to "Edit" when it closes.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { memberMentionSearch, type HeraldClient } from '@herald/client';
import { once, problemMessage, renderField, type LocalizeController } from '@herald/core';
import type { HeraldRichTextEditor } from '@herald/rich-text-editor';
import type { MessageEdit } from '../api/approvals-api.js';
import type { Approval } from '../api/types.js';

// The editor element is a lazy chunk (and its Tiptap another): it loads when the dialog first opens (issue 16).
const loadEditor = once(() => import('@herald/rich-text-editor/define'));

export interface EditHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface EditDeps {
  i18n: LocalizeController;
  client: () => HeraldClient | undefined;
  /** Saves the change (PATCH) and reloads the detail. */
  save: (messageId: string, patch: MessageEdit) => Promise<void>;
  /** Issue 20 #9: the bytes of an image in the text, with the caller's credentials. */
  loadImage: (attachmentId: string, signal: AbortSignal) => Promise<Blob>;
}

/** Whether the sender may edit the message of this request now: it is rejected and waits to be resubmitted. */
export const editable = (a: Approval): boolean => a.can.resubmit && a.message.can.edit;

export class EditDialogController implements ReactiveController {
  private openFor: Approval | null = null;
  private subject = '';
  private body: unknown = null;
  private busy = false;
  private error = '';

  constructor(
    private readonly host: EditHost,
    private readonly deps: EditDeps,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.openFor = null;
    this.busy = false;
  }

  get isOpen(): boolean {
    return this.openFor !== null;
  }

  private mentionSearch?: { client: HeraldClient; search: ReturnType<typeof memberMentionSearch> };
  /** Members for @mentions, one search per client (a new function each render would set the property again). */
  private mentions() {
    const client = this.deps.client();
    if (!client) return undefined;
    if (this.mentionSearch?.client !== client) this.mentionSearch = { client, search: memberMentionSearch(client) };
    return this.mentionSearch.search;
  }

  private find<T extends Element>(selector: string): T | null {
    return this.host.renderRoot.querySelector<T>(selector);
  }

  open(a: Approval): void {
    void loadEditor();
    this.openFor = a;
    this.subject = a.message.subject;
    this.body = structuredClone(a.message.body);
    this.error = '';
    this.busy = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.find<HTMLDialogElement>('#edit-dialog');
      if (dialog && !dialog.open) dialog.showModal();
      this.find<HTMLInputElement>('#edit-subject')?.focus();
    });
  }

  /** Closes the dialog; focus goes back to "Edit" (or, if the request moved on, to the detail's subject). */
  close(): void {
    this.find<HTMLDialogElement>('#edit-dialog')?.close();
    this.openFor = null;
    this.busy = false;
    this.error = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      (this.find<HTMLElement>('#edit') ?? this.find<HTMLElement>('#detail-subject'))?.focus(),
    );
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const a = this.openFor;
    if (!a || this.busy) return;
    const { i18n } = this.deps;
    const subject = this.subject.trim();
    if (!subject) {
      this.error = i18n.t('approvals.edit.subjectRequired');
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.find<HTMLInputElement>('#edit-subject')?.focus());
      return;
    }
    const patch: MessageEdit = {};
    if (subject !== a.message.subject) patch.subject = subject;
    const input = this.find<HeraldRichTextEditor>('#edit-body');
    if (input?.dirty) patch.body = input.value;
    if (!Object.keys(patch).length) return this.close();
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await this.deps.save(a.message.id, patch);
      this.close();
    } catch (error) {
      this.busy = false;
      this.error = problemMessage(error, i18n);
      this.host.requestUpdate();
    }
  }

  /** The "Edit" button, for the detail's action row. */
  renderButton(a: Approval): TemplateResult | typeof nothing {
    return editable(a)
      ? html`<button id="edit" class="secondary" aria-haspopup="dialog" @click=${() => this.open(a)}
        >${this.deps.i18n.t('approvals.edit')}</button>`
      : nothing;
  }

  renderDialog(): TemplateResult {
    const { i18n } = this.deps;
    const a = this.openFor;
    return html`<dialog id="edit-dialog" part="edit-dialog" aria-labelledby="edit-title"
      @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      ${
        a
          ? html`<form method="dialog" @submit=${(e: Event) => this.submit(e)}>
            <h2 id="edit-title">${i18n.t('approvals.edit.title')}</h2>
            ${renderField(
              { id: 'edit-subject', label: i18n.t('approvals.edit.subject') },
              () => html`<input id="edit-subject" maxlength="200" aria-required="true" .value=${this.subject}
                aria-invalid=${this.error && !this.subject.trim() ? 'true' : 'false'}
                @input=${(e: Event) => (this.subject = (e.target as HTMLInputElement).value)} />`,
            )}
            <herald-rich-text-editor id="edit-body" .searchMentions=${this.mentions()} .value=${this.body as never}
              .loadImage=${this.deps.loadImage} label=${i18n.t('approvals.edit.body')}></herald-rich-text-editor>
            <p class="error" id="edit-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
            <div class="buttons">
              <button type="button" class="secondary" id="edit-cancel" @click=${() => this.close()}
                >${i18n.t('approvals.edit.cancel')}</button>
              <button type="submit" id="edit-save" aria-disabled=${this.busy ? 'true' : 'false'}
                >${i18n.t('approvals.edit.save')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}
