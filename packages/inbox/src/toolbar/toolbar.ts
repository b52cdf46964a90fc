import { html, nothing } from 'lit';
import type { LocalizeController, MessageKey } from '@herald/core';
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
}

const CHIP_KEYS: Record<FilterName, MessageKey> = {
  unread: 'inbox.filter.unread',
  priority: 'inbox.filter.priority',
  needsConfirmation: 'inbox.filter.needsConfirmation',
  hasAttachments: 'inbox.filter.hasAttachments',
  sender: 'inbox.filter.sender',
  fromDate: 'inbox.filter.from',
  toDate: 'inbox.filter.to',
};

function chipText(m: ToolbarModel, name: FilterName): string {
  const { i18n, filters } = m;
  const day = (d?: string) => (d ? i18n.date(new Date(`${d}T00:00`), { dateStyle: 'medium' }) : '');
  switch (name) {
    case 'priority':
      return `${i18n.t('inbox.filter.priority')}: ${i18n.t(filters.priority === 'urgent' ? 'inbox.priority.urgent' : 'inbox.priority.high')}`;
    case 'sender':
      return `${i18n.t('inbox.filter.sender')}: ${filters.senderName ?? filters.senderId}`;
    case 'fromDate':
      return `${i18n.t('inbox.filter.from')}: ${day(filters.fromDate)}`;
    case 'toDate':
      return `${i18n.t('inbox.filter.to')}: ${day(filters.toDate)}`;
    default:
      return i18n.t(CHIP_KEYS[name]);
  }
}

/** Search, the filter controls (R13) and the active filters as removable chips. */
export function renderToolbar(m: ToolbarModel) {
  const { i18n, filters } = m;
  const set = (patch: Partial<InboxFilters>) => m.onFilters({ ...filters, ...patch });
  const toggle = (name: 'unread' | 'needsConfirmation' | 'hasAttachments', key: MessageKey) => html`<button type="button" class="toggle" aria-pressed=${filters[name] ? 'true' : 'false'}
    @click=${() => set({ [name]: !filters[name] || undefined })}>${i18n.t(key)}</button>`;
  const chips = activeFilters(filters).filter((n) => !m.sent || n === 'fromDate' || n === 'toDate');
  return html`<div part="toolbar" class="toolbar">
    <div class="search-row">
      <input type="search" part="search" class="search" maxlength="200" .value=${m.q}
        placeholder=${i18n.t('inbox.search.placeholder')} aria-label=${i18n.t('inbox.search.label')}
        aria-keyshortcuts="/" @input=${(e: Event) => m.onSearch((e.target as HTMLInputElement).value)} />
      <button type="button" class="secondary" aria-expanded=${m.filtersOpen ? 'true' : 'false'} aria-controls="filters" @click=${m.onToggleFilters}>
        ${i18n.t('inbox.filter.button')}${chips.length ? html` <span class="pill">${i18n.number(chips.length)}</span>` : nothing}
      </button>
    </div>
    <div id="filters" class="filters" ?hidden=${!m.filtersOpen} role="group" aria-label=${i18n.t('inbox.filter.group')}>
      ${m.sent ? nothing : html`
        ${toggle('unread', 'inbox.filter.unread')}
        ${toggle('needsConfirmation', 'inbox.filter.needsConfirmation')}
        ${toggle('hasAttachments', 'inbox.filter.hasAttachments')}
        <label>${i18n.t('inbox.filter.priority')}
          <select @change=${(e: Event) => set({ priority: ((e.target as HTMLSelectElement).value || undefined) as InboxFilters['priority'] })}>
            <option value="" ?selected=${!filters.priority}>${i18n.t('inbox.filter.any')}</option>
            <option value="urgent" ?selected=${filters.priority === 'urgent'}>${i18n.t('inbox.priority.urgent')}</option>
            <option value="high" ?selected=${filters.priority === 'high'}>${i18n.t('inbox.priority.high')}</option>
          </select>
        </label>
        <label>${i18n.t('inbox.filter.sender')}
          <select @change=${(e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            set({ senderId: id || undefined, senderName: m.senders.find((s) => s.id === id)?.name });
          }}>
            <option value="" ?selected=${!filters.senderId}>${i18n.t('inbox.filter.anyone')}</option>
            ${m.senders.map((s) => html`<option value=${s.id} ?selected=${filters.senderId === s.id}>${s.name}</option>`)}
          </select>
        </label>`}
      <label>${i18n.t('inbox.filter.from')}
        <input type="date" .value=${filters.fromDate ?? ''} @change=${(e: Event) => set({ fromDate: (e.target as HTMLInputElement).value || undefined })} />
      </label>
      <label>${i18n.t('inbox.filter.to')}
        <input type="date" .value=${filters.toDate ?? ''} @change=${(e: Event) => set({ toDate: (e.target as HTMLInputElement).value || undefined })} />
      </label>
    </div>
    ${chips.length
      ? html`<ul class="chips" part="chips" aria-label=${i18n.t('inbox.filter.active')}>
          ${chips.map((name) => html`<li class="chip" part="chip">
            <span>${chipText(m, name)}</span>
            <button type="button" class="icon" data-remove=${name} aria-label=${i18n.t('inbox.filter.remove', { filter: chipText(m, name) })} @click=${() => m.onRemove(name)}>×</button>
          </li>`)}
        </ul>`
      : nothing}
  </div>`;
}
