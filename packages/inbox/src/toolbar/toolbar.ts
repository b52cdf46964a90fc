import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';
import { activeFilters, type FilterName, type InboxFilters } from '../state/filters.js';

export interface ToolbarModel {
  i18n: LocalizeController;
  q: string;
  filters: InboxFilters;
  /** Sent view: only search and dates apply. */
  sent: boolean;
  filtersOpen: boolean;
  senders: Array<{ id: string; name: string }>;
  onSearch(q: string): void;
  onFilters(filters: InboxFilters): void;
  onRemove(name: FilterName): void;
  onToggleFilters(): void;
  /** The filter controls and the chips: filter-panel.ts, in the inbox's lazy actions chunk (issue 16). */
  renderPanel(m: ToolbarModel): unknown;
  renderChips(m: ToolbarModel, chips: FilterName[]): unknown;
  /**
   * Issue 20 #8: the search box is an ARIA 1.2 combobox; its suggestions (search/suggest.ts, in the lazy actions chunk)
   * listen to it, set its aria-expanded / aria-controls / aria-activedescendant and render their listbox here.
   */
  renderSuggest(): unknown;
}

/** Search, the filter controls (R13) and the active filters as removable chips. */
export function renderToolbar(m: ToolbarModel) {
  const { i18n, filters } = m;
  // The Sent view knows dates and its Archived filter (issue 19 #9); the others know every filter but that one.
  const chips = activeFilters(filters).filter((n) => (m.sent ? /Date|arc/.test(n) : n !== 'archived'));
  return html`<div part="toolbar" class="toolbar">
    <div class="search-row">
      <input type="search" part="search" class="search" maxlength="200" .value=${m.q}
        placeholder=${i18n.t('inbox.search.placeholder')} aria-label=${i18n.t('inbox.search.label')}
        aria-keyshortcuts="/" role="combobox" aria-controls="search-suggestions" aria-expanded="false"
        aria-autocomplete="list"
        @input=${(e: Event) => m.onSearch((e.target as HTMLInputElement).value)} />
      ${m.renderSuggest()}
      <button type="button" class="secondary" aria-expanded=${m.filtersOpen ? 'true' : 'false'} aria-controls="filters"
        @click=${m.onToggleFilters}>
        ${i18n.t('inbox.filter.button')}${
          chips.length
            ? html` <span class="pill">${i18n.number(chips.length)}</span
          >`
            : nothing
        }
      </button>
    </div>
    <div id="filters" class="filters" ?hidden=${!m.filtersOpen} role="group" aria-label=${i18n.t('inbox.filter.group')}>
      ${m.filtersOpen ? m.renderPanel(m) : nothing}
    </div>
    ${chips.length ? m.renderChips(m, chips) : nothing}
  </div>`;
}
