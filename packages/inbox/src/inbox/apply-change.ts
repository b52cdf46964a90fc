// How a change patches the loaded rows: a batch, the reading pane, another tab (live). In the inbox's first load; the
// actions themselves (batch-actions.ts) are a lazy chunk (issue 16).
import type { MailboxState } from '../api/types.js';
import type { InboxContext } from './context.js';

/** How a batch action changes one entry's state, applied locally right after the server said yes. */
export function applyAction(
  state: MailboxState | undefined,
  action: string,
  now: number,
  tagId?: string,
): MailboxState | undefined {
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
export function applyChange(
  ctx: InboxContext,
  ids: readonly string[],
  action: string,
  state?: Partial<MailboxState>,
  tagId?: string,
): void {
  const { list } = ctx;
  if (!list || !ids.length) return;
  const now = Date.now();
  list.patch(ids, (row) => ({
    ...row,
    state: state && row.state ? { ...row.state, ...state } : applyAction(row.state, action, now, tagId),
  }));
  afterRowsChanged(ctx);
}

function afterRowsChanged(ctx: InboxContext): void {
  const order = ctx.rows.map((r) => r.message.id);
  ctx.selection.retain(order);
  ctx.selectionVersion++;
  if (ctx.activeIndex >= order.length) ctx.activeIndex = Math.max(0, order.length - 1);
  if (
    ctx.openedId &&
    !order.includes(ctx.openedId) &&
    !ctx.listState.pinned.some((r) => r.message.id === ctx.openedId)
  ) {
    // The opened entry left this view (archived, deleted): keep it open; the reader still shows it.
  }
}
