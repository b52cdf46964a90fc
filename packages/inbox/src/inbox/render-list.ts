// The list column under the toolbar: the batch bar, the pinned urgent entries, and the virtualised list with its
// memoised row renderer, paging as it scrolls.
import { html, nothing } from 'lit';
import type { InboxView } from '../api/types.js';

/** The views this list shows (the Drafts view is <herald-draft-list>'s, with its own empty state: issue 20 #2). */
type ListedView = Exclude<InboxView, 'drafts' | 'inbox' | 'knowledge'>;
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { problemMessage } from '@herald/core';
import type { Tag } from '../api/types.js';
import { renderBatchStatus } from '../batch/batch-status.js';
import { renderRow, rowFormatters, type RowContext } from '../list/row.js';
import { virtualizerModule } from '../list/load-virtualizer.js';
import { showsPinned } from '../state/filters.js';
import type { InboxRow } from '../state/list-store.js';
import type { InboxContext } from './context.js';
import { clearSelection, focusRow, openRow, toggleSelect } from './navigation.js';

/** The failure of the last batch or export in words ('' for none), in the current locale. */
export function batchProblem(ctx: InboxContext, error: unknown): string {
  if (!error) return '';
  const p = error as { code?: string; errors?: Array<{ code?: string }> };
  const field = p.errors?.find((f) => f.code && ctx.i18n.has(`field.${f.code}`));
  return field ? ctx.i18n.t(`field.${field.code}` as 'field.not-in-mailbox') : problemMessage(error, ctx.i18n);
}

/** The senders the sender filter offers: the one filtered by, then those of the first 500 loaded entries, by name. */
export function senders(ctx: InboxContext): Array<{ id: string; name: string }> {
  const seen = new Map<string, string>();
  const { filters } = ctx;
  if (filters.senderId) seen.set(filters.senderId, filters.senderName ?? filters.senderId);
  for (const row of ctx.rows.slice(0, 500))
    if (!seen.has(row.message.sender.id)) seen.set(row.message.sender.id, row.message.sender.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, ctx.i18n.locale));
}

/**
 * The batch bar (while something is selected; from the lazy actions chunk, with what is selected and a spinner while
 * that loads) and the status line of the last batch.
 */
export function renderBatch(ctx: InboxContext) {
  const { selection, order, i18n } = ctx;
  const hasSelection = selection.size > 0 || selection.allMatching;
  const total = ctx.listState.total;
  const coversAll = selection.coversAll(order);
  const count = selection.allMatching ? (total ?? order.length) : selection.size;
  // Put into words now, so a language switch after the batch re-says them in the new language (issue 14).
  const status = i18n.say(ctx.batchStatus);
  const error = batchProblem(ctx, ctx.batchError);
  const part = hasSelection ? ctx.actions() : undefined;
  const undo = ctx.batchUndo ? () => void ctx.withActions().then((p) => p?.undoBatch(ctx)) : undefined;
  return html`${
    !hasSelection
      ? nothing
      : part
        ? part.renderBatchBar({
            i18n,
            view: ctx.view,
            archived: ctx.filter().archived,
            busy: ctx.busy,
            tags: ctx.tags,
            status,
            error,
            count,
            allMatching: selection.allMatching,
            canSelectAllLoaded: !coversAll && !selection.allMatching,
            offerAll: coversAll && !selection.allMatching && total !== null && total > order.length ? total : null,
            onAction: (action, tagId) => void part.runBatch(ctx, action, tagId),
            onSelectAllLoaded: () => {
              selection.selectAll(order);
              ctx.selectionVersion++;
            },
            onSelectAllMatching: () => {
              selection.allMatching = true;
              ctx.selectionVersion++;
            },
            onClear: () => clearSelection(ctx),
            onExport: () => void part.exportSelection(ctx),
          })
        : html`<div class="batch-bar" role="status" aria-busy="true"><span class="spinner" aria-hidden="true"></span
          >${i18n.t('inbox.batch.selected', { count })}</div>`
  }
  ${renderBatchStatus({ status, error, i18n, onUndo: undo })}`;
}

/** The list of entries: loading, error and empty states, pinned urgent entries, and the virtualizer. */
export class InboxList {
  constructor(private readonly ctx: InboxContext) {}

  /** Tags by id, rebuilt only when the tag list itself changes (the row renderer's memo compares it by identity). */
  get tagMap(): Map<string, Tag> {
    if (this.tagMapOf !== this.ctx.tags) {
      this.tagMapOf = this.ctx.tags;
      this.tagMapCache = new Map(this.ctx.tags.map((t) => [t.id, t]));
    }
    return this.tagMapCache;
  }
  private tagMapOf?: readonly Tag[];
  private tagMapCache = new Map<string, Tag>();

  private rowContext(): RowContext {
    const { ctx } = this;
    const now = Date.now();
    return {
      i18n: ctx.i18n,
      tags: this.tagMap,
      sent: ctx.view === 'sent',
      sentMeta: ctx.view === 'sent' ? ctx.actions()?.renderSentMeta : undefined,
      total: ctx.listState.total ?? ctx.rows.length,
      now,
      ...rowFormatters(ctx.i18n, now),
      showFolder: ctx.list?.filter.view === 'all',
    };
  }

  /**
   * The virtualizer's `renderItem`, made anew only when what rows show changes (active row, selection, open entry,
   * view, tags, locale, day): a new function makes the virtualizer re-render every visible row, so one per host
   * render would redo them all on every unrelated update.
   */
  private rowRenderer(): (row: InboxRow, index: number) => unknown {
    const { ctx } = this;
    const key = [
      ctx.activeIndex,
      ctx.selectionVersion,
      ctx.openedId,
      ctx.view,
      ctx.list?.filter.view,
      ctx.i18n.locale,
      new Date().toDateString(),
      ctx.listState.total,
    ].join('|');
    if (key !== this.rowRendererKey || this.tagMap !== this.rowRendererTags || !this.rowRendererFn) {
      const rowCtx = this.rowContext();
      const active = ctx.activeIndex,
        opened = ctx.openedId;
      this.rowRendererFn = (row, index) =>
        renderRow(row, index, index === active, ctx.selection.has(row.message.id), opened === row.message.id, rowCtx);
      this.rowRendererKey = key;
      this.rowRendererTags = this.tagMap;
    }
    return this.rowRendererFn;
  }
  private rowRendererFn?: (row: InboxRow, index: number) => unknown;
  private rowRendererKey = '';
  private rowRendererTags?: unknown;

  render() {
    const { ctx } = this;
    const list = ctx.listState;
    const { i18n } = ctx;
    // The rows wait for the virtualizer's chunk too (asked for when the inbox connected, usually in long before); the
    // Sent view's rows and empty state for the actions chunk, which holds what they say (sent-meta.ts, issue 16). It
    // is asked for here at once, so it loads beside the Sent list.
    const sentWaits = ctx.view === 'sent' && !ctx.actions();
    if (
      list.status === 'loading' ||
      list.status === 'idle' ||
      (list.rows.length > 0 && !virtualizerModule()) ||
      (sentWaits && list.status === 'ready')
    ) {
      return html`<div class="state" part="loading" role="status" aria-busy="true"><span class="spinner"
        aria-hidden="true"></span>${i18n.t('inbox.loading')}</div>`;
    }
    if (list.status === 'error') {
      return html`<div class="state" part="error" role="alert">
        <p>${problemMessage(list.error, i18n)}</p>
        <button type="button" @click=${() => ctx.reload(true)}>${i18n.t('inbox.retry')}</button>
      </div>`;
    }
    const pinned = showsPinned(ctx.list!.filter) && ctx.view === 'inbox' ? list.pinned : [];
    const filtered = !!ctx.q.trim() || Object.keys(ctx.filters).length > 0 || !!ctx.tagId;
    return html`
      ${ctx.q.trim() ? (ctx.actions()?.renderSearchScope(ctx) ?? nothing) : nothing}
      ${
        pinned.length
          ? html`<section class="pinned" part="pinned" aria-labelledby="pinned-title">
            <h3 id="pinned-title">${i18n.t('inbox.pinned', { count: pinned.length })}</h3>
            <ul>${pinned.map(
              (row) => html`<li><button type="button" class="pinned-row"
                aria-current=${ctx.openedId === row.message.id ? 'true' : 'false'} @click=${() => openRow(ctx, row)}>
              <span class="badge priority-urgent">${i18n.t('inbox.priority.urgent')}</span>
              <span class="who">${row.message.sender.name}</span><span class="text">${row.message.subject}</span>
              ${row.state?.readAt ? nothing : html`<span class="visually-hidden">${i18n.t('inbox.row.unread')}</span>`}
            </button></li>`,
            )}</ul>
          </section>`
          : nothing
      }
      ${
        list.rows.length === 0
          ? html`<div class="state" part="empty-state">${
              filtered
                ? html`<p part="empty">${i18n.t('inbox.empty.filtered')}</p>`
                : ctx.view === 'inbox' || ctx.view === 'knowledge' // the Knowledge view has no mailbox list
                  ? ctx.renderEmpty('inbox.empty')
                  : html`<p part="empty">${i18n.t(`inbox.empty.${ctx.view as ListedView}`)}</p>`
            }</div>`
          : html`<p class="visually-hidden" id="list-help">${i18n.t('inbox.list.help')}</p>
          <lit-virtualizer
            part="list"
            class="rows"
            scroller
            role="listbox"
            aria-multiselectable="true"
            aria-label=${i18n.t(`inbox.view.${ctx.view}`)}
            aria-describedby="list-help"
            aria-busy=${list.more ? 'true' : 'false'}
            .items=${list.rows}
            .keyFunction=${(row: InboxRow) => row.message.id}
            .renderItem=${this.rowRenderer()}
            tabindex="-1"
            @rangeChanged=${(e: RangeChangedEvent) => this.onRange(e.first, e.last)}
            @click=${(e: MouseEvent) => this.onListClick(e)}
            @focus=${(e: FocusEvent) => this.onListFocus(e)}
            @focusin=${(e: FocusEvent) => {
              const index = Number((e.target as HTMLElement).dataset?.index);
              if (Number.isFinite(index) && index !== ctx.activeIndex) ctx.activeIndex = index;
            }}
          ></lit-virtualizer>
          ${list.more ? html`<p class="more" role="status">${i18n.t('inbox.loadingMore')}</p>` : nothing}
          ${
            list.error && list.status === 'ready'
              ? html`<p class="error more" role="alert"
            >${problemMessage(list.error, i18n)} <button type="button" class="link"
            @click=${() => void ctx.list?.more()}>${i18n.t('inbox.retry')}</button></p>`
              : nothing
          }`
      }
    `;
  }

  /**
   * Scrolling changes no state (a host re-render per scroll step cost a long task at 10,000 rows). When the active
   * row scrolled out of the rendered range, the list element itself holds the one tab stop; focusing it moves focus
   * to the first visible row (onListFocus).
   */
  private onRange(first: number, last: number): void {
    const { ctx } = this;
    virtualizerModule()?.patchVirtualizer(ctx.virtualizer);
    const list = ctx.listState;
    this.range = [first, last];
    const away = first >= 0 && (ctx.activeIndex < first || ctx.activeIndex > last);
    ctx.virtualizer?.setAttribute('tabindex', away ? '0' : '-1');
    if (list.nextCursor && !list.more && !list.error && last >= list.rows.length - 10) void ctx.list?.more();
  }
  private range: [number, number] = [0, 0];

  private onListFocus(e: FocusEvent): void {
    if (e.target !== this.ctx.virtualizer) return;
    void focusRow(this.ctx, Math.max(0, this.range[0]));
  }

  private onListClick(e: MouseEvent): void {
    const { ctx } = this;
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-index]');
    if (!rowEl) return;
    const index = Number(rowEl.dataset.index);
    ctx.activeIndex = index;
    if (target.closest('[data-check]') || e.ctrlKey || e.metaKey) toggleSelect(ctx, index, e.shiftKey);
    else if (e.shiftKey) toggleSelect(ctx, index, true);
    else openRow(ctx, ctx.rows[index]);
  }
}
