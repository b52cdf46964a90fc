import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';
import type { BatchAction, InboxView, Tag } from '../api/types.js';
import { tagPath } from '../state/tags.js';

export interface BatchModel {
  i18n: LocalizeController;
  view: InboxView;
  /** Selected entries (or every matching one). */
  count: number;
  allMatching: boolean;
  /** Every loaded entry is selected and the filter matches more: offer "all N". */
  offerAll: number | null;
  canSelectAllLoaded: boolean;
  busy: boolean;
  tags: readonly Tag[];
  status: string;
  error: string;
  onAction(action: BatchAction, tagId?: string): void;
  onSelectAllLoaded(): void;
  onSelectAllMatching(): void;
  onClear(): void;
  onExport(): void;
}

/** The bar over the list while entries are selected (R12): what is selected and what can be done to it. */
export function renderBatchBar(m: BatchModel) {
  const { i18n } = m;
  const tagOptions = m.tags.map((t) => html`<option value=${t.id}>${tagPath(m.tags, t.id)}</option>`);
  const tagSelect = (action: 'tag' | 'untag') => html`<select class="small" aria-label=${i18n.t(action === 'tag' ? 'inbox.batch.tag' : 'inbox.batch.untag')} ?disabled=${m.busy}
    @change=${(e: Event) => {
      const select = e.target as HTMLSelectElement;
      if (select.value) m.onAction(action, select.value);
      select.value = '';
    }}>
    <option value="">${i18n.t(action === 'tag' ? 'inbox.batch.tag' : 'inbox.batch.untag')}</option>
    ${tagOptions}
  </select>`;
  const button = (action: BatchAction, key: Parameters<LocalizeController['t']>[0], danger = false) =>
    html`<button type="button" class="small ${danger ? 'danger' : 'secondary'}" data-action=${action} aria-disabled=${m.busy ? 'true' : 'false'}
      @click=${() => !m.busy && m.onAction(action)}>${i18n.t(key)}</button>`;
  return html`<div part="batch-bar" class="batch-bar" role="toolbar" aria-label=${i18n.t('inbox.batch.label')}>
    <span class="selected-count">${m.allMatching ? i18n.t('inbox.batch.allMatching', { count: m.count }) : i18n.t('inbox.batch.selected', { count: m.count })}</span>
    ${m.canSelectAllLoaded ? html`<button type="button" class="link" @click=${m.onSelectAllLoaded}>${i18n.t('inbox.batch.selectLoaded')}</button>` : nothing}
    ${m.offerAll !== null ? html`<button type="button" class="link" data-select-all-matching @click=${m.onSelectAllMatching}>${i18n.t('inbox.batch.selectAllMatching', { count: m.offerAll })}</button>` : nothing}
    <span class="actions">
      ${button('read', 'inbox.batch.read')}
      ${button('unread', 'inbox.batch.unread')}
      ${m.view === 'trash' ? nothing : html`${tagSelect('tag')}${tagSelect('untag')}`}
      ${m.view === 'archived' ? button('unarchive', 'inbox.batch.unarchive') : m.view === 'trash' ? nothing : button('archive', 'inbox.batch.archive')}
      ${m.view === 'trash' ? button('restore', 'inbox.batch.restore') : button('delete', 'inbox.batch.delete', true)}
      <button type="button" class="small secondary" data-action="export" aria-disabled=${m.busy ? 'true' : 'false'} @click=${() => !m.busy && m.onExport()}>${i18n.t('inbox.batch.export')}</button>
      <button type="button" class="small secondary" @click=${m.onClear}>${i18n.t('inbox.batch.clear')}</button>
    </span>
  </div>`;
}

/** Status and error lines of the last batch (live regions stay in the DOM so they are announced). */
export function renderBatchStatus(m: Pick<BatchModel, 'status' | 'error'>) {
  return html`<p class="batch-status" part="batch-status" role="status">${m.status}</p>
    <p class="batch-error error" part="batch-error" role="alert">${m.error}</p>`;
}
