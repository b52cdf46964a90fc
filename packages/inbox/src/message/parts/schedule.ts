// Issue 20 #1: a scheduled message in its sender's reading pane — "Send now", "Change time" (a date and time in the
// viewer's time zone) and "Cancel scheduled send" (confirmed first), until the worker delivers it. One modal <dialog>
// of its own.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { problemMessage } from '@herald/core';
import type { ViewedMessage } from '../../api/message-types.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';

/** Epoch ms → a `datetime-local` value in the viewer's time zone. */
const localInput = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export class ScheduleController implements ReactiveController {
  private mode: 'move' | 'cancel' | null = null;
  private value = '';
  private error = '';
  private busy = false;

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.mode = null;
  }

  private get dialog() {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('#schedule-dialog');
  }

  private open(mode: 'move' | 'cancel', m: ViewedMessage): void {
    this.mode = mode;
    this.value = localInput(m.scheduledAt ?? Date.now());
    this.error = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      if (!this.dialog?.open) this.dialog?.showModal();
      this.host.renderRoot.querySelector<HTMLElement>(mode === 'move' ? '#schedule-at' : '#schedule-keep')?.focus();
    });
  }

  private close(focus = true): void {
    const mode = this.mode;
    this.dialog?.close();
    this.mode = null;
    this.busy = false;
    this.host.requestUpdate();
    if (focus && mode) this.ctx.focusAfterRender(mode === 'move' ? '#schedule-move' : '#schedule-cancel');
  }

  private async submit(e: Event, m: ViewedMessage): Promise<void> {
    e.preventDefault();
    const api = this.ctx.api();
    if (!api || this.busy) return;
    const { t } = this.ctx;
    const at = new Date(this.value).getTime();
    if (this.mode === 'move' && !(at > Date.now())) {
      this.error = t('messageView.schedule.past');
      this.host.requestUpdate();
      return;
    }
    this.busy = true;
    try {
      if (this.mode === 'move') {
        await api.reschedule(m.id, at);
        this.ctx.announce(t('messageView.scheduled', { time: this.ctx.time(at) }));
      } else {
        await api.cancelSchedule(m.id);
        this.ctx.announce(t('messageView.schedule.cancelled'));
      }
      this.ctx.managed('edit');
      this.close(false);
      await this.ctx.reload();
      this.ctx.focusAfterRender('#subject');
    } catch (error) {
      this.busy = false;
      this.error = problemMessage(error, this.ctx.i18n);
      this.host.requestUpdate();
    }
  }

  /** "Send now": no confirmation (nothing is lost; the message goes out as written), as mail clients do. */
  private async sendNow(m: ViewedMessage): Promise<void> {
    const api = this.ctx.api();
    if (!api || this.busy) return;
    this.busy = true;
    try {
      await api.sendScheduledNow(m.id);
      this.ctx.announce(this.ctx.t('messageView.schedule.sentNow'));
      this.ctx.managed('edit');
      await this.ctx.reload();
      this.ctx.focusAfterRender('#subject');
    } catch (error) {
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    } finally {
      this.busy = false;
    }
  }

  /** The sender's buttons while the message waits for its time. */
  renderActions(m: ViewedMessage): TemplateResult | typeof nothing {
    if (m.status !== 'scheduled' || !m.can.edit) return nothing;
    const { t } = this.ctx;
    return html`<div class="manage" role="group" aria-label=${t('messageView.schedule.group')}>
      <button type="button" id="schedule-now" @click=${() => this.sendNow(m)}
        >${t('messageView.schedule.sendNow')}</button>
      <button type="button" class="secondary" id="schedule-move" @click=${() => this.open('move', m)}
        >${t('messageView.schedule.change')}</button>
      <button type="button" class="secondary danger" id="schedule-cancel" @click=${() => this.open('cancel', m)}
        >${t('messageView.schedule.cancel')}</button>
    </div>`;
  }

  renderDialog(m: ViewedMessage): TemplateResult {
    const { t } = this.ctx;
    const move = this.mode === 'move';
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<dialog id="schedule-dialog" aria-labelledby="schedule-title"
      @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      ${
        this.mode
          ? html`<form method="dialog" @submit=${(e: Event) => this.submit(e, m)}>
            <h2 id="schedule-title">${t(move ? 'messageView.schedule.change' : 'messageView.schedule.cancelTitle')}</h2>
            ${
              move
                ? html`<div class="field"><label for="schedule-at">${t('messageView.schedule.when', { zone })}</label>
                  <input id="schedule-at" type="datetime-local" required .value=${this.value}
                    aria-invalid=${this.error ? 'true' : 'false'} aria-describedby="schedule-error"
                    @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)} /></div>`
                : html`<p>${t('messageView.schedule.cancelText')}</p>`
            }
            <p class="field-error" id="schedule-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
            <div class="dialog-actions">
              <button type="button" class="secondary" id="schedule-keep" @click=${() => this.close()}
                >${t(move ? 'messageView.cancel' : 'messageView.schedule.keep')}</button>
              <button type="submit" id="schedule-ok" class=${move ? '' : 'danger'} aria-disabled=${this.busy}
                >${t(move ? 'messageView.schedule.save' : 'messageView.schedule.cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}
