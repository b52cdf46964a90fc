// Issue 20 #3: star and snooze one entry, from the reading pane (its lazy chunk, so the inbox's first load stays
// within its budget; the list stars through the batch route).
import { ApiBase } from '@herald/client';
import type { MailboxState } from '../../api/types.js';

const path = (messageId: string, what: 'star' | 'snooze') => `/mailbox/${encodeURIComponent(messageId)}/${what}`;

export class EntryApi extends ApiBase {
  star = (messageId: string, starred: boolean) =>
    this.call<MailboxState>(starred ? 'PUT' : 'DELETE', path(messageId, 'star'));
  /** Until a time, or (null) back to the inbox now. */
  snooze = (messageId: string, until: number | null) =>
    this.call<MailboxState>(until === null ? 'DELETE' : 'PUT', path(messageId, 'snooze'), {
      ...(until === null ? {} : { json: { until } }),
    });
}
