// Issue 19: the composer's template dialogs, "Use a template" (a searchable list: name or subject, pinyin and its
// initials too, matched by the server as the recipient picker's search is) and "Save as template". A lazy chunk of
// its own, loaded the first time one is opened. It takes lit's `html` and `nothing` from the composer instead of
// importing them: a lazy chunk that imports lit moves lit out of the composer's first-load file into a shared chunk,
// which cost 1.2 KB gzip of the composer's 35 KB budget (bench/widget-size.bench.ts).
import type { html as litHtml, nothing as litNothing, ReactiveController, TemplateResult } from 'lit';
import type { MessageKind, MessageTemplate, TemplateScope } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';
import type { StateRules } from '../composer/state.js';
import { HeraldTemplateApplyEvent } from '../events/template-apply.js';
import { HeraldTemplateSaveEvent } from '../events/template-save.js';
import { stateFromTemplate, templateFrom } from './apply.js';

export { templatesStyles } from './templates.styles.js';

/** The dialogs' strings per locale (issue 19); the composer makes them a catalogue when this chunk has loaded. */
export const templateStrings = {
  en: () => import('./i18n/en.js').then((m) => m.en),
  'zh-CN': () => import('./i18n/zh-CN.js').then((m) => m.zhCN),
};

const SEARCH_DEBOUNCE_MS = 200;
/** What the "Save as template" hint shows as the placeholders (not translated: they are typed as they are). */
export const PLACEHOLDER_LIST = '{{name}}, {{date}}, {{due}}';

export interface TemplatesOptions {
  /** The kinds the member may send (a template of another kind keeps the composer's). */
  kinds(): MessageKind[];
  /** May save organisation templates (`message.manage`). */
  canShare(): boolean;
  /** A template was chosen: the composer takes `state` (the message with it applied). */
  applied(template: MessageTemplate, state: ReturnType<ComposerContext['state']>): void;
  /** The message was saved as a template. */
  saved(template: MessageTemplate): void;
  /** A failed save in words. */
  problemText(error: unknown): string;
  /** lit's own, from the composer (see above). */
  lit: { html: typeof litHtml; nothing: typeof litNothing };
  /** The composer's state rules (state.ts, which this chunk does not import for the same reason). */
  rules: StateRules;
}

/** Drives the composer's updates through `host.requestUpdate()`; the composer calls `sync()` after each update. */
export class TemplatesController implements ReactiveController {
  private mode: 'use' | 'save' | null = null;
  private query = '';
  private found: MessageTemplate[] | null = null;
  private active = -1;
  private name = '';
  private scope: TemplateScope = 'personal';
  private nameError = '';
  private saveError = '';
  private saving = false;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchAbort?: AbortController;

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
    private readonly options: TemplatesOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Opens "Use a template" with every template the member may use, or "Save as template" named after the subject. */
  open(mode: 'use' | 'save'): void {
    this.mode = mode;
    if (mode === 'use') {
      this.query = '';
      this.found = null;
      this.search(true);
    } else {
      this.name = this.ctx.state().subject.trim().slice(0, 100);
      this.scope = 'personal';
      this.nameError = '';
      this.saveError = '';
    }
    this.host.requestUpdate();
  }

  close = (): void => {
    clearTimeout(this.searchTimer);
    this.searchAbort?.abort();
    if (this.mode === null) return;
    this.mode = null;
    this.host.requestUpdate();
  };

  /** Opens or closes the `<dialog>`s to match (after each update of the composer). */
  sync(): void {
    for (const id of ['use', 'save'] as const) {
      const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>(`dialog#${id}-template-dialog`);
      if (!dialog) continue;
      if (this.mode === id && !dialog.open) {
        dialog.showModal();
        this.host.renderRoot
          .querySelector<HTMLInputElement>(id === 'use' ? '#template-search' : '#template-name')
          ?.focus();
      }
      if (this.mode !== id && dialog.open) dialog.close();
    }
  }

  private search(now = false): void {
    clearTimeout(this.searchTimer);
    const run = async () => {
      this.searchAbort?.abort();
      const controller = (this.searchAbort = new AbortController());
      try {
        const items = (await this.ctx.api()?.templates(this.query.trim(), controller.signal)) ?? [];
        if (controller.signal.aborted) return;
        this.found = items;
        this.active = items.length ? 0 : -1;
      } catch {
        if (!controller.signal.aborted) this.found = [];
      }
      this.host.requestUpdate();
    };
    if (now) void run();
    else this.searchTimer = setTimeout(run, SEARCH_DEBOUNCE_MS);
  }

  private onSearchInput = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
    // Hits for what is typed now only: Enter never takes a stale one.
    this.found = null;
    this.active = -1;
    this.host.requestUpdate();
    this.search();
  };

  private onSearchKey = (e: KeyboardEvent): void => {
    const count = this.found?.length ?? 0;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && count) {
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : count - 1) + count) % count;
      this.host.requestUpdate();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = this.found?.[this.active];
      if (chosen) this.apply(chosen);
    }
  };

  private apply(template: MessageTemplate): void {
    const next = stateFromTemplate(this.ctx.state(), template, this.options.kinds(), this.options.rules);
    this.close();
    this.options.applied(template, next);
    this.host.dispatchEvent(new HeraldTemplateApplyEvent({ template, state: next }));
  }

  private save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (this.saving) return;
    if (!this.name.trim()) {
      this.nameError = this.ctx.t('composer.templates.name.required');
      this.host.requestUpdate();
      this.host.renderRoot.querySelector<HTMLInputElement>('#template-name')?.focus();
      return;
    }
    this.saving = true;
    this.saveError = '';
    this.host.requestUpdate();
    try {
      const scope = this.options.canShare() ? this.scope : 'personal';
      const saved = await this.ctx
        .api()!
        .createTemplate(templateFrom(this.ctx.state(), this.name, scope, this.options.rules));
      this.close();
      this.options.saved(saved);
      this.host.dispatchEvent(new HeraldTemplateSaveEvent(saved));
    } catch (error) {
      this.saveError = this.options.problemText(error);
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  };

  render(): TemplateResult {
    const { html } = this.options.lit;
    return html`${this.renderUse()}${this.renderSave()}`;
  }

  /* eslint-disable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events -- the combobox is named by
    <label for="template-search">; its options are chosen with the keys on it (aria-activedescendant) */
  private renderUse(): TemplateResult {
    const { html, nothing } = this.options.lit;
    const { t, i18n } = this.ctx;
    const found = this.found;
    const activeId = found && this.active >= 0 ? `template-${this.active}` : '';
    return html`<dialog id="use-template-dialog" part="template-dialog" aria-labelledby="use-template-title"
      @close=${this.close}>
      ${
        this.mode === 'use'
          ? html`<h3 id="use-template-title">${t('composer.templates.use.title')}</h3>
            <label for="template-search">${t('composer.templates.search')}</label>
            <input id="template-search" type="search" role="combobox" autocomplete="off" aria-autocomplete="list"
              aria-expanded="true" aria-controls="templates" aria-activedescendant=${activeId || nothing}
              aria-describedby="template-search-hint template-count" .value=${this.query}
              @input=${this.onSearchInput} @keydown=${this.onSearchKey} />
            <p class="muted" id="template-search-hint">${t('composer.templates.search.hint')}</p>
            <p class="muted" id="template-count" role="status">${
              found === null
                ? t('composer.templates.loading')
                : found.length
                  ? i18n.plural('composer.templates.count', found.length)
                  : t('composer.templates.none')
            }</p>
            <ul id="templates" part="listbox" role="listbox" aria-label=${t('composer.templates.list')}>
              ${(found ?? []).map(
                (tpl, i) => html`<li role="option" id="template-${i}"
                  aria-selected=${i === this.active ? 'true' : 'false'} class=${i === this.active ? 'active' : ''}
                  @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.apply(tpl)}>
                  <span class="chip-kind">${t(`composer.templates.scope.${tpl.scope}`)}</span>
                  <span class="template-name">${tpl.name}</span>
                  <span class="muted">${tpl.subject}</span>
                </li>`,
              )}
            </ul>
            <div class="actions">
              <button type="button" class="secondary" @click=${this.close}>${t('composer.templates.cancel')}</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }
  /* eslint-enable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events */

  private renderSave(): TemplateResult {
    const { html, nothing } = this.options.lit;
    const { t } = this.ctx;
    return html`<dialog id="save-template-dialog" part="template-dialog" aria-labelledby="save-template-title"
      @close=${this.close}>
      ${
        this.mode === 'save'
          ? html`<form novalidate @submit=${this.save}>
            <h3 id="save-template-title">${t('composer.templates.save.title')}</h3>
            <div class="field">
              <label for="template-name">${t('composer.templates.name')}</label>
              <input id="template-name" type="text" required maxlength="100" .value=${this.name}
                aria-invalid=${this.nameError ? 'true' : 'false'} aria-describedby="template-name-error"
                @input=${(e: Event) => {
                  this.name = (e.target as HTMLInputElement).value;
                  this.nameError = '';
                  this.host.requestUpdate();
                }} />
              <span class="field-error" id="template-name-error">${this.nameError}</span>
            </div>
            ${
              this.options.canShare()
                ? html`<fieldset>
                  <legend>${t('composer.templates.share')}</legend>
                  ${(['personal', 'organisation'] as const).map(
                    (scope) => html`<label class="check"><input type="radio" name="template-scope" value=${scope}
                      .checked=${this.scope === scope} @change=${() => (this.scope = scope)} />
                      ${t(`composer.templates.share.${scope}`)}</label>`,
                  )}
                </fieldset>`
                : nothing
            }
            <p class="muted">${t('composer.templates.save.hint', { placeholders: PLACEHOLDER_LIST })}</p>
            <p role="status" class="error" id="save-template-status">${this.saveError}</p>
            <div class="actions">
              <button type="submit" id="save-template-submit" ?disabled=${this.saving}>${
                this.saving ? t('composer.templates.saving') : t('composer.templates.save.submit')
              }</button>
              <button type="button" class="secondary" @click=${this.close}>${t('composer.templates.cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}
