export { HeraldInbox } from './inbox/inbox.js';
export { HeraldUnreadBadge } from './badge/badge.js';
export { InboxApi, filterQuery } from './api/inbox-api.js';
export type * from './api/types.js';
export * from './events.js';
