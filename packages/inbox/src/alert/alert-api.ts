// The two routes the urgent alert calls, through the client's authenticated fetch (docs/api.md "Reading").
import { ApiBase, type HeraldClient, type RpcBody } from '@herald/client';
import { excerptOf } from '@herald/rich-text/plain-text';

type Api = HeraldClient['api'];

/** A Message as `GET /messages/{id}` answers it, inferred from the server's route schema. */
export type WholeMessage = RpcBody<Api['messages'][':id']['$get'], 200>;

/**
 * What an urgent message's live `message.received` carries for its alert (docs/api.md "Live events of the inbox";
 * the server's `messages/urgent-alert.ts`), on a stream open when it arrived; a stream that resumes gets none.
 */
export type LiveAlert = Pick<WholeMessage, 'subject' | 'sender' | 'receiptRequired'> & {
  excerpt: string;
  deliveredAt: number;
};

/** What the alert shows of a message: carried by its live event (`LiveAlert`), or read whole. */
export type AlertMessage = Pick<
  WholeMessage,
  'id' | 'subject' | 'sender' | 'receiptRequired' | 'deliveredAt' | 'createdAt'
> & {
  /** The reader's own copy, as far as the alert asks (null: just delivered, nothing confirmed). */
  mine: { confirmedAt: number | null } | null;
  excerpt: string;
};

/** An alert from a live event's `alert`: a message just delivered, so nothing of the reader's copy is set yet. */
export const alertOf = (id: string, alert: LiveAlert): AlertMessage => ({
  id,
  subject: alert.subject,
  sender: alert.sender,
  receiptRequired: alert.receiptRequired,
  deliveredAt: alert.deliveredAt,
  createdAt: alert.deliveredAt,
  mine: null,
  excerpt: alert.excerpt,
});

export class AlertApi extends ApiBase {
  /** The message's alert, or null when there is nothing to alert about any more (recalled, deleted, expired). */
  message = async (id: string): Promise<AlertMessage | null> => {
    const m = await this.call<WholeMessage>('GET', `/messages/${encodeURIComponent(id)}`);
    if (m.recalledAt || m.deletedAt || m.expired) return null;
    const { subject, sender, receiptRequired, deliveredAt, createdAt, mine } = m;
    return { id: m.id, subject, sender, receiptRequired, deliveredAt, createdAt, mine, excerpt: excerptOf(m.body) };
  };
  confirm = (id: string) => this.call<unknown>('POST', `/mailbox/${encodeURIComponent(id)}/confirm`);
}
