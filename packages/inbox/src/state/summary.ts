// A list row's message (issue 15): `GET /mailbox` answers summaries; a whole message (`GET /messages/{id}`, and the
// Sent view's items) is cut down to the same shape, so every row holds what the list shows and no more.
// Its own module, not the barrel: through @herald/core, esbuild would keep the rich-text renderer in the first load.
import { plainTextOf } from '@herald/rich-text/plain-text';
import type { Message, MessageSummary } from '../api/types.js';

/** What a row shows of a message: its summary, and in the Sent view to whom it went and whether it is sent yet. */
export type ListMessage = MessageSummary & Partial<Pick<Message, 'audience' | 'status' | 'deliveredAt' | 'createdAt'>>;

/** As many characters of the text as the server's summaries carry (`SNIPPET_CHARS`). */
const SNIPPET_CHARS = 120;

/** The summary of a whole message, as the server would list it (the hidden parts are empty in it already). */
export function summaryOf(m: Message): MessageSummary {
  const text = plainTextOf(m.body).replace(/\s+/gu, ' ').trim();
  return {
    id: m.id,
    threadId: m.threadId,
    kind: m.kind,
    priority: m.priority,
    subject: m.subject,
    snippet: text.length <= SNIPPET_CHARS ? text : `${text.slice(0, SNIPPET_CHARS).trimEnd()}…`,
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
});
