// Live updates: what each live event does to the list (docs/api.md "Live events of the inbox").
import type { LiveEvent, LiveHandlers } from '@herald/client';
import type { MailboxState, Message } from '../api/types.js';
import { sentMessageOf, summaryOf } from '../state/summary.js';
import { applyChange } from './apply-change.js';
import type { InboxContext } from './context.js';
import { loadTags } from './tag-actions.js';

/** The live events that change what the list shows (docs/api.md "Live events of the inbox"). */
const LIVE_EVENTS = [
  'message.received',
  'message.updated',
  'message.recalled',
  'message.expired',
  'message.purged',
  'mailbox.updated',
  'tags.updated',
] as const;

/**
 * How many of the newest entries the list asks for when a message arrives (`ListStore.refreshFirst`): a delivery adds
 * one entry at the top, and the rest of the loaded list stays as it is.
 */
export const NEWEST_ON_ARRIVAL = 10;

/** The sender's events of a recipient's receipt (docs/api.md "Live events of the inbox"): the Sent view's counts. */
const RECEIPT_EVENTS = ['message.read', 'message.confirmed'] as const;

/** What each live event does to the inbox (for a LiveSubscription). */
export const liveHandlers = (ctx: InboxContext): LiveHandlers => {
  const receipts = sentCounts(ctx);
  return {
    ...Object.fromEntries(LIVE_EVENTS.map((type) => [type, (event: LiveEvent) => onLive(ctx, event)])),
    ...Object.fromEntries(
      RECEIPT_EVENTS.map((type) => [
        type,
        (event: LiveEvent) => receipts((event.data as { messageId?: string } | null)?.messageId),
      ]),
    ),
  };
};

/**
 * Issue 14: the Sent view's "read 1/3 · confirmed 1/3" follows the recipients live. A burst (many confirm at once)
 * costs one counts request per message shown, once the burst is over.
 */
function sentCounts(ctx: InboxContext): (messageId: string | undefined) => void {
  const waiting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async () => {
    const ids = [...waiting];
    waiting.clear();
    for (const id of ids) {
      if (ctx.view !== 'sent' || !ctx.api || !ctx.rows.some((r) => r.message.id === id)) continue;
      try {
        const counts = await ctx.api.receiptCounts(id);
        ctx.list?.patch([id], (row) => ({
          ...row,
          counts: { total: counts.total, read: counts.read, confirmed: counts.confirmed },
        }));
      } catch {
        /* keep the counts shown */
      }
    }
  };
  return (messageId) => {
    if (!messageId || ctx.view !== 'sent' || !ctx.rows.some((r) => r.message.id === messageId)) return;
    waiting.add(messageId);
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), 200);
  };
}

function onLive(ctx: InboxContext, event: LiveEvent): void {
  const data = (event.data ?? {}) as {
    messageId?: string;
    messageIds?: string[];
    action?: string;
    state?: Partial<MailboxState>;
  };
  const ids = data.messageIds ?? (data.messageId ? [data.messageId] : []);
  switch (event.type) {
    case 'message.received':
      // Issue 15: an urgent message reaches thousands of open inboxes at once, and each asks again. The Inbox asks for
      // its newest few entries, not a whole page, and for its tags only when the new row carries one or is not listed
      // (a delivery adds no tag: only a recipient's own tagged pending message, delivered after approval, arrives
      // with one). The Sent view reads its first page, as rows there change status on delivery.
      if (ctx.view === 'inbox' || ctx.view === 'sent') {
        void ctx.list?.refreshFirst(ctx.view === 'inbox' ? NEWEST_ON_ARRIVAL : undefined).then(() => {
          const row = ctx.rows.find((r) => r.message.id === data.messageId);
          if (!row || row.state?.tagIds?.length) void loadTags(ctx);
        });
      } else void loadTags(ctx);
      return;
    case 'message.recalled':
      ctx.list?.patch(ids, (r) => ({
        ...r,
        message: { ...r.message, recalledAt: r.message.recalledAt ?? Date.now() },
      }));
      return;
    case 'message.expired':
      ctx.list?.patch(ids, (r) => ({ ...r, message: { ...r.message, expired: true } }));
      return;
    case 'message.updated':
    case 'message.purged': // issue 19 item 8: the row then says "expired, content removed"
      void refreshRows(ctx, ids);
      return;
    case 'mailbox.updated':
      if (
        data.action &&
        ['read', 'unread', 'archive', 'unarchive', 'delete', 'restore', 'confirm'].includes(data.action) &&
        ids.length
      ) {
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
      // The row keeps what the list shows (the Sent view also to whom and the status).
      ctx.list.patch([id], (row) => ({ ...row, message: row.counts ? sentMessageOf(message) : summaryOf(message) }));
    } catch {
      /* keep the row as it was */
    }
  }
}
