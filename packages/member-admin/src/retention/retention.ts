import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { fieldErrorMessages, formatBytes, renderField, type MessageKey } from '@herald/core';
import type { HeraldProblem } from '@herald/client';
import type { RetentionSettings, RetentionSettingsPatch } from '../api/types.js';
import { HeraldSettingsUpdateEvent } from '../events/settings-update.js';
import { adminStrings } from '../i18n/index.js';
import { AdminTab } from '../shared/admin-tab.js';
import { sectionStyles, tabStyles } from '../shared/styles.js';
import { retentionStrings } from './i18n/index.js';
import { styles } from './retention.styles.js';

/** The server's bound (ten years). */
const MAX_DAYS = 3650;
type Policy = Omit<RetentionSettings, 'lastRun'>;
type Run = NonNullable<RetentionSettings['lastRun']>;

/** The form as typed: a switch and the days as text for each limit, so a half-typed number is kept as is. */
interface Draft {
  expiredOn: boolean;
  grace: string;
  ageOn: boolean;
  age: string;
  spareArchived: boolean;
  spareTagged: boolean;
}

const toDraft = (p: Policy): Draft => ({
  expiredOn: p.expiredGraceDays !== null,
  grace: String(p.expiredGraceDays ?? 30),
  ageOn: p.retentionDays !== null,
  age: String(p.retentionDays ?? 365),
  spareArchived: p.spareArchived,
  spareTagged: p.spareTagged,
});

/**
 * The storage tab (issue 19 item 8): how long message content is kept. Expired messages lose their content a number
 * of days after expiry, and messages older than an age limit are deleted, optionally sparing those any recipient
 * archived or tagged; below, what the last background purge freed. Only org admins see the tab; the server refuses
 * everyone else.
 *
 * @tag herald-admin-retention
 * @fires {HeraldSettingsUpdateEvent} herald-settings-update - After a save. `detail.id = 'retention'`.
 * @csspart form - The policy form.
 * @csspart grace - The days-after-expiry field.
 * @csspart age - The age-limit field.
 * @csspart last-run - The last purge's figures.
 */
export class HeraldAdminRetention extends AdminTab {
  static override styles = [...tabStyles, sectionStyles, styles];
  static override catalogues = [adminStrings, retentionStrings];

  @state() private saved: RetentionSettings | null = null;
  @state() private draft: Draft = toDraft({
    expiredGraceDays: null,
    retentionDays: null,
    spareArchived: true,
    spareTagged: true,
  });
  @state() private errors: Partial<Record<'grace' | 'age', string>> = {};

  private readonly settings = this.loader(
    () => [] as const,
    (_, signal) => this.api.retentionSettings(signal),
    (settings) => {
      this.saved = settings;
      this.draft = toDraft(settings);
    },
  );

  protected load(): Promise<void> {
    return this.settings.run();
  }

  private get editable(): boolean {
    return this.can('org.admin');
  }

  /** A number of days the server takes, or the field's message. */
  private days(text: string, min: number): number | string {
    const t = text.trim();
    if (!t) return this.t('field.required');
    const n = Number(t);
    if (!Number.isInteger(n)) return this.t('field.invalid-type');
    if (n < min) return this.t('field.too-small');
    if (n > MAX_DAYS) return this.t('field.too-big');
    return n;
  }

  private inDays(n: number): string {
    return this.i18n.number(n, { style: 'unit', unit: 'day', unitDisplay: 'long' });
  }

  /** What the form asks for now, or field messages. */
  private wanted(): { policy: Policy } | { errors: Partial<Record<'grace' | 'age', string>> } {
    const d = this.draft;
    const grace = d.expiredOn ? this.days(d.grace, 0) : null;
    const age = d.ageOn ? this.days(d.age, 1) : null;
    const errors: Partial<Record<'grace' | 'age', string>> = {};
    if (typeof grace === 'string') errors.grace = grace;
    if (typeof age === 'string') errors.age = age;
    if (Object.keys(errors).length) return { errors };
    return {
      policy: {
        expiredGraceDays: grace as number | null,
        retentionDays: age as number | null,
        spareArchived: d.spareArchived,
        spareTagged: d.spareTagged,
      },
    };
  }

  private async save(event: Event) {
    event.preventDefault();
    if (!this.saved || !this.editable) return;
    const wanted = this.wanted();
    if ('errors' in wanted) {
      this.errors = wanted.errors;
      this.error = this.t('problem.validation');
      this.notice = '';
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    this.errors = {};
    const s = this.saved;
    const patch: RetentionSettingsPatch = Object.fromEntries(
      (Object.keys(wanted.policy) as Array<keyof Policy>)
        .filter((k) => wanted.policy[k] !== s[k])
        .map((k) => [k, wanted.policy[k]]),
    );
    if (!Object.keys(patch).length) {
      this.notice = this.t('admin.retention.unchanged');
      return;
    }
    const saved = await this.run(() => this.api.updateRetentionSettings(patch));
    if (!saved) return;
    this.saved = saved;
    this.draft = toDraft(saved);
    this.emit(new HeraldSettingsUpdateEvent({ id: 'retention' }));
    this.notice = this.t('admin.retention.saved');
  }

  protected override onProblem(problem: HeraldProblem | undefined): void {
    if (!problem?.errors?.length) return;
    const by = fieldErrorMessages(problem.errors, ['expiredGraceDays', 'retentionDays'], this.i18n);
    this.errors = { grace: by.expiredGraceDays, age: by.retentionDays };
  }

  private set(patch: Partial<Draft>) {
    this.draft = { ...this.draft, ...patch };
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.settings)}</div>
      <div role="status" part="status">${this.notice}</div>
      ${this.renderLoaded(this.settings, (loading) =>
        this.saved
          ? html`${this.renderForm()}${this.renderLastRun(this.saved.lastRun)}`
          : html`<p class="muted">${loading ? this.t('common.loading') : ''}</p>`,
      )}`;
  }

  private renderForm() {
    const d = this.draft;
    const editable = this.editable;
    const grace = this.days(d.grace, 0);
    const age = this.days(d.age, 1);
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="retention-title">
      <h3 id="retention-title">${this.t('admin.retention.title')}</h3>
      <p class="muted intro">${this.t(editable ? 'admin.retention.intro' : 'admin.retention.readOnly')}</p>
      <fieldset class="wide">
        <legend>${this.t('admin.retention.expiredGroup')}</legend>
        <label class="check"><input type="checkbox" id="expired-on" .checked=${d.expiredOn}
          ?disabled=${!editable}
          @change=${(e: Event) => this.set({ expiredOn: (e.target as HTMLInputElement).checked })}
          />${this.t('admin.retention.expiredOn')}</label>
        ${
          d.expiredOn
            ? this.daysField('grace', 'admin.retention.grace', 'admin.retention.graceHint', d.grace, 0, editable, () =>
                typeof grace !== 'number'
                  ? ''
                  : grace === 0
                    ? this.t('admin.retention.graceNow')
                    : this.t('admin.retention.graceEffect', { days: this.inDays(grace) }),
              )
            : html`<p class="muted" data-effect="grace">${this.t('admin.retention.off')}</p>`
        }
      </fieldset>
      <fieldset class="wide">
        <legend>${this.t('admin.retention.ageGroup')}</legend>
        <label class="check"><input type="checkbox" id="age-on" .checked=${d.ageOn}
          ?disabled=${!editable} @change=${(e: Event) => this.set({ ageOn: (e.target as HTMLInputElement).checked })}
          />${this.t('admin.retention.ageOn')}</label>
        ${
          d.ageOn
            ? html`${this.daysField('age', 'admin.retention.age', 'admin.retention.ageHint', d.age, 1, editable, () =>
                typeof age === 'number' ? this.t('admin.retention.ageEffect', { days: this.inDays(age) }) : '',
              )}
              <label class="check"><input type="checkbox" id="spare-archived" .checked=${d.spareArchived}
                ?disabled=${!editable} aria-describedby="spare-hint"
                @change=${(e: Event) => this.set({ spareArchived: (e.target as HTMLInputElement).checked })}
                />${this.t('admin.retention.spareArchived')}</label>
              <label class="check"><input type="checkbox" id="spare-tagged" .checked=${d.spareTagged}
                ?disabled=${!editable} aria-describedby="spare-hint"
                @change=${(e: Event) => this.set({ spareTagged: (e.target as HTMLInputElement).checked })}
                />${this.t('admin.retention.spareTagged')}</label>
              <p id="spare-hint" class="muted">${this.t('admin.retention.spareHint')}</p>`
            : html`<p class="muted" data-effect="age">${this.t('admin.retention.off')}</p>`
        }
      </fieldset>
      ${
        editable
          ? html`<div class="actions">
              <button type="submit" ?disabled=${this.busy}>${this.t('admin.save')}</button>
            </div>`
          : nothing
      }
    </form>`;
  }

  private daysField(
    id: 'grace' | 'age',
    label: MessageKey,
    hint: MessageKey,
    value: string,
    min: number,
    editable: boolean,
    effect: () => string,
  ) {
    return renderField(
      {
        id,
        label: this.t(label),
        // The hint says what the number means now, so a screen reader hears it with the field.
        hint: html`${this.t(hint)} <span class="effect" data-effect=${id}>${effect()}</span>`,
        error: this.errors[id],
        part: id,
      },
      (w) => html`<input id=${id} type="number" inputmode="numeric" min=${min} max=${MAX_DAYS} step="1"
        .value=${value} ?readonly=${!editable} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
        @input=${(e: Event) => {
          this.set({ [id]: (e.target as HTMLInputElement).value });
          this.errors = { ...this.errors, [id]: undefined };
        }} />`,
    );
  }

  private renderLastRun(run: Run | null) {
    const n = (v: number) => this.i18n.number(v);
    const bytes = (v: number) => formatBytes(v, this.i18n.locale);
    const rows: Array<[MessageKey, string]> = run
      ? [
          ['admin.retention.ranAt', this.i18n.date(run.finishedAt)],
          ['admin.retention.expiredMessages', n(run.expiredMessages)],
          ['admin.retention.retentionMessages', n(run.retentionMessages)],
          ['admin.retention.sparedMessages', n(run.sparedMessages)],
          ['admin.retention.files', n(run.files)],
          ['admin.retention.fileBytes', bytes(run.fileBytes)],
          ['admin.retention.contentBytes', bytes(run.contentBytes)],
          ['admin.retention.pendingBlobs', n(run.pendingBlobs)],
        ]
      : [];
    return html`<section class="wide" part="last-run" aria-labelledby="last-run-title">
      <h4 id="last-run-title">${this.t('admin.retention.lastRun')}</h4>
      ${
        run
          ? html`<dl>${rows.map(([k, v]) => html`<div data-figure=${k}><dt>${this.t(k)}</dt><dd>${v}</dd></div>`)}</dl>
            ${
              run.error
                ? html`<p class="field-error">${this.t('admin.retention.error', { error: run.error })}</p>`
                : nothing
            }`
          : html`<p class="muted">${this.t('admin.retention.never')}</p>`
      }
    </section>`;
  }
}
