// Live updates: what each live event does to the list (docs/api.md "Live events of the inbox").
import type { LiveEvent, LiveHandlers } from '@herald/client';
import type { MailboxState, Message } from '../api/types.js';
import { applyChange } from './batch-actions.js';
import type { InboxContext } from './context.js';
import { loadTags } from './tag-actions.js';

/** The live events that change what the list shows (docs/api.md "Live events of the inbox"). */
const LIVE_EVENTS = ['message.received', 'message.updated', 'message.recalled', 'message.expired', 'mailbox.updated', 'tags.updated'] as const;

/** What each live event does to the inbox (for a LiveSubscription). */
export const liveHandlers = (ctx: InboxContext): LiveHandlers =>
  Object.fromEntries(LIVE_EVENTS.map((type) => [type, (event: LiveEvent) => onLive(ctx, event)]));

function onLive(ctx: InboxContext, event: LiveEvent): void {
  const data = (event.data ?? {}) as { messageId?: string; messageIds?: string[]; action?: string; state?: Partial<MailboxState> };
  const ids = data.messageIds ?? (data.messageId ? [data.messageId] : []);
  switch (event.type) {
    case 'message.received':
      if (ctx.view === 'inbox' || ctx.view === 'sent') void ctx.list?.refreshFirst().then(() => void loadTags(ctx));
      else void loadTags(ctx);
      return;
    case 'message.recalled':
      ctx.list?.patch(ids, (r) => ({ ...r, message: { ...r.message, recalledAt: r.message.recalledAt ?? Date.now() } }));
      return;
    case 'message.expired':
      ctx.list?.patch(ids, (r) => ({ ...r, message: { ...r.message, expired: true } }));
      return;
    case 'message.updated':
      void refreshRows(ctx, ids);
      return;
    case 'mailbox.updated':
      if (data.action && ['read', 'unread', 'archive', 'unarchive', 'delete', 'restore', 'confirm'].includes(data.action) && ids.length) {
        applyChange(ctx, ids, data.action, data.state);
      } else void ctx.list?.refreshFirst();
      void loadTags(ctx);
      return;
    case 'tags.updated':
      void loadTags(ctx);
      return;
  }
}

/** Re-reads single messages (edited by their sender) and replaces their rows. */
export async function refreshRows(ctx: InboxContext, ids: readonly string[]): Promise<void> {
  if (!ctx.api || !ctx.list) return;
  for (const id of ids) {
    if (!ctx.rows.some((r) => r.message.id === id)) continue;
    try {
      const response = await ctx.api.client.fetch(ctx.api.client.url(`/messages/${encodeURIComponent(id)}`));
      if (!response.ok) continue;
      const message = (await response.json()) as Message;
      ctx.list.patch([id], (row) => ({ ...row, message }));
    } catch {
      /* keep the row as it was */
    }
  }
}
