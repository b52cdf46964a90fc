import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { fieldErrorMessages, problemMessage, renderField, type MessageKey } from '@herald/core';
import { HeraldProblem } from '@herald/client';
import type { NotifyChannel, NotifyDeliveries, NotifyDelivery, NotifySettings } from '../api/types.js';
import { HeraldDeliveryRetryEvent } from '../events/delivery-retry.js';
import { HeraldSettingsUpdateEvent } from '../events/settings-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { sectionStyles, tabStyles } from '../shared/styles.js';
import {
  CHANNELS,
  CHOOSABLE,
  generateSecret,
  isDirty,
  keepsSavedValue,
  newHeaderRow,
  patchOf,
  PRIORITIES,
  SMS_BODY_FORMATS,
  SMS_METHODS,
  toDraft,
  type HeaderRow,
  type NotifyDraft,
  type NumberField,
} from './notify-draft.js';
import { styles } from './notifications.styles.js';
import { adminStrings } from '../i18n/index.js';
import { notifyStrings } from './i18n/index.js';

type Section = 'email' | 'webhook' | 'sms' | 'reminders';
interface TestState {
  to: string;
  sending: boolean;
  ok?: boolean;
  text: string;
  toError: string;
}
const idle = (): TestState => ({ to: '', sending: false, text: '', toError: '' });
/** Form ids from field paths: `email.host` → `email-host`. */
const idOf = (path: string) => path.replace(/\./g, '-');

/**
 * The notifications tab (R9, S8): the channels urgent messages also go out on — e-mail (SMTP), a signed webhook and an
 * HTTP SMS gateway — each with a test send; which priority uses which channel; persistent reminders and retries; and
 * the failed deliveries (dead letters), which can be sent again. Secrets are write-only: the server only says whether
 * one is saved; a secret is sent only when typed (or cleared). Saving sends only what changed; the server's field
 * errors are shown at their fields. For org admins (the server refuses anyone else).
 *
 * @tag herald-admin-notifications
 * @fires {HeraldSettingsUpdateEvent} herald-settings-update - After a save. `detail.id = 'notifications'`.
 * @fires {HeraldDeliveryRetryEvent} herald-delivery-retry - After failed deliveries were queued again. `detail = {
 *   id: 'deliveries', ids }` (`ids` empty: all).
 * @csspart form - The settings form.
 * @csspart channel - One channel's fieldset (`data-channel` is `email`, `webhook` or `sms`).
 * @csspart test - A channel's test-send row.
 * @csspart test-result - The result of a test send.
 * @csspart headers - The SMS gateway's header rows.
 * @csspart routing - The priority × channel table.
 * @csspart member-choice - What members may choose for themselves: channels per priority, quiet hours (issue 20).
 * @csspart reminders - The reminders and retries fieldset.
 * @csspart dirty - The "unsaved changes" note.
 * @csspart deliveries - The failed deliveries section.
 * @csspart summary - "N waiting · N failed".
 * @csspart table - The failed deliveries table.
 * @csspart row - One failed delivery.
 * @csspart more - The "Load more" button.
 * @csspart empty - Said while the settings load or cannot be shown.
 * @csspart dead-empty - Said when no delivery failed.
 */
export class HeraldAdminNotifications extends AdminTab {
  static override catalogues = [adminStrings, notifyStrings];
  static override styles = [...tabStyles, sectionStyles, styles];

  @state() private saved: NotifySettings | null = null;
  @state() private draft: NotifyDraft | null = null;
  /** Messages by field path (`email.host`, `sms.header.<row key>.name`, …). */
  @state() private fieldErrors: Record<string, string> = {};
  /** The webhook secret in the field was generated here: shown in clear, once, to be copied to the receiver. */
  @state() private secretGenerated = false;
  @state() private tests: Record<NotifyChannel, TestState> = { email: idle(), webhook: idle(), sms: idle() };
  @state() private deliveries: NotifyDeliveries | null = null;
  @state() private selected = new Set<string>();
  @state() private deadNotice = '';
  /** Row keys of the headers being saved, to map `sms.headers.<index>` errors back to their rows. */
  private sentHeaderKeys: number[] | null = null;

  /**
   * The settings and the first deliveries; leaving the tab aborts both, a newer load supersedes an older (issue 16).
   */
  private readonly settings = this.loader(
    () => [] as const,
    (_, signal) => Promise.all([this.api.notifySettings(signal), this.api.deliveries({}, signal)]),
    ([settings, deliveries]) => {
      // A reload while the admin is editing keeps the edits.
      if (!this.saved || !this.draft || !isDirty(this.saved, this.draft)) this.draft = toDraft(settings);
      this.saved = settings;
      this.showDeliveries(deliveries);
    },
  );

  protected load(): Promise<void> {
    return this.settings.run();
  }

  private showDeliveries(page: NotifyDeliveries, append = false) {
    this.deliveries = append && this.deliveries ? { ...page, items: [...this.deliveries.items, ...page.items] } : page;
    const shown = new Set(this.deliveries.items.map((d) => d.id));
    this.selected = new Set([...this.selected].filter((id) => shown.has(id)));
  }

  private edit<K extends Section>(section: K, change: Partial<NotifyDraft[K]>, path?: string) {
    this.draft = { ...this.draft!, [section]: { ...this.draft![section], ...change } };
    if (path && this.fieldErrors[path]) this.fieldErrors = { ...this.fieldErrors, [path]: '' };
  }

  private editHeader(key: number, change: Partial<HeaderRow>) {
    this.edit('sms', { headers: this.draft!.sms.headers.map((h) => (h.key === key ? { ...h, ...change } : h)) });
    const path = `sms.header.${key}.${'name' in change ? 'name' : 'value'}`;
    if (this.fieldErrors[path]) this.fieldErrors = { ...this.fieldErrors, [path]: '' };
  }

  private get dirty(): boolean {
    return !!this.saved && !!this.draft && isDirty(this.saved, this.draft);
  }

  private discard() {
    if (!this.saved) return;
    this.draft = toDraft(this.saved);
    this.fieldErrors = {};
    this.secretGenerated = false;
    this.error = '';
    this.notice = this.t('admin.settings.discarded');
  }

  private async save(event: Event) {
    event.preventDefault();
    if (!this.saved || !this.draft) return;
    const result = patchOf(this.saved, this.draft);
    if ('invalid' in result) {
      this.fieldErrors = Object.fromEntries(
        Object.entries(result.invalid).map(([path, code]) => [path, this.t(`field.${code}` as MessageKey)]),
      );
      this.error = this.t('problem.validation');
      this.notice = '';
      this.focusFirstError();
      return;
    }
    const { patch } = result;
    if (!Object.keys(patch).length) {
      this.notice = this.t('admin.settings.unchanged');
      return;
    }
    this.fieldErrors = {};
    this.sentHeaderKeys = this.draft.sms.headers.filter((r) => r.name.trim() || r.value).map((r) => r.key);
    const saved = await this.run(() => this.api.updateNotifySettings(patch));
    this.sentHeaderKeys = null;
    if (!saved) return this.focusFirstError();
    this.saved = saved;
    this.draft = toDraft(saved);
    this.secretGenerated = false;
    this.emit(new HeraldSettingsUpdateEvent({ id: 'notifications' }));
    this.notice = this.t('admin.notify.saved');
  }

  /** Every path a server error may name, most specific first (a header's own fields before the list). */
  private get errorPaths(): string[] {
    const rows = this.draft?.sms.headers ?? [];
    return [
      'email.host',
      'email.port',
      'email.secure',
      'email.username',
      'email.password',
      'email.from',
      'webhook.url',
      'webhook.secret',
      'sms.url',
      'sms.method',
      'sms.bodyFormat',
      'sms.bodyTemplate',
      ...rows.flatMap((r) => [`sms.header.${r.key}.name`, `sms.header.${r.key}.value`]),
      'sms.headers',
      'reminders.everyMinutes',
      'reminders.times',
      'maxAttempts',
      'linkTemplate',
      'routing',
    ];
  }

  protected override onProblem(problem: HeraldProblem | undefined): void {
    const keys = this.sentHeaderKeys;
    if (!problem?.errors?.length || !keys) return;
    // `sms.headers.2.name` names the third row sent; blank rows were left out, so go by the row keys sent.
    const errors = problem.errors.map((e) => {
      const m = /^sms\.headers\.(\d+)(\..*)?$/.exec(e.path ?? '');
      const key = m ? keys[Number(m[1])] : undefined;
      return key !== undefined ? { ...e, path: `sms.header.${key}${m![2] ?? '.name'}` } : e;
    });
    const messages = fieldErrorMessages(errors, this.errorPaths, this.i18n) as Record<string, string>;
    // The errors that need more than "Required." or "The format is not valid." to be understood.
    for (const e of errors) {
      const explained = this.explain(e.path ?? '', e.code ?? '');
      if (explained) messages[e.path!] = explained;
    }
    this.fieldErrors = messages;
  }

  /**
   * Why the server refused, where the field error's code alone would not say it (docs/api.md "Channels and settings").
   */
  private explain(path: string, code: string): string | null {
    // A new SMTP host or gateway origin: the saved secrets are not sent there; they must be typed again.
    if (path === 'email.password' && code === 'required') return this.t('admin.notify.error.passwordAgain');
    if (/^sms\.header\.\d+\.value$/.test(path) && code === 'required') return this.t('admin.notify.error.headerAgain');
    if (path === 'sms.bodyTemplate' && code === 'invalid-format') {
      return this.t(
        this.draft?.sms.bodyFormat === 'form' ? 'admin.notify.error.formTemplate' : 'admin.notify.error.jsonTemplate',
      );
    }
    if (path === 'sms.bodyFormat' && code === 'invalid-value') return this.t('admin.notify.error.formatContentType');
    return null;
  }

  private focusFirstError() {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[part~="form"] [aria-invalid="true"]')?.focus(),
    );
  }

  private generate() {
    this.edit('webhook', { secret: generateSecret(), clearSecret: false }, 'webhook.secret');
    this.secretGenerated = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#webhook-secret')?.select());
  }

  private async copySecret() {
    await navigator.clipboard?.writeText(this.draft!.webhook.secret).catch(() => undefined);
    this.notice = this.t('admin.copied');
  }

  private addHeader() {
    const row = newHeaderRow();
    this.edit('sms', { headers: [...this.draft!.sms.headers, row] });
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>(`#sms-header-${row.key}-name`)?.focus(),
    );
  }

  private removeHeader(key: number) {
    this.edit('sms', { headers: this.draft!.sms.headers.filter((h) => h.key !== key) });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#sms-add-header')?.focus());
  }

  private setTest(channel: NotifyChannel, change: Partial<TestState>) {
    this.tests = { ...this.tests, [channel]: { ...this.tests[channel], ...change } };
  }

  /** Sends one test with the saved settings; the outcome is shown in the channel's own status line. */
  private async sendTest(channel: NotifyChannel) {
    const to = this.tests[channel].to.trim();
    this.setTest(channel, { sending: true, ok: undefined, text: this.t('admin.notify.test.sending'), toError: '' });
    try {
      await this.api.testNotify({ channel, ...(to && channel !== 'webhook' ? { to } : {}) });
      this.setTest(channel, { sending: false, ok: true, text: this.t('admin.notify.test.sent') });
    } catch (error) {
      const p = error instanceof HeraldProblem ? error : undefined;
      const toError = p?.errors?.find((e) => e.path === 'to');
      const text =
        p?.code === 'notify-test-failed'
          ? this.t('admin.notify.test.failed', { detail: this.testFailure(p) })
          : p?.code === 'conflict'
            ? this.t('admin.notify.test.saveFirst')
            : toError
              ? (toError.message ?? problemMessage(p, this.i18n))
              : problemMessage(error, this.i18n);
      this.setTest(channel, { sending: false, ok: false, text, toError: toError ? text : '' });
    }
  }

  /** Why a test failed, from its reason code (the server never relays the receiver's answer). */
  private testFailure(p: HeraldProblem): string {
    const key = `admin.notify.test.reason.${p.reason}`;
    if (p.reason && this.i18n.has(key)) return this.t(key as MessageKey, { status: p.extensions.remoteStatus ?? '' });
    return p.detail || p.title;
  }

  /** Enter in a test's address sends the test; it must not submit (save) the settings form. */
  private onTestKeydown(channel: NotifyChannel, event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    if (!this.tests[channel].sending) void this.sendTest(channel);
  }

  private async moreDeliveries() {
    const cursor = this.deliveries?.nextCursor;
    if (!cursor) return;
    const page = await this.run(() => this.api.deliveries({ cursor }));
    if (page) this.showDeliveries(page, true);
  }

  private async retry(all: boolean) {
    const ids = all ? [] : [...this.selected];
    if (!all && !ids.length) return;
    this.deadNotice = '';
    const done = await this.run(() => this.api.retryDeliveries(all ? { allDead: true } : { ids }));
    if (!done) return;
    this.selected = new Set();
    this.emit(new HeraldDeliveryRetryEvent({ id: 'deliveries', ids }));
    const page = await this.run(() => this.api.deliveries());
    if (page) this.showDeliveries(page);
    this.deadNotice = this.t('admin.notify.dead.retried', { count: done.retried });
  }

  private toggleSelected(id: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.settings)}</div>
      <div role="status" part="status">${this.notice}</div>
      ${this.renderLoaded(this.settings, (loading) =>
        this.saved && this.draft
          ? this.renderForm(this.draft)
          : html`<p class="muted" part="empty">${loading ? this.t('common.loading') : ''}</p>`,
      )}
      ${this.deliveries ? this.renderDeliveries(this.deliveries) : nothing}`;
  }

  /** A labelled input with its hint and its error, wired by ids (core's field). */
  private input(
    path: string,
    label: string,
    value: string,
    onInput: (value: string) => void,
    options: {
      type?: string;
      hint?: string;
      placeholder?: string;
      inputmode?: 'numeric';
      autocomplete?: string;
      extra?: TemplateResult;
    } = {},
  ) {
    const id = idOf(path);
    return renderField(
      { id, label, hint: options.hint, error: this.fieldErrors[path] },
      (w) => html`<div class="row">
        <input id=${id} type=${options.type ?? 'text'} .value=${value} inputmode=${options.inputmode ?? nothing}
          placeholder=${options.placeholder ?? nothing} autocomplete=${options.autocomplete ?? 'off'} spellcheck="false"
          aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
          @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)} />
        ${options.extra ?? nothing}
      </div>`,
    );
  }

  /** A write-only secret: empty means "keep the saved one"; Clear sends `""` on save. */
  private secret(
    path: 'email.password' | 'webhook.secret',
    label: string,
    isSet: boolean,
    value: string,
    cleared: boolean,
    set: (change: { value?: string; cleared?: boolean }) => void,
    options: { type?: string; hint?: string; extra?: TemplateResult } = {},
  ) {
    const id = idOf(path);
    const clearButton =
      isSet && !value
        ? html`<button type="button" class="small secondary" id="${id}-clear"
          @click=${() => set({ cleared: !cleared })}
            >${this.t(cleared ? 'admin.notify.secret.keep' : 'admin.notify.secret.clear')}</button>`
        : nothing;
    return this.input(path, label, value, (v) => set({ value: v }), {
      type: options.type ?? 'password',
      autocomplete: 'new-password',
      placeholder: isSet && !cleared ? this.t('admin.notify.secret.saved') : '',
      hint:
        [cleared && isSet ? this.t('admin.notify.secret.cleared') : '', options.hint ?? ''].filter(Boolean).join(' ') ||
        undefined,
      extra: html`${clearButton}${options.extra ?? nothing}`,
    });
  }

  private numberInput(
    path: NumberField,
    label: string,
    value: string,
    section: 'email' | 'reminders' | null,
    key: string,
    hint?: string,
  ) {
    return this.input(
      path,
      label,
      value,
      (v) => {
        if (section) this.edit(section, { [key]: v } as never, path);
        else {
          this.draft = { ...this.draft!, maxAttempts: v };
          this.fieldErrors = { ...this.fieldErrors, [path]: '' };
        }
      },
      { type: 'number', inputmode: 'numeric', hint },
    );
  }

  private renderForm(d: NotifyDraft) {
    const dirty = this.dirty;
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="notify-title">
      <h3 id="notify-title">${this.t('admin.notify.title')}</h3>
      <p class="muted wide">${this.t('admin.notify.intro')}</p>
      ${this.renderEmail(d)} ${this.renderWebhook(d)} ${this.renderSms(d)}
      ${this.renderRouting(d)} ${this.renderMemberChoice(d)} ${this.renderReminders(d)}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy || !dirty}>${this.t('admin.save')}</button>
        ${
          dirty
            ? html`<button type="button" class="secondary" @click=${this.discard}
              >${this.t('admin.settings.discard')}</button>
          <span part="dirty" class="muted">${this.t('admin.settings.unsaved')}</span>`
            : nothing
        }
      </div>
    </form>`;
  }

  /** A channel's fieldset: its legend, the "On" switch, its fields and its test send. */
  /* eslint-disable lit-a11y/role-has-required-aria-attrs --
    a checkbox with role="switch" carries aria-checked natively */
  private channel(channel: NotifyChannel, enabled: boolean, fields: TemplateResult) {
    const name = this.t(`admin.notify.channel.${channel}` as MessageKey);
    return html`<fieldset class="wide channel" part="channel" data-channel=${channel}>
      <legend>${name}</legend>
      <label class="check"><input type="checkbox" role="switch" id="${channel}-enabled" .checked=${enabled}
        aria-label=${this.t('admin.notify.channelOn', { channel: name })}
        @change=${(e: Event) => this.edit(channel, { enabled: (e.target as HTMLInputElement).checked })} />
        <span>${this.t('admin.notify.on')}</span></label>
      <div class="fields">${fields}</div>
      ${this.renderTest(channel)}
    </fieldset>`;
  }
  /* eslint-enable lit-a11y/role-has-required-aria-attrs */

  private renderEmail(d: NotifyDraft) {
    const e = d.email;
    return this.channel(
      'email',
      e.enabled,
      html`
      ${this.input(
        'email.host',
        this.t('admin.notify.email.host'),
        e.host,
        (v) => this.edit('email', { host: v }, 'email.host'),
        { placeholder: 'smtp.example.com' },
      )}
      ${this.numberInput('email.port', this.t('admin.notify.email.port'), e.port, 'email', 'port')}
      <div class="field">
        <label class="check"><input type="checkbox" id="email-secure" .checked=${e.secure}
          aria-describedby="email-secure-hint"
          @change=${(ev: Event) => this.edit('email', { secure: (ev.target as HTMLInputElement).checked })} />
          ${this.t('admin.notify.email.secure')}</label>
        <span id="email-secure-hint" class="muted">${this.t('admin.notify.email.secureHint')}</span>
      </div>
      ${this.input('email.username', this.t('admin.notify.email.username'), e.username, (v) =>
        this.edit('email', { username: v }, 'email.username'),
      )}
      ${this.secret(
        'email.password',
        this.t('admin.notify.email.password'),
        this.saved!.email.passwordSet,
        e.password,
        e.clearPassword,
        (c) =>
          this.edit(
            'email',
            {
              ...(c.value !== undefined ? { password: c.value, clearPassword: false } : {}),
              ...(c.cleared !== undefined ? { clearPassword: c.cleared } : {}),
            },
            'email.password',
          ),
      )}
      ${this.input(
        'email.from',
        this.t('admin.notify.email.from'),
        e.from,
        (v) => this.edit('email', { from: v }, 'email.from'),
        { type: 'text', hint: this.t('admin.notify.email.fromHint'), placeholder: 'herald@example.com' },
      )}`,
    );
  }

  private renderWebhook(d: NotifyDraft) {
    const w = d.webhook;
    return this.channel(
      'webhook',
      w.enabled,
      html`
      ${this.input(
        'webhook.url',
        this.t('admin.notify.webhook.url'),
        w.url,
        (v) => this.edit('webhook', { url: v }, 'webhook.url'),
        { type: 'url', placeholder: 'https://hooks.example.com/herald' },
      )}
      ${this.secret(
        'webhook.secret',
        this.t('admin.notify.webhook.secret'),
        this.saved!.webhook.secretSet,
        w.secret,
        w.clearSecret,
        (c) => {
          if (c.value !== undefined) this.secretGenerated = false;
          this.edit(
            'webhook',
            {
              ...(c.value !== undefined ? { secret: c.value, clearSecret: false } : {}),
              ...(c.cleared !== undefined ? { clearSecret: c.cleared } : {}),
            },
            'webhook.secret',
          );
        },
        {
          type: this.secretGenerated ? 'text' : 'password',
          hint: this.secretGenerated ? this.t('admin.notify.webhook.generated') : undefined,
          extra: html`<button type="button" class="small secondary" id="webhook-generate" @click=${this.generate}
            >${this.t('admin.notify.webhook.generate')}</button>
          ${
            this.secretGenerated
              ? html`<button type="button" class="small secondary" @click=${this.copySecret}
            >${this.t('admin.copy')}</button>`
              : nothing
          }`,
        },
      )}
      <p class="muted wide verify" id="webhook-verify">${this.t('admin.notify.webhook.verify')}</p>`,
    );
  }

  private renderSms(d: NotifyDraft) {
    const s = d.sms;
    const listError = this.fieldErrors['sms.headers'];
    const formatError = this.fieldErrors['sms.bodyFormat'];
    return this.channel(
      'sms',
      s.enabled,
      html`
      ${this.input('sms.url', this.t('admin.notify.sms.url'), s.url, (v) => this.edit('sms', { url: v }, 'sms.url'), {
        type: 'url',
        placeholder: 'https://sms.example.com/send?to={{phone}}',
      })}
      <div class="field">
        <label for="sms-method">${this.t('admin.notify.sms.method')}</label>
        <select id="sms-method"
          @change=${(e: Event) =>
            this.edit('sms', { method: (e.target as HTMLSelectElement).value as NotifyDraft['sms']['method'] })}>
          ${SMS_METHODS.map((m) => html`<option value=${m} ?selected=${m === s.method}>${m}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="sms-bodyFormat">${this.t('admin.notify.sms.bodyFormat')}</label>
        <select id="sms-bodyFormat" aria-invalid=${formatError ? 'true' : 'false'}
          aria-describedby="sms-bodyFormat-hint${formatError ? ' sms-bodyFormat-error' : ''}"
          @change=${(e: Event) =>
            this.edit(
              'sms',
              { bodyFormat: (e.target as HTMLSelectElement).value as NotifyDraft['sms']['bodyFormat'] },
              'sms.bodyFormat',
            )}>
          ${SMS_BODY_FORMATS.map(
            (f) => html`<option value=${f} ?selected=${f === s.bodyFormat}
            >${this.t(`admin.notify.sms.format.${f}`)}</option>`,
          )}
        </select>
        <span id="sms-bodyFormat-hint" class="muted">${this.t('admin.notify.sms.bodyFormatHint')}</span>
        ${formatError ? html`<span id="sms-bodyFormat-error" class="field-error">${formatError}</span>` : nothing}
      </div>
      <fieldset class="wide headers" part="headers">
        <legend>${this.t('admin.notify.sms.headers')}</legend>
        ${
          s.headers.length
            ? html`<ul>${s.headers.map((row, i) => this.renderHeader(row, i + 1))}</ul>`
            : html`<p class="muted">${this.t('admin.notify.sms.noHeaders')}</p>`
        }
        ${listError ? html`<span class="field-error">${listError}</span>` : nothing}
        <div><button type="button" class="small secondary" id="sms-add-header" @click=${this.addHeader}
          >${this.t('admin.notify.sms.addHeader')}</button></div>
      </fieldset>
      <div class="field wide">
        <label for="sms-bodyTemplate">${this.t('admin.notify.sms.body')}</label>
        <textarea id="sms-bodyTemplate" rows="4" spellcheck="false" .value=${s.bodyTemplate}
          placeholder='{"to":"{{phone}}","text":"{{text}}","id":"{{key}}"}'
          aria-invalid=${this.fieldErrors['sms.bodyTemplate'] ? 'true' : 'false'}
          aria-describedby="sms-bodyTemplate-hint${
            this.fieldErrors['sms.bodyTemplate'] ? ' sms-bodyTemplate-error' : ''
          }"
          @input=${(e: Event) =>
            this.edit('sms', { bodyTemplate: (e.target as HTMLTextAreaElement).value }, 'sms.bodyTemplate')}></textarea>
        <span id="sms-bodyTemplate-hint" class="muted">${this.t('admin.notify.sms.bodyHint')}</span>
        ${
          this.fieldErrors['sms.bodyTemplate']
            ? html`<span id="sms-bodyTemplate-error" class="field-error"
          >${this.fieldErrors['sms.bodyTemplate']}</span>`
            : nothing
        }
      </div>`,
    );
  }

  private renderHeader(row: HeaderRow, n: number) {
    const base = `sms-header-${row.key}`;
    const nameError = this.fieldErrors[`sms.header.${row.key}.name`];
    const valueError = this.fieldErrors[`sms.header.${row.key}.value`];
    return html`<li class="header-row" data-key=${row.key}>
      <label class="visually-hidden" for="${base}-name">${this.t('admin.notify.sms.headerName', { n })}</label>
      <input id="${base}-name" class="header-name" .value=${row.name} placeholder="Authorization" autocomplete="off"
        spellcheck="false"
        aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${nameError ? `${base}-name-error` : nothing}
        @input=${(e: Event) => this.editHeader(row.key, { name: (e.target as HTMLInputElement).value })} />
      <label class="visually-hidden" for="${base}-value">${this.t('admin.notify.sms.headerValue', { n })}</label>
      <input id="${base}-value" type="password" class="header-value" .value=${row.value} autocomplete="new-password"
        placeholder=${keepsSavedValue(row) ? this.t('admin.notify.sms.headerSaved') : ''}
        aria-invalid=${valueError ? 'true' : 'false'} aria-describedby=${valueError ? `${base}-value-error` : nothing}
        @input=${(e: Event) => this.editHeader(row.key, { value: (e.target as HTMLInputElement).value })} />
      <button type="button" class="small secondary" aria-label=${this.t('admin.notify.sms.removeHeader', { n })}
        @click=${() => this.removeHeader(row.key)}>×</button>
      ${nameError ? html`<span id="${base}-name-error" class="field-error">${nameError}</span>` : nothing}
      ${valueError ? html`<span id="${base}-value-error" class="field-error">${valueError}</span>` : nothing}
    </li>`;
  }

  private renderTest(channel: NotifyChannel) {
    const test = this.tests[channel];
    const own = this.herald.session.me?.subject?.email;
    const toId = `${channel}-test-to`;
    return html`<div class="test" part="test">
      ${
        channel !== 'webhook'
          ? html`<div class="field">
        <label for=${toId}>${this.t('admin.notify.test.to')}</label>
        <input id=${toId} type=${channel === 'email' ? 'email' : 'tel'} .value=${test.to}
          placeholder=${channel === 'email' && own ? own : nothing}
          autocomplete="off" aria-invalid=${test.toError ? 'true' : 'false'} aria-describedby="${toId}-hint"
          @input=${(e: Event) => this.setTest(channel, { to: (e.target as HTMLInputElement).value, toError: '' })}
          @keydown=${(e: KeyboardEvent) => this.onTestKeydown(channel, e)} />
        <span id="${toId}-hint" class="muted"
          >${
            channel === 'email' && own
              ? this.t('admin.notify.test.toEmailHint', { address: own })
              : this.t('admin.notify.test.toProfileHint')
          }
          ${this.t('admin.notify.test.savedOnly')}</span>
      </div>`
          : html`<span class="muted">${this.t('admin.notify.test.savedOnly')}</span>`
      }
      <button type="button" class="secondary" id="${channel}-test" ?disabled=${test.sending}
        @click=${() => this.sendTest(channel)}>${this.t('admin.notify.test.send')}</button>
      <p role="status" part="test-result" id="${channel}-test-result"
        class=${test.ok === false ? 'failed' : test.ok ? 'ok' : ''}>${test.text}</p>
    </div>`;
  }

  private renderRouting(d: NotifyDraft) {
    return html`<fieldset class="wide" part="routing">
      <legend>${this.t('admin.notify.routing')}</legend>
      <p class="muted" id="routing-hint">${this.t('admin.notify.routingHint')}</p>
      <table aria-describedby="routing-hint">
        <thead><tr><th scope="col">${this.t('admin.notify.priority')}</th>${CHANNELS.map(
          (c) => html`<th scope="col">
          ${this.t(`admin.notify.channel.${c}` as MessageKey)} ${
            d[c].enabled
              ? nothing
              : html`<span class="muted"
            >${this.t('admin.notify.off')}</span>`
          }</th>`,
        )}</tr></thead>
        <tbody>${PRIORITIES.map(
          (p) => html`<tr>
          <th scope="row">${this.t(`admin.notify.priority.${p}` as MessageKey)}</th>
          ${CHANNELS.map(
            (c) => html`<td><input type="checkbox" id="route-${p}-${c}" .checked=${d.routing[p].includes(c)}
            aria-label=${this.t('admin.notify.route', {
              priority: this.t(`admin.notify.priority.${p}` as MessageKey),
              channel: this.t(`admin.notify.channel.${c}` as MessageKey),
            })}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const list = d.routing[p].filter((x) => x !== c);
              this.draft = { ...this.draft!, routing: { ...this.draft!.routing, [p]: on ? [...list, c] : list } };
            }} /></td>`,
          )}
        </tr>`,
        )}</tbody>
      </table>
    </fieldset>`;
  }

  /** Issue 20: which channels members may turn on or off for themselves, and quiet hours. */
  private renderMemberChoice(d: NotifyDraft) {
    const mc = d.memberChoice;
    const set = (patch: Partial<NotifyDraft['memberChoice']>) =>
      (this.draft = { ...this.draft!, memberChoice: { ...this.draft!.memberChoice, ...patch } });
    const checked = (e: Event) => (e.target as HTMLInputElement).checked;
    return html`<fieldset class="wide" part="member-choice">
      <legend>${this.t('admin.notify.choice')}</legend>
      <p class="muted" id="choice-hint">${this.t('admin.notify.choiceHint')}</p>
      <table aria-describedby="choice-hint">
        <thead><tr><th scope="col">${this.t('admin.notify.priority')}</th>${CHANNELS.map(
          (c) => html`<th scope="col">${this.t(`admin.notify.channel.${c}` as MessageKey)}</th>`,
        )}</tr></thead>
        <tbody>${CHOOSABLE.map(
          (p) => html`<tr>
          <th scope="row">${this.t(`admin.notify.priority.${p}` as MessageKey)}</th>
          ${CHANNELS.map(
            (c) => html`<td><input type="checkbox" id="choice-${p}-${c}" .checked=${mc.channels[p].includes(c)}
            aria-label=${this.t('admin.notify.choiceCell', {
              priority: this.t(`admin.notify.priority.${p}` as MessageKey),
              channel: this.t(`admin.notify.channel.${c}` as MessageKey),
            })}
            @change=${(e: Event) => {
              const list = this.draft!.memberChoice.channels[p].filter((x) => x !== c);
              const channels = { ...this.draft!.memberChoice.channels, [p]: checked(e) ? [...list, c] : list };
              set({ channels });
            }} /></td>`,
          )}
        </tr>`,
        )}</tbody>
      </table>
      <label class="check"><input type="checkbox" id="choice-quiet" .checked=${mc.quietHours}
        @change=${(e: Event) => set({ quietHours: checked(e) })} />${this.t('admin.notify.choiceQuiet')}</label>
      <label class="check"><input type="checkbox" id="choice-quiet-urgent" .checked=${mc.quietUrgent}
        ?disabled=${!mc.quietHours}
        @change=${(e: Event) => set({ quietUrgent: checked(e) })} />${this.t('admin.notify.choiceQuietUrgent')}</label>
    </fieldset>`;
  }

  private renderReminders(d: NotifyDraft) {
    return html`<fieldset class="wide" part="reminders">
      <legend>${this.t('admin.notify.reminders')}</legend>
      <p class="muted">${this.t('admin.notify.remindersHint')}</p>
      <div class="fields">
        ${this.numberInput(
          'reminders.everyMinutes',
          this.t('admin.notify.everyMinutes'),
          d.reminders.everyMinutes,
          'reminders',
          'everyMinutes',
        )}
        ${this.numberInput(
          'reminders.times',
          this.t('admin.notify.times'),
          d.reminders.times,
          'reminders',
          'times',
          this.t('admin.notify.timesHint'),
        )}
        ${this.numberInput(
          'maxAttempts',
          this.t('admin.notify.maxAttempts'),
          d.maxAttempts,
          null,
          'maxAttempts',
          this.t('admin.notify.maxAttemptsHint'),
        )}
        ${this.input(
          'linkTemplate',
          this.t('admin.notify.link'),
          d.linkTemplate,
          (v) => {
            this.draft = { ...this.draft!, linkTemplate: v };
            this.fieldErrors = { ...this.fieldErrors, linkTemplate: '' };
          },
          {
            type: 'url',
            hint: this.t('admin.notify.linkHint'),
            placeholder: 'https://intranet.example.com/inbox?message={{messageId}}',
          },
        )}
        <div class="field">
          <label for="defaultLocale">${this.t('admin.notify.defaultLocale')}</label>
          <select id="defaultLocale" aria-describedby="defaultLocale-hint"
            @change=${(e: Event) =>
              (this.draft = {
                ...this.draft!,
                defaultLocale: (e.target as HTMLSelectElement).value as NotifyDraft['defaultLocale'],
              })}>
            ${(['en', 'zh-CN'] as const).map(
              (l) => html`<option value=${l} ?selected=${d.defaultLocale === l}
              >${this.t(`admin.notify.locale.${l}`)}</option>`,
            )}
          </select>
          <span id="defaultLocale-hint" class="muted">${this.t('admin.notify.defaultLocaleHint')}</span>
        </div>
        <div class="field">
          <label class="check"><input type="checkbox" id="externalEmail" .checked=${d.externalEmail}
            aria-describedby="externalEmail-hint"
            @change=${(e: Event) =>
              (this.draft = { ...this.draft!, externalEmail: (e.target as HTMLInputElement).checked })}
          />${this.t('admin.notify.externalEmail')}</label>
          <span id="externalEmail-hint" class="muted">${this.t('admin.notify.externalEmailHint')}</span>
        </div>
      </div>
    </fieldset>`;
  }

  private renderDeliveries(page: NotifyDeliveries) {
    const items = page.items;
    const allSelected = items.length > 0 && items.every((d) => this.selected.has(d.id));
    return html`<section part="deliveries" aria-labelledby="dead-title">
      <h3 id="dead-title">${this.t('admin.notify.dead.title')}</h3>
      <p part="summary" class="muted"
        >${this.t('admin.notify.dead.summary', { pending: page.counts.pending, dead: page.counts.dead })}</p>
      <div role="status" id="dead-status">${this.deadNotice}</div>
      ${
        items.length
          ? html`<table part="table">
        <thead><tr>
          <th scope="col"><input type="checkbox" id="dead-select-all"
            aria-label=${this.t('admin.notify.dead.selectAll')} .checked=${allSelected}
            @change=${(e: Event) =>
              (this.selected = (e.target as HTMLInputElement).checked
                ? new Set(items.map((d) => d.id))
                : new Set())} /></th>
          <th scope="col">${this.t('admin.notify.dead.subject')}</th><th scope="col"
            >${this.t('admin.notify.dead.recipient')}</th>
          <th scope="col">${this.t('admin.notify.dead.channel')}</th><th scope="col"
            >${this.t('admin.notify.dead.attempts')}</th>
          <th scope="col">${this.t('admin.notify.dead.error')}</th><th scope="col"
            >${this.t('admin.notify.dead.time')}</th>
        </tr></thead>
        <tbody>${items.map((d) => this.renderDelivery(d))}</tbody>
      </table>`
          : html`<p class="muted" part="dead-empty">${this.t('admin.notify.dead.empty')}</p>`
      }
      <div class="actions">
        ${
          items.length
            ? html`<button type="button" id="dead-retry-selected" ?disabled=${this.busy || !this.selected.size}
              @click=${() => this.retry(false)}>
          ${this.t('admin.notify.dead.retrySelected', { count: this.selected.size })}</button>`
            : nothing
        }
        ${
          page.counts.dead
            ? html`<button type="button" class="secondary" id="dead-retry-all" ?disabled=${this.busy}
              @click=${() => this.retry(true)}>
          ${this.t('admin.notify.dead.retryAll')}</button>`
            : nothing
        }
        ${
          page.nextCursor
            ? html`<button type="button" class="secondary" part="more" ?disabled=${this.busy}
          @click=${this.moreDeliveries}>${this.t('admin.loadMore')}</button>`
            : nothing
        }
      </div>
    </section>`;
  }

  private renderDelivery(d: NotifyDelivery) {
    const subject = d.subject || this.t('admin.notify.noSubject');
    return html`<tr part="row" data-id=${d.id} aria-selected=${this.selected.has(d.id) ? 'true' : 'false'}>
      <td><input type="checkbox" .checked=${this.selected.has(d.id)}
        aria-label=${this.t('admin.notify.dead.select', { subject, name: d.recipient.name })}
        @change=${(e: Event) => this.toggleSelected(d.id, (e.target as HTMLInputElement).checked)} /></td>
      <td>${subject}</td>
      <td>${d.recipient.name} ${d.address ? html`<span class="muted secret sub">${d.address}</span>` : nothing}</td>
      <td>${this.t(`admin.notify.channel.${d.channel}` as MessageKey)} ${
        d.round
          ? html`<span class="muted sub"
        >${this.t('admin.notify.dead.reminderRound', { round: d.round })}</span>`
          : nothing
      }</td>
      <td>${this.i18n.number(d.attempts)}</td>
      <td class="error-text">${d.lastError ?? ''}</td>
      <td>${this.i18n.date(d.updatedAt)}</td>
    </tr>`;
  }
}
