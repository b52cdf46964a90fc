import { ALL, defineCases } from '../../testing/matrix.js';

/**
 * Batches and exports act on the caller's own mailbox only, so every member may call them; an id from someone
 * else's mailbox is a `400 validation` (`not-in-mailbox`, batch.test.ts), which this 403/404 matrix cannot express.
 */
export const cases = defineCases([
  {
    name: "batch over one's own inbox by filter",
    method: 'POST',
    path: () => '/api/v1/mailbox/batch',
    body: { action: 'read', filter: { view: 'inbox' } },
    allowed: ALL,
  },
  {
    name: "star one's own starred entries by filter (issue 20)",
    method: 'POST',
    path: () => '/api/v1/mailbox/batch',
    body: { action: 'star', filter: { view: 'all', starred: true } },
    allowed: ALL,
  },
  {
    name: "export one's own inbox by filter",
    method: 'POST',
    path: () => '/api/v1/mailbox/export',
    body: { filter: { view: 'all' } },
    allowed: ALL,
  },
  // Issue 19 #9: senders manage what they sent. Each caller's own Sent list and its filters; that a sender cannot
  // touch another's sent message is a `400 not-in-mailbox` (sent-state.test.ts), not a 403/404 this matrix expresses.
  {
    name: "one's own archived, starred sent messages (issue 19)",
    method: 'GET',
    path: () => '/api/v1/sent?archived=true&starred=true',
    allowed: ALL,
  },
]);
