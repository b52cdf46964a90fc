// A list row's message (issue 15): `GET /mailbox` answers summaries; a whole message (`GET /messages/{id}`, and the
// Sent view's items) is cut down to the same shape, so every row holds what the list shows and no more.
// Its own module, not the barrel: through @herald/core, esbuild would keep the rich-text renderer in the first load.
import { plainTextOf, previewOf } from '@herald/rich-text/plain-text';
import type { Message, MessageSummary } from '../api/types.js';

/** What a row shows of a message: its summary, and in the Sent view to whom it went and whether it is sent yet. */
export type ListMessage = MessageSummary &
  Partial<Pick<Message, 'audience' | 'status' | 'deliveredAt' | 'createdAt' | 'scheduledAt'>>;

/** The summary of a whole message, as the server would list it (the hidden parts are empty in it already). */
export function summaryOf(m: Message): MessageSummary {
  return {
    id: m.id,
    threadId: m.threadId,
    kind: m.kind,
    priority: m.priority,
    subject: m.subject,
    snippet: previewOf(plainTextOf(m.body)), // the server's preview line (issue 20 #5)
    sender: m.sender,
    attachmentCount: m.attachments.length,
    receiptRequired: m.receiptRequired,
    expiresAt: m.expiresAt,
    expired: m.expired,
    dueAt: m.dueAt,
    recalledAt: m.recalledAt,
    purgedAt: m.purgedAt,
  };
}

/** A Sent view row's message: the summary, to whom, its status and times. */
export const sentMessageOf = (m: Message): ListMessage => ({
  ...summaryOf(m),
  audience: m.audience,
  status: m.status,
  deliveredAt: m.deliveredAt,
  createdAt: m.createdAt,
  scheduledAt: m.scheduledAt, // issue 20 #1
});
