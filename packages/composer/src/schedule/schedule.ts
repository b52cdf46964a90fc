// Issue 20 #1: the composer's "Schedule send" dialog — three suggestions and a date-and-time field, in the viewer's
// time zone (said in the dialog). A lazy chunk of its own, loaded the first time it is opened; like the template
// dialogs it takes lit's `html` and `nothing` from the composer instead of importing them (docs/architecture.md
// "Composer templates: a lazy chunk that imports nothing of lit's"), so the composer's first load grows by the button
// only.
import type { html as litHtml, nothing as litNothing, ReactiveController, TemplateResult } from 'lit';
import type { ComposerContext, ComposerHost } from '../composer/context.js';
import { quickTimes, scheduleProblem, toLocalInput, viewerTimeZone, MAX_AHEAD_MS } from './times.js';

export { scheduleStyles } from './schedule.styles.js';

/** The dialog's strings per locale; the composer makes them a catalogue when this chunk has loaded. */
export const scheduleStrings = {
  en: () => import('./i18n/en.js').then((m) => m.en),
  'zh-CN': () => import('./i18n/zh-CN.js').then((m) => m.zhCN),
};

export interface ScheduleOptions {
  /** A time was chosen: a `datetime-local` value in the viewer's time zone. */
  chosen(value: string): void;
  /** `datetime-local` → epoch ms (the composer's `localToEpoch`). */
  toEpoch(value: string): number | null;
  lit: { html: typeof litHtml; nothing: typeof litNothing };
}

/** Drives the composer's updates through `host.requestUpdate()`; the composer calls `sync()` after each update. */
export class ScheduleController implements ReactiveController {
  private isOpen = false;
  private value = '';
  private error = '';

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
    private readonly options: ScheduleOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Opens the dialog on the time already chosen, else on an hour from now. */
  open(): void {
    this.isOpen = true;
    this.error = '';
    this.value = this.ctx.state().scheduledAt || toLocalInput(quickTimes(Date.now())[0]!.at);
    this.host.requestUpdate();
  }

  close = (): void => {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.host.requestUpdate();
    // Back to the button that opened it (its label now says the time, if one was set).
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('#schedule')?.focus());
  };

  /** Opens or closes the `<dialog>` to match (after each update of the composer). */
  sync(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog#schedule-dialog');
    if (!dialog) return;
    if (this.isOpen && !dialog.open) {
      dialog.showModal();
      this.host.renderRoot.querySelector<HTMLInputElement>('#schedule-at')?.focus();
    }
    if (!this.isOpen && dialog.open) dialog.close();
  }

  /** Takes `value` if it is a time that may be chosen; else says why next to the field. */
  private choose(value: string): void {
    const problem = scheduleProblem(this.options.toEpoch(value), Date.now());
    if (problem) {
      this.value = value;
      this.error = this.ctx.t(`composer.schedule.error.${problem}`);
      this.host.requestUpdate();
      this.host.renderRoot.querySelector<HTMLInputElement>('#schedule-at')?.focus();
      return;
    }
    this.options.chosen(value);
    this.close();
  }

  /** A chosen time in words, in the viewer's locale and time zone. */
  private time(at: number): string {
    return new Intl.DateTimeFormat(this.ctx.i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  }

  /** The "Schedule…" button's label, and beside it when the message will go and a way back to sending now. */
  renderActions(open: () => void): TemplateResult {
    const { html, nothing } = this.options.lit;
    const { t } = this.ctx;
    const at = this.options.toEpoch(this.ctx.state().scheduledAt);
    return html`<button type="button" class="secondary" id="schedule" aria-haspopup="dialog"
        aria-describedby=${at ? 'schedule-summary' : nothing} @click=${open}
        >${t(at ? 'composer.schedule.change' : 'composer.schedule')}</button>
      ${
        at
          ? html`<span id="schedule-summary">${t('composer.schedule.at', { time: this.time(at) })}</span>
            <button type="button" class="secondary" id="schedule-clear"
              @click=${() => this.ctx.update({ scheduledAt: '' }, 'schedule')}>${t('composer.schedule.clear')}</button>`
          : nothing
      }`;
  }

  /** Send's label while a time is chosen. */
  sendLabel(): string {
    return this.ctx.t('composer.schedule.send');
  }

  /** The status after a scheduled send. */
  sentStatus(at: number): string {
    return this.ctx.t('composer.scheduled', { time: this.time(at) });
  }

  private submit = (e: Event): void => {
    e.preventDefault();
    this.choose(this.value);
  };

  render(): TemplateResult {
    const { html, nothing } = this.options.lit;
    const { t, i18n } = this.ctx;
    const now = Date.now();
    const format = new Intl.DateTimeFormat(i18n.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
    return html`<dialog id="schedule-dialog" part="schedule-dialog" aria-labelledby="schedule-title"
      aria-describedby="schedule-hint" @close=${this.close}>
      ${
        this.isOpen
          ? html`<form novalidate @submit=${this.submit}>
            <h3 id="schedule-title">${t('composer.schedule.title')}</h3>
            <p class="muted" id="schedule-hint">${t('composer.schedule.hint')}</p>
            <div class="actions quick" role="group" aria-label=${t('composer.schedule.suggestions')}>
              ${quickTimes(now).map(
                (q) => html`<button type="button" class="secondary" data-quick=${q.key}
                  @click=${() => this.choose(toLocalInput(q.at))}>${t(`composer.schedule.${q.key}`)}
                  <span class="muted">${format.format(q.at)}</span></button>`,
              )}
            </div>
            <div class="field">
              <label for="schedule-at">${t('composer.schedule.when')}</label>
              <input id="schedule-at" type="datetime-local" required min=${toLocalInput(now)}
                max=${toLocalInput(now + MAX_AHEAD_MS)} .value=${this.value}
                aria-invalid=${this.error ? 'true' : 'false'} aria-describedby="schedule-zone schedule-at-error"
                @input=${(e: Event) => {
                  this.value = (e.target as HTMLInputElement).value;
                  this.error = '';
                  this.host.requestUpdate();
                }} />
              <p class="muted" id="schedule-zone">${t('composer.schedule.zone', { zone: viewerTimeZone() })}</p>
              <p class="field-error" id="schedule-at-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
            </div>
            <div class="actions">
              <button type="submit" id="schedule-set">${t('composer.schedule.set')}</button>
              <button type="button" class="secondary" @click=${this.close}>${t('composer.schedule.cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}
