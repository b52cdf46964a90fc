// What a row of the Sent view says of its message: receipt counts, scheduled (issue 20 #1), not sent, waiting for
// approval. Part of the inbox's lazy actions chunk (issue 16): the Sent view's list waits for it, the first paint of
// the other views does not need it.
import { html, nothing } from 'lit';
import type { InboxRow } from '../state/list-store.js';
import type { RowContext } from './row.js';

export function renderSentMeta({ message, counts }: InboxRow, { i18n, day, time }: RowContext) {
  const { status, scheduledAt } = message;
  return html`${
    counts
      ? html`<span class="counts" part="counts"
        >${i18n.t(message.receiptRequired ? 'inbox.sent.countsConfirm' : 'inbox.sent.counts', {
          read: counts.read,
          total: counts.total,
          confirmed: counts.confirmed,
        })}</span>`
      : nothing
  }${
    // Waiting for its time (when), or cancelled before it went out.
    status === 'scheduled' && scheduledAt
      ? html`<span class="badge scheduled" part="flag"
        >${i18n.t('inbox.sent.scheduled', { time: `${day.format(scheduledAt)} ${time.format(scheduledAt)}` })}</span>`
      : status === 'withdrawn'
        ? html`<span class="badge muted" part="flag">${i18n.t('inbox.sent.withdrawn')}</span>`
        : status === 'pending-approval'
          ? html`<span class="badge muted">${i18n.t('inbox.sent.pending')}</span>`
          : nothing
  }`;
}
