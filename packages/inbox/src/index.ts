export { HeraldInbox } from './inbox/inbox.js';
