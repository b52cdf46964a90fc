// The inbox's filter controls (R13) and the active filters as removable chips: part of its lazy actions chunk
// (issue 16); the toolbar (search and the Filters button) is in the first load.
import { html } from 'lit';
import type { MessageKey } from '@herald/core';
import type { FilterName, InboxFilters } from '../state/filters.js';
import type { ToolbarModel } from './toolbar.js';

const CHIP_KEYS: Record<FilterName, MessageKey> = {
  unread: 'inbox.filter.unread',
  priority: 'inbox.filter.priority',
  needsConfirmation: 'inbox.filter.needsConfirmation',
  hasAttachments: 'inbox.filter.hasAttachments',
  sender: 'inbox.filter.sender',
  fromDate: 'inbox.filter.from',
  toDate: 'inbox.filter.to',
  archived: 'inbox.filter.archivedSent',
};

function chipText(m: ToolbarModel, name: FilterName): string {
  const { i18n, filters } = m;
  const day = (d?: string) => (d ? i18n.date(new Date(`${d}T00:00`), { dateStyle: 'medium' }) : '');
  switch (name) {
    case 'priority':
      return `${i18n.t('inbox.filter.priority')}: ${i18n.t(
        filters.priority === 'urgent' ? 'inbox.priority.urgent' : 'inbox.priority.high',
      )}`;
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

/** The controls inside the (open) filter group. */
export function renderFilterPanel(m: ToolbarModel) {
  const { i18n, filters } = m;
  const set = (patch: Partial<InboxFilters>) => m.onFilters({ ...filters, ...patch });
  const toggle = (
    name: 'unread' | 'needsConfirmation' | 'hasAttachments' | 'archived',
    key: MessageKey,
  ) => html`<button type="button" class="toggle" aria-pressed=${filters[name] ? 'true' : 'false'}
    @click=${() => set({ [name]: !filters[name] || undefined })}>${i18n.t(key)}</button>`;
  return html`      ${
    m.sent
      ? // Issue 19 #9: the sender's archived messages instead of the others.
        toggle('archived', 'inbox.filter.archivedSent')
      : html`
        ${toggle('unread', 'inbox.filter.unread')}
        ${toggle('needsConfirmation', 'inbox.filter.needsConfirmation')}
        ${toggle('hasAttachments', 'inbox.filter.hasAttachments')}
        <label>${i18n.t('inbox.filter.priority')}
          <select
            @change=${(e: Event) =>
              set({ priority: ((e.target as HTMLSelectElement).value || undefined) as InboxFilters['priority'] })}>
            <option value="" ?selected=${!filters.priority}>${i18n.t('inbox.filter.any')}</option>
            <option value="urgent" ?selected=${filters.priority === 'urgent'}>${i18n.t('inbox.priority.urgent')}</option
              >
            <option value="high" ?selected=${filters.priority === 'high'}>${i18n.t('inbox.priority.high')}</option>
          </select>
        </label>
        <label>${i18n.t('inbox.filter.sender')}
          <select @change=${(e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            set({ senderId: id || undefined, senderName: m.senders.find((s) => s.id === id)?.name });
          }}>
            <option value="" ?selected=${!filters.senderId}>${i18n.t('inbox.filter.anyone')}</option>
            ${m.senders.map(
              (s) => html`<option value=${s.id} ?selected=${filters.senderId === s.id}>${s.name}</option
              >`,
            )}
          </select>
        </label>`
  }
      <label>${i18n.t('inbox.filter.from')}
        <input type="date" .value=${filters.fromDate ?? ''}
          @change=${(e: Event) => set({ fromDate: (e.target as HTMLInputElement).value || undefined })} />
      </label>
      <label>${i18n.t('inbox.filter.to')}
        <input type="date" .value=${filters.toDate ?? ''}
          @change=${(e: Event) => set({ toDate: (e.target as HTMLInputElement).value || undefined })} />
      </label>`;
}

/** The active filters, each removable. */
export function renderChips(m: ToolbarModel, chips: FilterName[]) {
  const { i18n } = m;
  return html`<ul class="chips" part="chips" aria-label=${i18n.t('inbox.filter.active')}>
    ${chips.map(
      (name) => html`<li class="chip" part="chip">
      <span>${chipText(m, name)}</span>
      <button type="button" class="icon" data-remove=${name}
        aria-label=${i18n.t('inbox.filter.remove', { filter: chipText(m, name) })} @click=${() => m.onRemove(name)}
        >×</button>
    </li>`,
    )}
  </ul>`;
}
