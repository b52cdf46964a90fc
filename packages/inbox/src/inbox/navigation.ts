// Selection and opening: which rows are selected, which entry the reading pane shows, and where focus goes.
import { HeraldMessageOpenEvent } from '../events/message-open.js';
import type { InboxRow } from '../state/list-store.js';
import type { InboxContext } from './context.js';

export function toggleSelect(ctx: InboxContext, index: number, range = false): void {
  const row = ctx.rows[index];
  if (!row) return;
  if (range) ctx.selection.range(ctx.order, row.message.id);
  else ctx.selection.toggle(row.message.id);
  ctx.selectionVersion++;
}

export function clearSelection(ctx: InboxContext): void {
  ctx.selection.clear();
  ctx.selectionVersion++;
}

/** The user opens an entry in the reading pane. */
export function openRow(ctx: InboxContext, row: InboxRow | undefined): void {
  if (!row) return;
  ctx.openedId = row.message.id;
  ctx.emit(new HeraldMessageOpenEvent({ messageId: row.message.id }));
}

/** Back from the reader to the list (narrow hosts), focus on the row that was open. */
export async function backToList(ctx: InboxContext): Promise<void> {
  const index = ctx.order.indexOf(ctx.openedId ?? '');
  ctx.openedId = null;
  await ctx.host.updateComplete;
  if (index >= 0) await focusRow(ctx, index);
}

export async function focusRow(ctx: InboxContext, index: number): Promise<void> {
  if (!ctx.rows.length) return;
  ctx.activeIndex = Math.max(0, Math.min(ctx.rows.length - 1, index));
  await ctx.host.updateComplete;
  const virtualizer = ctx.virtualizer;
  if (!virtualizer) return;
  virtualizer.element(ctx.activeIndex)?.scrollIntoView({ block: 'nearest' });
  for (let i = 0; i < 10; i++) {
    // The virtualizer renders after its own update: wait a frame so a removed row is not focused.
    await new Promise((r) => requestAnimationFrame(r));
    const el = virtualizer.querySelector<HTMLElement>(`[data-index="${ctx.activeIndex}"]`);
    if (el?.isConnected) {
      el.focus({ preventScroll: false });
      return;
    }
  }
}
