// The recipient's own copy: mark unread, confirm a receipt (R9, S2), report progress on a task-like message (S3).
// Each change the user makes fires HeraldMailboxChangeEvent through the view.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { problemMessage } from '@herald/core';
import { PROGRESS_VALUES, type Progress, type ViewedMessage } from '../../api/message-types.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';

const NOTE_MAX = 500;

export class MailboxActionsController implements ReactiveController {
  private busy = false;
  private progress: Progress | null = null;
  private note: string | null = null;
  private noteError = '';

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {}

  /** Forget the unsaved progress form when another message is shown. */
  reset(): void {
    this.progress = null;
    this.note = null;
    this.noteError = '';
  }

  private async run(
    action: string,
    call: () => Promise<Parameters<MessageViewContext['mailboxChanged']>[1]>,
    done?: () => void,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const state = await call();
      this.ctx.mailboxChanged(action, state);
      done?.();
    } catch (error) {
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private confirm = (m: ViewedMessage) =>
    this.run(
      'confirm',
      () => this.ctx.api()!.confirm(m.id),
      () => this.ctx.focusAfterRender('#confirmed'),
    );

  private unread = (m: ViewedMessage) =>
    this.run(
      'unread',
      () => this.ctx.api()!.markUnread(m.id),
      () => this.ctx.announce(this.ctx.t('messageView.markedUnread')),
    );

  private read = (m: ViewedMessage) => this.run('read', () => this.ctx.api()!.markRead(m.id));

  private saveProgress = (e: Event, m: ViewedMessage) => {
    e.preventDefault();
    const progress = this.progress ?? ((m.mine?.progress as Progress | null) || 'not-started');
    const note = (this.note ?? m.mine?.progressNote ?? '').trim();
    if (note.length > NOTE_MAX) {
      this.noteError = this.ctx.t('messageView.progress.tooLong');
      this.host.requestUpdate();
      this.ctx.focusAfterRender('#progress-note');
      return;
    }
    this.noteError = '';
    void this.run(
      'progress',
      () => this.ctx.api()!.progress(m.id, { progress, note: note || null }),
      () => {
        this.reset();
        this.ctx.announce(this.ctx.t('messageView.progress.saved'));
      },
    );
  };

  /** Only for a recipient (`mine`) of a message whose content is still there. */
  render(m: ViewedMessage, closed: boolean): TemplateResult | typeof nothing {
    const mine = m.mine;
    if (!mine) return nothing;
    const { t } = this.ctx;
    const busy = this.busy ? 'true' : 'false';
    const receipt =
      m.receiptRequired && !closed
        ? mine.confirmedAt !== null
          ? html`<p id="confirmed" class="confirmed" tabindex="-1"
            >✓ ${t('messageView.confirmedAt', { time: this.ctx.time(mine.confirmedAt) })}</p>`
          : html`<div class="confirm-box"><p id="confirm-hint">${t('messageView.confirmHint')}</p>
            <button type="button" id="confirm" class="prominent" aria-describedby="confirm-hint" aria-disabled=${busy}
              @click=${() => this.confirm(m)}>${t('messageView.confirm')}</button></div>`
        : mine.confirmedAt !== null
          ? html`<p class="confirmed">✓ ${t('messageView.confirmedAt', { time: this.ctx.time(mine.confirmedAt) })}</p>`
          : nothing;
    const progress = (this.progress ?? mine.progress ?? 'not-started') as Progress;
    const note = this.note ?? mine.progressNote ?? '';
    const task =
      m.dueAt !== null && !closed
        ? html`<form class="progress" @submit=${(e: Event) => this.saveProgress(e, m)}>
          <div class="field"><label for="progress">${t('messageView.progress')}</label>
            <select id="progress" .value=${progress}
              @change=${(e: Event) => (
                (this.progress = (e.target as HTMLSelectElement).value as Progress),
                this.host.requestUpdate()
              )}>
              ${PROGRESS_VALUES.map(
                (p) => html`<option value=${p} ?selected=${p === progress}
                >${t(`messageView.progress.${p}`)}</option>`,
              )}
            </select></div>
          <div class="field grow"><label for="progress-note">${t('messageView.progress.note')}</label>
            <input id="progress-note" maxlength=${NOTE_MAX + 100} .value=${note}
              aria-invalid=${this.noteError ? 'true' : 'false'} aria-describedby="progress-note-error"
              @input=${(e: Event) => ((this.note = (e.target as HTMLInputElement).value), this.host.requestUpdate())} />
            <p class="field-error" id="progress-note-error" ?hidden=${!this.noteError}>${this.noteError}</p></div>
          <button type="submit" id="save-progress" aria-disabled=${busy}>${t('messageView.progress.save')}</button>
        </form>`
        : nothing;
    return html`<div class="mine">${receipt}${task}
      <div class="mine-actions">
        ${
          mine.readAt !== null
            ? html`<button type="button" id="mark-unread" class="secondary" aria-disabled=${busy}
              @click=${() => this.unread(m)}>${t('messageView.markUnread')}</button>`
            : html`<button type="button" id="mark-read" class="secondary" aria-disabled=${busy}
              @click=${() => this.read(m)}>${t('messageView.markRead')}</button>`
        }
      </div></div>`;
  }
}
