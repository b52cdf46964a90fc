export { HeraldInbox } from './inbox/inbox.js';
export { HeraldUnreadBadge } from './badge/badge.js';
export { HeraldMessageView } from './message/message-view.js';
export { HeraldUrgentAlert } from './alert/urgent-alert.js';
export { MessageApi } from './api/message-api.js';
export { InboxApi, filterQuery } from './api/inbox-api.js';
export type * from './api/types.js';
export * from './events/index.js';
