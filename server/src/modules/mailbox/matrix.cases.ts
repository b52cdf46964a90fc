import { ALL, defineCases } from '../../testing/matrix.js';

/**
 * The inbox's reading routes as every role: each caller reads only its own mailbox and what it sent, so every
 * member may call them (what they return is checked in query.test.ts: nobody sees another mailbox).
 */
export const cases = defineCases([
  ...(['inbox', 'archived', 'trash', 'all', 'snoozed'] as const).map((view) => ({
    name: `read one's mailbox, ${view} view`,
    method: 'GET',
    path: () => `/api/v1/mailbox?view=${view}`,
    allowed: ALL,
  })),
  {
    name: "read one's mailbox with every filter",
    method: 'GET',
    allowed: ALL,
    path: (ids) =>
      `/api/v1/mailbox?view=all&tagId=${ids.rootId}` +
      `&subtags=true&unread=true&starred=true&priority=urgent&needsConfirmation=true&hasAttachments=true&senderId=` +
      `${ids.inMemberId}&from=0&to=${Date.now()}&q=%E9%9C%80%E6%B1%82&limit=10` +
      '&mentioned=true', // issue 19 #3
  },
  {
    name: "search one's mailbox (trigram and short terms)",
    method: 'GET',
    path: () => '/api/v1/mailbox?q=%E9%9C%80%E6%B1%82%E6%B2%9F%E9%80%9A%20ab',
    allowed: ALL,
  },
  { name: "count one's unread entries", method: 'GET', path: () => '/api/v1/mailbox/unread-count', allowed: ALL },
  { name: 'list what one sent', method: 'GET', path: () => '/api/v1/sent', allowed: ALL },
  {
    name: 'search what one sent',
    method: 'GET',
    path: () => `/api/v1/sent?q=report&from=0&to=${Date.now()}&limit=5`,
    allowed: ALL,
  },
]);
