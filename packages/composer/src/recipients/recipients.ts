// The recipient picker: a combobox searching the directory, the picked recipients as chips, and the
// "reaches N people" count of the resolved audience.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { isProblem } from '@herald/client';
import type { AudienceCount, DirectoryItem } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';
import { audienceOf, type Recipient } from '../composer/state.js';

const SEARCH_DEBOUNCE_MS = 200;
const COUNT_DEBOUNCE_MS = 400;

/** The head count shown beside a directory hit or chip (members and contacts have none). */
const countOf = (item: DirectoryItem, sub: boolean): number | null | undefined => {
  if (item.kind === 'department') return sub ? item.memberCountWithSubdepartments : item.memberCount;
  return item.kind === 'group' ? item.memberCount : undefined;
};

/** Registered with the composer: its debounced searches and counts stop when the composer is removed. */
export class RecipientsController implements ReactiveController {
  /** Server errors on single recipients, by index. */
  itemErrors = new Map<number, string>();
  /** The last resolved audience (null while none, or unknown). */
  reach: AudienceCount | null = null;
  private query = '';
  private results: DirectoryItem[] = [];
  private listOpen = false;
  private active = -1;
  private counting = false;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchAbort?: AbortController;
  private countTimer?: ReturnType<typeof setTimeout>;
  private countAbort?: AbortController;

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
    clearTimeout(this.countTimer);
  }

  /** Back to nothing typed, nothing counted (the picked recipients live in the composer's state). */
  reset(): void {
    this.itemErrors = new Map();
    this.reach = null;
    this.query = '';
    this.results = [];
    this.listOpen = false;
    this.host.requestUpdate();
  }

  setErrors(errors: Map<number, string>): void {
    this.itemErrors = errors;
    this.host.requestUpdate();
  }

  setReach(reach: AudienceCount | null): void {
    this.reach = reach;
    this.host.requestUpdate();
  }

  private searchKinds(): string[] {
    return this.ctx.state().kind === 'external'
      ? ['member', 'department', 'group', 'contact']
      : ['member', 'department', 'group'];
  }

  private search(now = false): void {
    clearTimeout(this.searchTimer);
    const run = async () => {
      this.searchAbort?.abort();
      const controller = (this.searchAbort = new AbortController());
      try {
        const items = (await this.ctx.api()?.directory(this.query.trim(), this.searchKinds(), controller.signal)) ?? [];
        if (controller.signal.aborted) return;
        const picked = new Set(this.ctx.state().recipients.map((r) => `${r.kind}:${r.id}`));
        this.results = items.filter((i) => !picked.has(`${i.kind}:${i.id}`));
        this.active = this.results.length ? 0 : -1;
        this.listOpen = true;
      } catch {
        if (!controller.signal.aborted) this.results = [];
      }
      this.host.requestUpdate();
    };
    if (now) void run();
    else this.searchTimer = setTimeout(run, SEARCH_DEBOUNCE_MS);
  }

  private onQueryInput = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
    // The list shows hits for what is typed now, never for an older query (Enter must not pick a stale hit).
    clearTimeout(this.searchTimer);
    this.searchAbort?.abort();
    this.listOpen = false;
    this.active = -1;
    this.host.requestUpdate();
    this.search();
  };

  private onQueryKey = (e: KeyboardEvent): void => {
    const count = this.results.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!this.listOpen) return this.search(true);
        if (count) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : count - 1) + count) % count;
        this.host.requestUpdate();
        return;
      case 'Enter':
        if (this.listOpen && this.active >= 0 && this.results[this.active]) {
          e.preventDefault();
          this.pick(this.results[this.active]!);
        } else if (this.listOpen) e.preventDefault();
        return;
      case 'Escape':
        if (this.listOpen) {
          e.preventDefault();
          e.stopPropagation();
          this.listOpen = false;
        } else if (this.query) this.query = '';
        this.host.requestUpdate();
        return;
      case 'Backspace':
        if (!this.query && this.ctx.state().recipients.length) this.remove(this.ctx.state().recipients.length - 1);
        return;
    }
  };

  private pick(item: DirectoryItem): void {
    const recipient: Recipient = { ...item, includeSubdepartments: true };
    this.ctx.update({ recipients: [...this.ctx.state().recipients, recipient] }, 'recipients');
    this.query = '';
    this.results = [];
    this.listOpen = false;
    this.active = -1;
    this.itemErrors = new Map();
    this.host.requestUpdate();
    this.scheduleCount();
    this.host.renderRoot.querySelector<HTMLInputElement>('#recipients')?.focus();
  }

  private remove(index: number): void {
    this.ctx.update({ recipients: this.ctx.state().recipients.filter((_, i) => i !== index) }, 'recipients');
    this.itemErrors = new Map();
    this.host.requestUpdate();
    this.scheduleCount();
  }

  private toggleSubdepartments(index: number, on: boolean): void {
    this.ctx.update(
      {
        recipients: this.ctx.state().recipients.map((r, i) => (i === index ? { ...r, includeSubdepartments: on } : r)),
      },
      'recipients',
    );
    this.scheduleCount();
  }

  /** "Reaches N people", debounced. */
  scheduleCount(): void {
    clearTimeout(this.countTimer);
    this.host.requestUpdate();
    if (!this.ctx.state().recipients.length) {
      this.countAbort?.abort();
      this.reach = null;
      this.counting = false;
      return;
    }
    this.counting = true;
    this.countTimer = setTimeout(async () => {
      this.countAbort?.abort();
      const controller = (this.countAbort = new AbortController());
      try {
        const s = this.ctx.state();
        const reach = await this.ctx.api()!.audience(s.kind, audienceOf(s), controller.signal);
        if (controller.signal.aborted) return;
        this.reach = reach;
        // The server accepts this audience now (e.g. contacts after switching to external): its old complaints are
        // gone.
        this.ctx.clearError('recipients');
        this.itemErrors = new Map();
      } catch (error) {
        if (controller.signal.aborted) return;
        this.reach = null;
        if (isProblem(error)) this.ctx.showProblem(error, false);
      } finally {
        if (!controller.signal.aborted) this.counting = false;
        this.host.requestUpdate();
      }
    }, COUNT_DEBOUNCE_MS);
  }

  /* eslint-disable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events --
    the combobox is named by <label for="recipients">; its options are chosen with the keys on the input
    (aria-activedescendant) */
  render(): TemplateResult {
    const { t, plural } = this.ctx;
    const recipients = this.ctx.state().recipients;
    const expanded = this.listOpen;
    const activeId = expanded && this.active >= 0 && this.results[this.active] ? `option-${this.active}` : '';
    return html`<div part="recipients" class="field wide">
      <label for="recipients">${t('composer.recipients')}</label>
      ${
        recipients.length
          ? html`<ul class="chips" aria-label=${t('composer.recipients.chosen')}>
            ${recipients.map((r, i) => {
              const count = countOf(r, r.includeSubdepartments);
              const error = this.itemErrors.get(i);
              return html`<li part="chip" class=${error ? 'invalid' : ''}
                aria-describedby=${error ? `chip-error-${i}` : nothing}>
                <span class="chip-kind">${t(`composer.recipients.kind.${r.kind}`)}</span>
                <span class="chip-name">${r.name}</span>
                ${
                  typeof count === 'number'
                    ? html`<span class="muted"
                  >${plural('composer.recipients.people', count)}</span>`
                    : nothing
                }
                ${
                  r.kind === 'department'
                    ? html`<label class="check small"><input type="checkbox" .checked=${r.includeSubdepartments}
                      @change=${(e: Event) => this.toggleSubdepartments(i, (e.target as HTMLInputElement).checked)}
                        />${t('composer.recipients.subdepartments')}<span class="visually-hidden"> (${r.name})</span
                        ></label>`
                    : nothing
                }
                <button type="button" class="quiet" aria-label=${t('composer.recipients.remove', { name: r.name })}
                  @click=${() => this.remove(i)}><span aria-hidden="true">×</span></button>
                ${error ? html`<span class="field-error" id="chip-error-${i}">${error}</span>` : nothing}
              </li>`;
            })}
          </ul>`
          : nothing
      }
      <div class="combobox" @focusout=${(e: FocusEvent) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) {
          this.listOpen = false;
          this.host.requestUpdate();
        }
      }}>
        <input id="recipients" type="text" role="combobox" autocomplete="off" aria-autocomplete="list"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="recipient-results" aria-activedescendant=${activeId || nothing}
            aria-describedby="recipients-hint recipients-reach recipients-error"
          aria-invalid=${this.ctx.error('recipients') ? 'true' : 'false'}
            placeholder=${t('composer.recipients.placeholder')}
          .value=${this.query} @input=${this.onQueryInput} @keydown=${this.onQueryKey}
            @focus=${() => !this.query && !this.listOpen && this.search(true)} />
        <ul id="recipient-results" part="listbox" role="listbox" aria-label=${t('composer.recipients.results')}
          ?hidden=${!expanded}>
          ${
            this.results.length
              ? this.results.map((item, i) => {
                  const count = countOf(item, true);
                  return html`<li role="option" id="option-${i}" aria-selected=${i === this.active ? 'true' : 'false'}
                    class=${i === this.active ? 'active' : ''}
                  @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick(item)}>
                  <span class="chip-kind">${t(`composer.recipients.kind.${item.kind}`)}</span>
                  <span>${item.name}</span>
                  ${item.detail ? html`<span class="muted">${item.detail}</span>` : nothing}
                  ${
                    typeof count === 'number'
                      ? html`<span class="muted"
                    >${plural('composer.recipients.people', count)}</span>`
                      : nothing
                  }
                </li>`;
                })
              : html`<li role="option" aria-disabled="true" aria-selected="false" class="muted"
                >${t('composer.recipients.none')}</li>`
          }
        </ul>
      </div>
      <p class="muted" id="recipients-hint">${t('composer.recipients.hint')}</p>
      <p class="reach" id="recipients-reach" aria-live="polite">${
        this.counting
          ? t('composer.recipients.counting')
          : this.reach
            ? `${plural('composer.recipients.reaches', this.reach.total)}${reachReasons(this.ctx, this.reach)}`
            : ''
      }</p>
      ${this.ctx.renderError('recipients')}
    </div>`;
  }
  /* eslint-enable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events */
}

/**
 * Why the reach is lower than the chips' head counts, in words (issue 23): the sender is left out, and people picked
 * through several entries are counted once. Empty when neither applies.
 */
export function reachReasons(ctx: Pick<ComposerContext, 't'>, reach: AudienceCount): string {
  const overlap = reach.entries.reduce((n, e) => n + e.count, 0) > reach.total;
  return `${reach.senderLeftOut ? ctx.t('composer.recipients.notYou') : ''}${
    overlap ? ctx.t('composer.recipients.overlap') : ''
  }`;
}
