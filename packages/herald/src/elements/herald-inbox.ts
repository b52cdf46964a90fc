// /widgets/herald-inbox.js: <herald-inbox>; its reading pane (<herald-message-view>) loads when a message opens.
import '@herald/inbox/herald-inbox';
export { HeraldInbox } from '@herald/inbox';
