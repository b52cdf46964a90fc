import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { HeraldElement, LocalizeController, problemMessage, type MessageKey } from '@herald/core';
import type { HeraldClient } from '../client.js';
import { HeraldContextController } from '../context.js';
import {
  MySettingsApi,
  type Channel,
  type ContactKind,
  type MyNotificationPreferences,
  type MyProfile,
} from './api.js';
import { mySettingsStrings } from './i18n/index.js';
import { styles } from './my-settings.styles.js';

type Priority = 'high' | 'normal';
type Note = { key: MessageKey; params?: Record<string, unknown> };
type Editing = { kind: ContactKind; stage: 'enter' | 'code'; value: string; code: string };
type QuietDraft = { on: boolean; start: string; end: string; timeZone: string; includeUrgent: boolean };

const PRIORITIES: Priority[] = ['high', 'normal'];
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * "My settings" (issue 20 items 6 and 7): the signed-in member's language, e-mail and phone (a new address takes effect
 * with the code sent to it), which channels reach them for high and normal messages within what the admin allows,
 * and quiet hours. Any panel opens it from its header (`openMySettings`, loaded on demand); a host may also place it.
 * External contacts see and change their language only.
 *
 * @csspart base - The outer region.
 * @csspart header - The header with the title.
 * @csspart title - The heading.
 * @csspart body - The content.
 * @csspart close - "Close", when the panel sits in a dialog (`openMySettings`).
 * @csspart email - The current e-mail address.
 * @csspart phone - The current phone number.
 */
export class HeraldMySettings extends HeraldElement {
  static override catalogues = [mySettingsStrings];
  static override styles = styles;

  // Not a HeraldPanel: its frame is a few lines, and sharing fewer first-load modules keeps this chunk from splitting
  // the first load's code into more chunks (measured: +0.6 KB gz on the inbox's first load as a HeraldPanel).
  private readonly i18n = new LocalizeController(this);
  private readonly herald = new HeraldContextController(this);

  @state() private profile: MyProfile | null = null;
  @state() private prefs: MyNotificationPreferences | null = null;
  @state() private channels: Record<Priority, Channel[] | null> = { high: null, normal: null };
  @state() private quiet: QuietDraft = {
    on: false,
    start: '22:00',
    end: '07:00',
    timeZone: localZone(),
    includeUrgent: false,
  };
  @state() private editing: Editing | null = null;
  @state() private note: Note | null = null;
  @state() private problem: unknown = null;
  @state() private busy = false;

  private api?: MySettingsApi;
  private loadedFor?: HeraldClient;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client } = this.herald;
    if (this.herald.session.status === 'signed-in' && client && client !== this.loadedFor) {
      this.loadedFor = client;
      this.api = new MySettingsApi(client);
      void this.load();
    }
  }

  private async load(): Promise<void> {
    await this.run(async (api) => {
      this.profile = await api.profile();
      if (this.profile.kind === 'member') this.showPrefs(await api.preferences());
    });
  }

  private showPrefs(prefs: MyNotificationPreferences): void {
    this.prefs = prefs;
    this.channels = { ...prefs.channels };
    const q = prefs.quietHours;
    this.quiet = q ? { on: true, ...q } : { ...this.quiet, on: false };
  }

  /** Runs a call with the busy flag; a problem is shown (role=alert), never thrown. */
  private async run(work: (api: MySettingsApi) => Promise<void>): Promise<boolean> {
    if (!this.api) return false;
    this.busy = true;
    this.problem = null;
    try {
      await work(this.api);
      return true;
    } catch (problem) {
      this.problem = problem;
      this.note = null;
      return false;
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    return html`<section part="base" aria-labelledby="title">
      <header part="header"><h2 part="title" id="title">${this.i18n.t('mySettings.title')}</h2></header>
      <div part="body">${this.renderBody()}</div>
    </section>`;
  }

  private renderBody(): TemplateResult {
    const dialog = this.closest('dialog');
    dialog?.setAttribute('aria-label', this.i18n.t('mySettings.title'));
    return html`
      ${
        dialog
          ? html`<button type="button" part="close" class="secondary close" @click=${() => dialog.close()}>
            ${this.i18n.t('mySettings.close')}
          </button>`
          : nothing
      }
      <div role="status" class="hint">${this.note ? this.i18n.t(this.note.key, this.note.params) : ''}</div>
      ${this.problem ? html`<p role="alert" class="error">${problemMessage(this.problem, this.i18n)}</p>` : nothing}
      ${this.profile ? this.renderProfile(this.profile) : html`<p>${this.i18n.t('mySettings.loading')}</p>`}
      ${this.prefs ? this.renderNotifications(this.prefs) : nothing}
    `;
  }

  private renderProfile(p: MyProfile): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<h3 id="profile-heading">${t('mySettings.profile')}</h3>
      <dl aria-labelledby="profile-heading">
        <dt><label for="locale">${t('mySettings.language')}</label></dt>
        <dd>
          <select id="locale" .value=${p.locale ?? ''} ?disabled=${this.busy} @change=${this.onLocale}>
            <option value="" ?selected=${!p.locale}>${t('mySettings.language.page')}</option>
            <option value="en" lang="en" ?selected=${p.locale === 'en'}>${t('mySettings.language.en')}</option>
            <option value="zh-CN" lang="zh-CN" ?selected=${p.locale === 'zh-CN'}>
              ${t('mySettings.language.zh-CN')}
            </option>
          </select>
        </dd>
        ${this.renderContact(p, 'email')} ${this.renderContact(p, 'phone')}
      </dl>`;
  }

  private renderContact(p: MyProfile, kind: ContactKind): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const label = t(kind === 'email' ? 'mySettings.email' : 'mySettings.phone');
    const current = p[kind];
    const editing = this.editing?.kind === kind ? this.editing : null;
    const member = p.kind === 'member';
    return html`<dt id="${kind}-label">${label}</dt>
      <dd aria-labelledby="${kind}-label">
        <span part="${kind}">${current ?? t('mySettings.none')}</span>
        ${
          member && !editing
            ? html`<button
              type="button"
              class="secondary"
              aria-label=${t(kind === 'email' ? 'mySettings.changeEmail' : 'mySettings.changePhone')}
              ?disabled=${!p.verifiable[kind]}
              aria-describedby=${p.verifiable[kind] ? nothing : `${kind}-no-channel`}
              @click=${() => this.startEdit(kind)}
            >
              ${t('mySettings.change')}
            </button>`
            : nothing
        }
        ${
          member && !p.verifiable[kind]
            ? html`<span class="hint" id="${kind}-no-channel">${t('mySettings.noChannel')}</span>`
            : nothing
        }
        ${editing ? this.renderEdit(editing) : nothing}
      </dd>`;
  }

  private renderEdit(e: Editing): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const cancel = html`<button type="button" class="secondary" @click=${() => (this.editing = null)}>
      ${t('mySettings.cancel')}
    </button>`;
    if (e.stage === 'enter') {
      return html`<form class="row" @submit=${this.onSendCode}>
        <label for="new-${e.kind}">${t(e.kind === 'email' ? 'mySettings.newEmail' : 'mySettings.newPhone')}</label>
        <input
          id="new-${e.kind}"
          name="value"
          type=${e.kind === 'email' ? 'email' : 'tel'}
          autocomplete=${e.kind === 'email' ? 'email' : 'tel'}
          required
          .value=${e.value}
          @input=${(ev: Event) => (this.editing = { ...e, value: (ev.target as HTMLInputElement).value })}
        />
        <button type="submit" ?disabled=${this.busy}>${t('mySettings.sendCode')}</button>
        ${cancel}
      </form>`;
    }
    return html`<form class="row" @submit=${this.onConfirm}>
      <label for="code-${e.kind}">${t('mySettings.code', { address: e.value })}</label>
      <input
        id="code-${e.kind}"
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{6}"
        maxlength="6"
        required
        .value=${e.code}
        @input=${(ev: Event) => (this.editing = { ...e, code: (ev.target as HTMLInputElement).value })}
      />
      <button type="submit" ?disabled=${this.busy}>${t('mySettings.confirm')}</button>
      ${cancel}
    </form>`;
  }

  private renderNotifications(prefs: MyNotificationPreferences): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const channelName = (c: Channel) => t(`mySettings.channel.${c}` as MessageKey);
    const urgent = prefs.defaults.urgent.map(channelName).join(', ') || t('mySettings.inAppOnly');
    return html`<h3>${t('mySettings.notifications')}</h3>
      <form @submit=${this.onSavePrefs}>
        ${PRIORITIES.map((p) => this.renderPriority(prefs, p))}
        <p class="hint urgent">${t('mySettings.priority.urgent', { channels: urgent })}</p>
        ${prefs.allowed.quietHours ? this.renderQuiet(prefs) : nothing}
        <button type="submit" ?disabled=${this.busy}>${t('mySettings.save')}</button>
      </form>`;
  }

  private renderPriority(prefs: MyNotificationPreferences, p: Priority): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const open = prefs.allowed.channels[p];
    const fixed = prefs.defaults[p].filter((c) => !open.includes(c));
    const chosenNow = () => this.channels[p] ?? prefs.defaults[p].filter((c) => open.includes(c));
    const chosen = chosenNow();
    const name = (c: Channel) => t(`mySettings.channel.${c}` as MessageKey);
    // Read at the click, not at render: two clicks before a re-render must both count.
    const toggle = (c: Channel, on: boolean) => {
      const current = chosenNow();
      const next = open.filter((x) => (x === c ? on : current.includes(x)));
      this.channels = { ...this.channels, [p]: next };
    };
    return html`<fieldset>
      <legend>${t(`mySettings.priority.${p}`)}</legend>
      ${open.map(
        (c) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="${p}-${c}"
              .checked=${chosen.includes(c)}
              @change=${(e: Event) => toggle(c, (e.target as HTMLInputElement).checked)}
            />${name(c)}</label
          > `,
      )}
      ${fixed.map((c) => html`<span class="hint">${t('mySettings.fixed', { channel: name(c) })}</span> `)}
      ${!open.length && !fixed.length ? html`<span class="hint">${t('mySettings.inAppOnly')}</span>` : nothing}
    </fieldset>`;
  }

  private renderQuiet(prefs: MyNotificationPreferences): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const q = this.quiet;
    const set = (patch: Partial<QuietDraft>) => (this.quiet = { ...this.quiet, ...patch });
    const setFrom = (e: Event, key: 'start' | 'end' | 'timeZone') =>
      set({ [key]: (e.target as HTMLInputElement).value });
    const onStart = (e: Event) => setFrom(e, 'start');
    const onEnd = (e: Event) => setFrom(e, 'end');
    const onZone = (e: Event) => setFrom(e, 'timeZone');
    return html`<fieldset>
      <legend>${t('mySettings.quietHours')}</legend>
      <label class="check"
        ><input
          type="checkbox"
          name="quiet"
          .checked=${q.on}
          aria-describedby="quiet-hint"
          @change=${(e: Event) => set({ on: (e.target as HTMLInputElement).checked })}
        />${t('mySettings.quietHours.on')}</label
      >
      <p class="hint" id="quiet-hint">
        ${t('mySettings.quietHours.hint')}
        ${prefs.allowed.quietUrgent ? nothing : t('mySettings.quietHours.urgentThrough')}
      </p>
      ${
        q.on
          ? html`<div class="row">
              <label for="quiet-start">${t('mySettings.quietHours.from')}</label>
              <input id="quiet-start" type="time" required .value=${q.start} @input=${onStart} />
              <label for="quiet-end">${t('mySettings.quietHours.to')}</label>
              <input id="quiet-end" type="time" required .value=${q.end} @input=${onEnd} />
              <label for="quiet-zone">${t('mySettings.quietHours.timeZone')}</label>
              <input id="quiet-zone" required .value=${q.timeZone} @input=${onZone} />
            </div>
            ${
              prefs.allowed.quietUrgent
                ? html`<label class="check"
                  ><input
                    type="checkbox"
                    name="quiet-urgent"
                    .checked=${q.includeUrgent}
                    @change=${(e: Event) => set({ includeUrgent: (e.target as HTMLInputElement).checked })}
                  />${t('mySettings.quietHours.urgent')}</label
                >`
                : nothing
            }`
          : nothing
      }
    </fieldset>`;
  }

  private startEdit(kind: ContactKind): void {
    this.editing = { kind, stage: 'enter', value: '', code: '' };
    this.note = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#new-${kind}`)?.focus());
  }

  private readonly onLocale = async (e: Event) => {
    const locale = ((e.target as HTMLSelectElement).value || null) as 'en' | 'zh-CN' | null;
    if (await this.run(async (api) => void (this.profile = await api.setLocale(locale))))
      this.note = { key: 'mySettings.saved' };
  };

  private readonly onSendCode = async (e: Event) => {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const sent = await this.run(async (api) => {
      const pending = await api.requestChange(editing.kind, editing.value);
      this.editing = { ...editing, stage: 'code', value: pending.value, code: '' };
      this.note = { key: 'mySettings.codeSent', params: { address: pending.value } };
    });
    if (sent) await this.focusField(`#code-${editing.kind}`);
  };

  private readonly onConfirm = async (e: Event) => {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const done = await this.run(async (api) => {
      this.profile = await api.confirmChange(editing.kind, editing.code.trim());
      this.editing = null;
      const what = this.i18n.t(editing.kind === 'email' ? 'mySettings.email' : 'mySettings.phone');
      this.note = { key: 'mySettings.changed', params: { what, address: editing.value } };
    });
    if (!done) await this.focusField(`#code-${editing.kind}`);
  };

  private readonly onSavePrefs = async (e: Event) => {
    e.preventDefault();
    const q = this.quiet;
    const saved = await this.run(async (api) => {
      this.showPrefs(
        await api.savePreferences({
          channels: this.channels,
          ...(this.prefs?.allowed.quietHours
            ? {
                quietHours: q.on
                  ? { start: q.start, end: q.end, timeZone: q.timeZone, includeUrgent: q.includeUrgent }
                  : null,
              }
            : {}),
        }),
      );
    });
    if (saved) this.note = { key: 'mySettings.saved' };
  };

  private async focusField(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
