// The actions on the selection (or, with nothing selected, the focused entry): the batch bar's buttons, the keyboard's
// archive / delete / unread, undo and the export. Part of the inbox's lazy actions chunk (issue 16, actions/).
import { saveBlob } from '@herald/client';
import type { BatchAction, BatchInput } from '../api/types.js';
import type { Note } from '@herald/core';
import type { InboxContext } from './context.js';

/** The selection, or (nothing selected) the focused entry. */
export function batchTargets(ctx: InboxContext): { ids: string[]; all: boolean } {
  if (ctx.selection.allMatching) return { ids: ctx.order, all: true };
  if (ctx.selection.size) return { ids: [...ctx.selection.ids], all: false };
  // A shortcut pressed while reading acts on the message being read.
  if (ctx.openedId && ctx.host.shadowRoot?.activeElement?.closest('.reader'))
    return { ids: [ctx.openedId], all: false };
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
  if (undo)
    undoTimers.set(
      ctx,
      setTimeout(() => ctx.batchUndo === undo && (ctx.batchUndo = null), UNDO_MS),
    );
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
    ctx.batchStatus = {
      key:
        undo.action !== 'unarchive'
          ? 'inbox.batch.restored'
          : ctx.view === 'sent'
            ? 'inbox.batch.unarchivedSent'
            : 'inbox.batch.unarchived',
      params: { count: result.changed },
    };
    await ctx.list?.refreshFirst();
    ctx.emitChange(undo.ids, undo.action);
    void ctx.stores?.unread.refresh();
  } catch (error) {
    ctx.batchError = error;
  } finally {
    ctx.busy = false;
  }
}

/** A star's state, patched into the rows by the batch itself (issue 20; the list's first load knows no stars). */
const starState = (action: BatchAction) =>
  action === 'star' ? { starredAt: Date.now() } : action === 'unstar' ? { starredAt: null } : undefined;

export async function runBatch(ctx: InboxContext, action: BatchAction, tagId?: string): Promise<void> {
  const { api } = ctx;
  if (!api || !ctx.list || ctx.busy) return;
  const { ids, all } = batchTargets(ctx);
  if (!ids.length && !all) return;
  if (action === 'delete' && !ctx.requestDelete(ids)) return;
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
    const done: Note = { key: 'inbox.batch.done', params: { changed: result.changed, matched: result.matched } };
    ctx.batchStatus = done;
    const undo = UNDO_OF[action];
    if (undo && !all && result.changed) offerUndo(ctx, { action: undo, ids });
    if (all) {
      ctx.clearSelection();
      await ctx.list!.refreshFirst();
      ctx.reload(true);
      ctx.batchStatus = done; // the reload clears the last batch's outcome: this one stays on screen, announced
    } else ctx.applyChange(ids, action, starState(action), tagId);
    if (focusInList && !all) void ctx.focusRow(ctx.activeIndex);
    ctx.emitChange(ids, action);
    void ctx.stores?.unread.refresh();
    if (action === 'tag' || action === 'untag' || action === 'read' || action === 'unread') void ctx.loadTags();
  } catch (error) {
    ctx.batchError = error;
  } finally {
    ctx.busy = false;
  }
}

/** Issue 20: stars the targets, or unstars them when every one is starred already. */
export function toggleStar(ctx: InboxContext): Promise<void> {
  const { ids } = batchTargets(ctx);
  const starred = ids.every((id) => ctx.rows.find((r) => r.message.id === id)?.state?.starredAt);
  return runBatch(ctx, ids.length && starred ? 'unstar' : 'star');
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
