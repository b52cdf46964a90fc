import { html, nothing } from 'lit';
import type { LocalizeController } from '@herald/core';
import type { BatchAction, InboxView, Tag } from '../api/types.js';
import { renderTagOptions } from './tag-options.js';

export interface BatchModel {
  i18n: LocalizeController;
  view: InboxView;
  /** Sent › Archived (issue 19 #9): the sender's archived messages. */
  archived?: boolean;
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

/**
 * The bar over the list while entries are selected (R12; part of the inbox's lazy actions chunk, issue 16): what is
 * selected and what can be done to it. Two rows that
 * fit the list column (issue 23): the selection with "select all" and "clear", then one row of actions — mark read,
 * add a tag, archive, delete, and "More…" (mark unread, remove a tag, export). In the Sent view (issue 19 #9) the
 * sender's actions only: add a tag, archive (or move back), and "More…" (star, remove a star, remove a tag).
 */
export function renderBatchBar(m: BatchModel) {
  const { i18n } = m;
  const trash = m.view === 'trash';
  // What one sent is never read, deleted or exported from here: its sender archives, stars and tags it.
  const sent = m.view === 'sent';
  const onSelect = (run: (value: string) => void) => (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const value = select.value;
    select.value = '';
    if (value && !m.busy) run(value);
  };
  const button = (action: BatchAction, key: Parameters<LocalizeController['t']>[0], danger = false) =>
    html`<button type="button" class="small ${danger ? 'danger' : 'secondary'}" data-action=${action}
      aria-disabled=${m.busy ? 'true' : 'false'}
      @click=${() => !m.busy && m.onAction(action)}>${i18n.t(key)}</button>`;
  const more = (value: string) => {
    if (value === 'export') m.onExport();
    else if (value.startsWith('untag:')) m.onAction('untag', value.slice(6));
    else m.onAction(value as BatchAction);
  };
  return html`<div part="batch-bar" class="batch-bar" role="toolbar" aria-label=${i18n.t('inbox.batch.label')}>
    <div class="selection-line">
      <span class="selected-count"
        >${
          m.allMatching
            ? i18n.t('inbox.batch.allMatching', { count: m.count })
            : i18n.t('inbox.batch.selected', { count: m.count })
        }</span>
      ${
        m.canSelectAllLoaded
          ? html`<button type="button" class="link" @click=${m.onSelectAllLoaded}
        >${i18n.t('inbox.batch.selectLoaded')}</button>`
          : nothing
      }
      ${
        m.offerAll !== null
          ? html`<button type="button" class="link" data-select-all-matching
        @click=${m.onSelectAllMatching}>${i18n.t('inbox.batch.selectAllMatching', { count: m.offerAll })}</button
        >`
          : nothing
      }
      <button type="button" class="link clear" data-action="clear" @click=${m.onClear}
        >${i18n.t('inbox.batch.clear')}</button>
    </div>
    <div class="actions">
      ${sent ? nothing : button('read', 'inbox.batch.read')}
      ${
        trash
          ? nothing
          : html`<select class="small" data-action="tag" aria-label=${i18n.t('inbox.batch.tag')} ?disabled=${m.busy}
            @change=${onSelect((id) => m.onAction('tag', id))}>
        <option value="">${i18n.t('inbox.batch.tag')}</option>${renderTagOptions(i18n, m.tags)}</select>`
      }
      ${
        m.view === 'archived' || m.view === 'snoozed' || m.archived
          ? button('unarchive', sent ? 'inbox.batch.unarchiveSent' : 'inbox.batch.unarchive')
          : trash
            ? nothing
            : button('archive', 'inbox.batch.archive')
      }
      ${
        trash ? button('restore', 'inbox.batch.restore') : sent ? nothing : button('delete', 'inbox.batch.delete', true)
      }
      <select class="small" data-action="more" aria-label=${i18n.t('inbox.batch.more')} ?disabled=${m.busy}
        @change=${onSelect(more)}>
        <option value="">${i18n.t('inbox.batch.more')}</option>
        ${sent ? nothing : html`<option value="unread">${i18n.t('inbox.batch.unread')}</option>`}
        ${
          trash
            ? nothing
            : html`<option value="star">${i18n.t('inbox.batch.star')}</option>
              <option value="unstar">${i18n.t('inbox.batch.unstar')}</option>`
        }
        ${sent ? nothing : html`<option value="export">${i18n.t('inbox.batch.export')}</option>`}
        ${trash ? nothing : renderTagOptions(i18n, m.tags, 'untag:', `${i18n.t('inbox.batch.untag')} `)}
      </select>
    </div>
  </div>`;
}
