// How a change patches the loaded rows, and the actions on the selection (or, with nothing selected, the focused
// entry): the batch bar's buttons, the keyboard's archive / delete / unread, and the export.
import { saveBlob } from '@herald/client';
import { problemMessage } from '@herald/core';
import type { BatchAction, BatchInput, MailboxState } from '../api/types.js';
import { HeraldMailboxChangeEvent, HeraldRequestDeleteEvent } from '../events.js';
import type { InboxContext } from './context.js';
import { clearSelection, focusRow } from './navigation.js';
import { loadTags } from './tag-actions.js';

/** How a batch action changes one entry's state, applied locally right after the server said yes. */
export function applyAction(state: MailboxState | undefined, action: string, now: number, tagId?: string): MailboxState | undefined {
  if (!state) return state;
  switch (action) {
    case 'read':
      return { ...state, readAt: state.readAt ?? now };
    case 'unread':
      return { ...state, readAt: null };
    case 'archive':
      return { ...state, archivedAt: state.archivedAt ?? now };
    case 'unarchive':
      return { ...state, archivedAt: null };
    case 'delete':
      return { ...state, deletedAt: state.deletedAt ?? now };
    case 'restore':
      return { ...state, deletedAt: null };
    case 'tag':
      return tagId ? { ...state, tagIds: [...new Set([...(state.tagIds ?? []), tagId])] } : state;
    case 'untag':
      return tagId ? { ...state, tagIds: (state.tagIds ?? []).filter((t) => t !== tagId) } : state;
    case 'confirm':
      return { ...state, confirmedAt: state.confirmedAt ?? now, needsConfirmation: false };
    default:
      return state;
  }
}

/** Patches rows after a change made elsewhere (reading pane, another tab, a batch). */
export function applyChange(ctx: InboxContext, ids: readonly string[], action: string, state?: Partial<MailboxState>, tagId?: string): void {
  const { list } = ctx;
  if (!list || !ids.length) return;
  const now = Date.now();
  list.patch(ids, (row) => ({ ...row, state: state && row.state ? { ...row.state, ...state } : applyAction(row.state, action, now, tagId) }));
  afterRowsChanged(ctx);
}

function afterRowsChanged(ctx: InboxContext): void {
  const order = ctx.rows.map((r) => r.message.id);
  ctx.selection.retain(order);
  ctx.selectionVersion++;
  if (ctx.activeIndex >= order.length) ctx.activeIndex = Math.max(0, order.length - 1);
  if (ctx.openedId && !order.includes(ctx.openedId) && !ctx.listState.pinned.some((r) => r.message.id === ctx.openedId)) {
    // The opened entry left this view (archived, deleted): keep it open; the reader still shows it.
  }
}

/** The selection, or (nothing selected) the focused entry. */
export function batchTargets(ctx: InboxContext): { ids: string[]; all: boolean } {
  if (ctx.selection.allMatching) return { ids: ctx.order, all: true };
  if (ctx.selection.size) return { ids: [...ctx.selection.ids], all: false };
  // A shortcut pressed while reading acts on the message being read.
  if (ctx.openedId && ctx.host.shadowRoot?.activeElement?.closest('.reader')) return { ids: [ctx.openedId], all: false };
  const row = ctx.rows[ctx.activeIndex];
  return { ids: row ? [row.message.id] : [], all: false };
}

/** How long "Undo" stays offered after archiving or deleting from the list. */
export const UNDO_MS = 8000;
const UNDO_OF: Partial<Record<BatchAction, BatchAction>> = { archive: 'unarchive', delete: 'restore' };
const undoTimers = new WeakMap<InboxContext, ReturnType<typeof setTimeout>>();

/** Offers "Undo" for a few seconds (null: withdraws it). */
function offerUndo(ctx: InboxContext, undo: InboxContext['batchUndo']): void {
  clearTimeout(undoTimers.get(ctx));
  ctx.batchUndo = undo;
  if (undo) undoTimers.set(ctx, setTimeout(() => ctx.batchUndo === undo && (ctx.batchUndo = null), UNDO_MS));
}

/** Undoes the last archive or delete: the entries come back into the list. */
export async function undoBatch(ctx: InboxContext): Promise<void> {
  const undo = ctx.batchUndo;
  const { api } = ctx;
  if (!undo || !api || ctx.busy) return;
  offerUndo(ctx, null);
  ctx.busy = true;
  try {
    const result = await api.batch({ action: undo.action, messageIds: undo.ids });
    ctx.batchStatus = { key: undo.action === 'unarchive' ? 'inbox.batch.unarchived' : 'inbox.batch.restored', params: { count: result.changed } };
    await ctx.list?.refreshFirst();
    ctx.emit(new HeraldMailboxChangeEvent({ messageIds: undo.ids, action: undo.action }));
    void ctx.stores?.unread.refresh();
  } catch (error) {
    ctx.batchError = error;
  } finally {
    ctx.busy = false;
  }
}

export async function runBatch(ctx: InboxContext, action: BatchAction, tagId?: string): Promise<void> {
  const { api } = ctx;
  if (!api || !ctx.list || ctx.busy || ctx.view === 'sent') return;
  const { ids, all } = batchTargets(ctx);
  if (!ids.length && !all) return;
  if (action === 'delete' && !ctx.emit(new HeraldRequestDeleteEvent({ kind: 'mailbox', ids }))) return;
  const input: BatchInput = all
    ? { action, ...(tagId ? { tagId } : {}), filter: ctx.filter() }
    : { action, ...(tagId ? { tagId } : {}), messageIds: ids };
  ctx.busy = true;
  ctx.batchError = null;
  ctx.batchStatus = null;
  offerUndo(ctx, null);
  // Archiving or deleting the focused row removes it: focus then moves to the row that takes its place.
  const focusInList = !!ctx.host.shadowRoot?.activeElement?.closest('lit-virtualizer');
  try {
    const result = await api.batch(input);
    ctx.batchStatus = { key: 'inbox.batch.done', params: { changed: result.changed, matched: result.matched } };
    const undo = UNDO_OF[action];
    if (undo && !all && result.changed) offerUndo(ctx, { action: undo, ids });
    if (all) {
      clearSelection(ctx);
      await ctx.list!.refreshFirst();
      ctx.reload(true);
    } else applyChange(ctx, ids, action, undefined, tagId);
    if (focusInList && !all) void focusRow(ctx, ctx.activeIndex);
    ctx.emit(new HeraldMailboxChangeEvent({ messageIds: ids, action }));
    void ctx.stores?.unread.refresh();
    if (action === 'tag' || action === 'untag' || action === 'read' || action === 'unread') void loadTags(ctx);
  } catch (error) {
    ctx.batchError = error;
  } finally {
    ctx.busy = false;
  }
}

/** The failure of the last batch or export in words ('' for none), in the current locale. */
export function batchProblem(ctx: InboxContext, error: unknown): string {
  if (!error) return '';
  const p = error as { code?: string; errors?: Array<{ code?: string }> };
  const field = p.errors?.find((f) => f.code && ctx.i18n.has(`field.${f.code}`));
  return field ? ctx.i18n.t(`field.${field.code}` as 'field.not-in-mailbox') : problemMessage(error, ctx.i18n);
}

export async function exportSelection(ctx: InboxContext): Promise<void> {
  const { api } = ctx;
  if (!api || ctx.busy) return;
  const { ids, all } = batchTargets(ctx);
  ctx.busy = true;
  ctx.batchError = null;
  try {
    const file = await api.export(all ? { filter: ctx.filter() } : { messageIds: ids });
    saveBlob(file.blob, file.fileName ?? 'herald-mailbox.xlsx');
    ctx.batchStatus = { key: 'inbox.batch.exported' };
  } catch (error) {
    ctx.batchError = error;
  } finally {
    ctx.busy = false;
  }
}
