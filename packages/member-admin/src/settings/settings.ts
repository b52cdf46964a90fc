import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import {
  fieldErrorMessage,
  fieldErrorMessages,
  formatBytes,
  renderField,
  type LocalizeController,
  type MessageKey,
} from '@herald/core';
import type { HeraldProblem } from '@herald/client';
import type { MessagingSettings, MessagingSettingsPatch } from '../api/types.js';
import { HeraldSettingsUpdateEvent } from '../events/settings-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { sectionStyles, tabStyles } from '../shared/styles.js';
import { styles } from './settings.styles.js';

type ListName = 'linkBlocklist' | 'linkAllowlist';
const LISTS: readonly ListName[] = ['linkBlocklist', 'linkAllowlist'];
/** The server's bound (a year of minutes). */
const MAX_RECALL_MINUTES = 525_600;

/** The form as typed: the recall window stays text until saved, so a half-typed value is kept as is. */
interface Draft {
  recallWindowMinutes: string;
  linkBlocklist: string[];
  linkAllowlist: string[];
}

const toDraft = (s: MessagingSettings): Draft => ({
  recallWindowMinutes: String(s.recallWindowMinutes),
  linkBlocklist: [...s.linkBlocklist],
  linkAllowlist: [...s.linkAllowlist],
});
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const noItemErrors = (): Record<ListName, Record<string, string>> => ({ linkBlocklist: {}, linkAllowlist: {} });

/**
 * What a person typed or pasted, as domains: split on spaces, commas, semicolons and new lines; a pasted URL gives its
 * host, a leading `*.` is dropped (a domain already covers its subdomains). Validation and lower-casing are the
 * server's.
 */
export function domainsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => {
      let d = part.trim();
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(d) || d.startsWith('//')) {
        try {
          d = new URL(d.startsWith('//') ? `http:${d}` : d).hostname;
        } catch {
          // not a URL after all: left for the server to judge
        }
      }
      return d.replace(/^\*\./, '').replace(/\.$/, '');
    })
    .filter(Boolean);
}

/** A whole number of minutes in the largest unit that divides it: 1440 → "1 day", 90 → "90 minutes". */
function duration(minutes: number, i18n: LocalizeController): string {
  const [value, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return i18n.number(value, { style: 'unit', unit, unitDisplay: 'long' });
}

/** Bytes in binary multiples, as the server counts them: 52428800 → "50 MB". */
const size = (bytes: number, i18n: LocalizeController) => formatBytes(bytes, i18n.locale);

/**
 * The settings tab: the organisation's messaging policy. The recall window (minutes; 0 = senders cannot recall), the
 * link block list and trust (allow) list as editable lists of domains, and the server's attachment limits (read only).
 * Saving sends only what changed; the server's per-domain errors are shown beside the domain they name. Only org
 * admins may change the policy; anyone else sees it read only.
 *
 * @tag herald-admin-settings
 * @fires {HeraldSettingsUpdateEvent} herald-settings-update - After a save. `detail.id = 'messaging'`.
 * @csspart form - The settings form.
 * @csspart recall - The recall window field.
 * @csspart domains - A list of domains (`linkBlocklist` or `linkAllowlist` is its `data-list`).
 * @csspart domain - One domain in a list.
 * @csspart limits - The attachment limits.
 * @csspart dirty - The "unsaved changes" note.
 * @csspart empty - Said when the policy cannot be shown.
 * @csspart domains-empty - Said when a domain list is empty.
 */
export class HeraldAdminSettings extends AdminTab {
  static override styles = [...tabStyles, sectionStyles, styles];

  @state() private saved: MessagingSettings | null = null;
  @state() private draft: Draft = { recallWindowMinutes: '', linkBlocklist: [], linkAllowlist: [] };
  /** Text typed into each list's "add" box, not yet added. */
  @state() private typed: Record<ListName, string> = { linkBlocklist: '', linkAllowlist: '' };
  @state() private recallError = '';
  /** A list's own problem (e.g. too many domains). */
  @state() private listErrors: Partial<Record<ListName, string>> = {};
  /**
   * Server errors by list and domain: keyed by the domain, not its index, so removing one does not move the others'
   * messages.
   */
  @state() private itemErrors = noItemErrors();
  /** The patch being saved, to map `errors[].path` (`linkBlocklist.3`) back to the domain sent at that index. */
  private sending?: MessagingSettingsPatch;

  /** The settings; leaving the tab aborts the load, and a newer one supersedes an older (issue 16). */
  private readonly settings = this.loader(
    () => [] as const,
    (_, signal) => this.api.messagingSettings(signal),
    (settings) => {
      // A reload while the admin is editing keeps the edits (the baseline still moves on).
      if (!this.saved || !this.dirty) this.draft = toDraft(settings);
      this.saved = settings;
    },
  );

  protected load(): Promise<void> {
    return this.settings.run();
  }

  private get editable(): boolean {
    return this.can('org.admin');
  }

  /** Has the form something the server does not have yet (including a domain typed but not added)? */
  private get dirty(): boolean {
    const s = this.saved;
    if (!s) return false;
    const d = this.draft;
    return (
      d.recallWindowMinutes.trim() !== String(s.recallWindowMinutes) ||
      !sameList(d.linkBlocklist, s.linkBlocklist) ||
      !sameList(d.linkAllowlist, s.linkAllowlist) ||
      LISTS.some((l) => this.typed[l].trim() !== '')
    );
  }

  /** Adds what was typed into a list's box (already listed domains are skipped, and said so). */
  private addTyped(list: ListName): void {
    const domains = domainsOf(this.typed[list]);
    if (!domains.length) return;
    const present = new Set(this.draft[list].map((d) => d.toLowerCase()));
    const fresh: string[] = [];
    const repeated: string[] = [];
    for (const d of domains) {
      if (present.has(d.toLowerCase())) repeated.push(d);
      else {
        present.add(d.toLowerCase());
        fresh.push(d);
      }
    }
    this.draft = { ...this.draft, [list]: [...this.draft[list], ...fresh] };
    this.typed = { ...this.typed, [list]: '' };
    this.listErrors = { ...this.listErrors, [list]: undefined };
    const separator = this.t('admin.listSeparator');
    this.notice = [
      fresh.length ? this.t('admin.settings.added', { domains: fresh.join(separator) }) : '',
      repeated.length ? this.t('admin.settings.duplicate', { domain: repeated.join(separator) }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  private removeDomain(list: ListName, index: number) {
    const domain = this.draft[list][index]!;
    const rest = this.draft[list].filter((_, i) => i !== index);
    this.draft = { ...this.draft, [list]: rest };
    const { [domain]: _gone, ...errors } = this.itemErrors[list];
    this.itemErrors = { ...this.itemErrors, [list]: errors };
    this.notice = this.t('admin.settings.removed', { domain });
    // Focus stays in the list: on the domain that took this one's place, else the previous one, else the add box.
    void this.updateComplete.then(() => {
      const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>(
        `[data-list="${list}"] [part="domain"] button`,
      );
      (
        buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLInputElement>(`#${list}-add`)
      )?.focus();
    });
  }

  private onAddKeydown(list: ListName, event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.isComposing) return;
    // Enter adds the domain; it must not submit the form.
    event.preventDefault();
    this.addTyped(list);
  }

  /** The recall window as a number, or a field message when it is not one the server takes. */
  private recallValue(): number | string {
    const text = this.draft.recallWindowMinutes.trim();
    if (!text) return this.t('field.required');
    const value = Number(text);
    if (!Number.isInteger(value)) return this.t('field.invalid-type');
    if (value < 0) return this.t('field.too-small');
    if (value > MAX_RECALL_MINUTES) return this.t('field.too-big');
    return value;
  }

  /** What the recall window entered means, in words (nothing while it is not a valid number). */
  private recallEffect(recall: number | string): string {
    if (typeof recall !== 'number') return '';
    if (recall === 0) return this.t('admin.settings.recallNone');
    return this.t('admin.settings.recallFor', { duration: duration(recall, this.i18n) });
  }

  private discard() {
    if (!this.saved) return;
    this.draft = toDraft(this.saved);
    this.typed = { linkBlocklist: '', linkAllowlist: '' };
    this.recallError = '';
    this.listErrors = {};
    this.itemErrors = noItemErrors();
    this.error = '';
    this.notice = this.t('admin.settings.discarded');
  }

  private async save(event: Event) {
    event.preventDefault();
    if (!this.saved || !this.editable) return;
    // A domain typed but not yet added is meant to be saved too.
    for (const list of LISTS) this.addTyped(list);
    const recall = this.recallValue();
    this.recallError = typeof recall === 'string' ? recall : '';
    this.listErrors = {};
    this.itemErrors = noItemErrors();
    if (typeof recall === 'string') {
      this.error = this.t('problem.validation');
      this.notice = '';
      this.renderRoot.querySelector<HTMLInputElement>('#recall')?.focus();
      return;
    }
    const s = this.saved;
    const d = this.draft;
    const patch: MessagingSettingsPatch = {
      ...(recall !== s.recallWindowMinutes ? { recallWindowMinutes: recall } : {}),
      ...(!sameList(d.linkBlocklist, s.linkBlocklist) ? { linkBlocklist: d.linkBlocklist } : {}),
      ...(!sameList(d.linkAllowlist, s.linkAllowlist) ? { linkAllowlist: d.linkAllowlist } : {}),
    };
    if (!Object.keys(patch).length) {
      this.draft = toDraft(s);
      this.notice = this.t('admin.settings.unchanged');
      return;
    }
    this.sending = patch;
    const saved = await this.run(() => this.api.updateMessagingSettings(patch));
    this.sending = undefined;
    if (!saved) {
      this.focusFirstError();
      return;
    }
    this.saved = saved;
    this.draft = toDraft(saved);
    this.emit(new HeraldSettingsUpdateEvent({ id: 'messaging' }));
    this.notice = this.t('admin.settings.saved');
  }

  protected override onProblem(problem: HeraldProblem | undefined): void {
    const sent = this.sending;
    if (!problem?.errors?.length || !sent) return;
    this.recallError = fieldErrorMessages(problem.errors, ['recallWindowMinutes'], this.i18n).recallWindowMinutes ?? '';
    const items = noItemErrors();
    const lists: Partial<Record<ListName, string>> = {};
    for (const e of problem.errors) {
      const m = /^(linkBlocklist|linkAllowlist)(?:\.(\d+))?$/.exec(e.path ?? '');
      if (!m) continue;
      const list = m[1] as ListName;
      const domain = m[2] !== undefined ? sent[list]?.[Number(m[2])] : undefined;
      if (domain !== undefined) items[list][domain] = fieldErrorMessage(e, this.i18n);
      else lists[list] = fieldErrorMessage(e, this.i18n);
    }
    this.itemErrors = items;
    this.listErrors = lists;
  }

  private focusFirstError() {
    void this.updateComplete.then(() => {
      this.renderRoot
        .querySelector<HTMLElement>(
          '#recall[aria-invalid="true"], [part~="domain"].invalid button, [data-list] input[aria-invalid="true"]',
        )
        ?.focus();
    });
  }

  override render() {
    return html`
      <div role="alert" part="alert">${this.error || this.loadProblem(this.settings)}</div>
      <div role="status" part="status">${this.notice}</div>
      ${this.renderLoaded(this.settings, (loading) =>
        this.saved
          ? this.renderForm(this.saved)
          : html`<p class="muted" part="empty">${loading ? this.t('common.loading') : ''}</p>`,
      )}`;
  }

  private renderForm(saved: MessagingSettings) {
    const d = this.draft;
    const editable = this.editable;
    const recall = this.recallValue();
    const dirty = this.dirty;
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="settings-title">
      <h3 id="settings-title">${this.t('admin.settings.title')}</h3>
      <p class="muted intro">${this.t(editable ? 'admin.settings.intro' : 'admin.settings.readOnly')}</p>
      ${renderField(
        {
          id: 'recall',
          label: this.t('admin.settings.recall'),
          // The hint says what the number means now, so a screen reader hears it with the field.
          hint: html`${this.t('admin.settings.recallHint')}
            <span id="recall-effect" class="effect">${this.recallEffect(recall)}</span>`,
          error: this.recallError,
          part: 'recall',
        },
        (w) => html`<input id="recall" type="number" inputmode="numeric" min="0" max=${MAX_RECALL_MINUTES} step="1"
          .value=${d.recallWindowMinutes} ?readonly=${!editable} aria-invalid=${w.invalid}
            aria-describedby=${w.describedBy}
          @input=${(e: Event) => {
            this.draft = { ...this.draft, recallWindowMinutes: (e.target as HTMLInputElement).value };
            this.recallError = '';
          }} />`,
      )}
      ${LISTS.map((list) => this.renderList(list, editable))}
      <section class="wide" part="limits" aria-labelledby="limits-title">
        <h4 id="limits-title">${this.t('admin.settings.limits')}</h4>
        <dl>
          <div><dt>${this.t('admin.settings.maxFile')}</dt><dd>${size(saved.maxFileBytes, this.i18n)}</dd></div>
          <div><dt>${this.t('admin.settings.maxMessage')}</dt><dd>${size(saved.maxMessageBytes, this.i18n)}</dd></div>
        </dl>
        <p class="muted">${this.t('admin.settings.limitsHint')}</p>
      </section>
      ${
        editable
          ? html`<div class="actions">
        <button type="submit" ?disabled=${this.busy || !dirty}>${this.t('admin.save')}</button>
        ${
          dirty
            ? html`<button type="button" class="secondary" @click=${this.discard}
              >${this.t('admin.settings.discard')}</button>
          <span part="dirty" class="muted">${this.t('admin.settings.unsaved')}</span>`
            : nothing
        }
      </div>`
          : nothing
      }
    </form>`;
  }

  private renderList(list: ListName, editable: boolean) {
    const domains = this.draft[list];
    const errors = this.itemErrors[list];
    const listError = this.listErrors[list];
    const name = list === 'linkBlocklist' ? 'blocklist' : 'allowlist';
    return html`<fieldset class="wide" data-list=${list} aria-describedby="${list}-hint">
      <legend>${this.t(`admin.settings.${name}` as MessageKey)}</legend>
      <p id="${list}-hint" class="muted">${this.t(`admin.settings.${name}Hint` as MessageKey)}</p>
      ${
        domains.length
          ? html`<ul part="domains" data-list=${list} aria-label=${this.t(`admin.settings.${name}` as MessageKey)}
            >${domains.map((domain, i) => {
              const error = errors[domain];
              return html`<li part="domain" class=${error ? 'invalid' : ''}>
            <span class="name">${domain}</span>
            ${
              editable
                ? html`<button type="button" class="small secondary"
                  aria-label=${this.t('admin.settings.removeDomain', { domain })}
              aria-describedby=${error ? `${list}-${i}-error` : nothing} @click=${() => this.removeDomain(list, i)}
                >×</button>`
                : nothing
            }
            ${error ? html`<span id="${list}-${i}-error" class="field-error">${error}</span>` : nothing}
          </li>`;
            })}</ul>`
          : html`<p class="muted" part="domains-empty">${this.t('admin.settings.noDomains')}</p>`
      }
      ${
        editable
          ? renderField(
              {
                id: `${list}-add`,
                label: this.t(list === 'linkBlocklist' ? 'admin.settings.addBlocked' : 'admin.settings.addAllowed'),
                hint: this.t('admin.settings.addHint'),
                error: listError,
              },
              (w) => html`<div class="adder">
                <input id="${list}-add" type="text" autocomplete="off" autocapitalize="none" spellcheck="false"
                  placeholder="example.com" .value=${this.typed[list]} aria-invalid=${w.invalid}
                    aria-describedby=${w.describedBy}
                  @input=${(e: Event) => (this.typed = { ...this.typed, [list]: (e.target as HTMLInputElement).value })}
                  @keydown=${(e: KeyboardEvent) => this.onAddKeydown(list, e)} />
                <button type="button" class="secondary" @click=${() => this.addTyped(list)}
                  >${this.t('admin.settings.add')}</button>
              </div>`,
            )
          : nothing
      }
    </fieldset>`;
  }
}
