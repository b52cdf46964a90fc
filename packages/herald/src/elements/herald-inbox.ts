// /widgets/herald-inbox.js: <herald-inbox>; its reading pane (<herald-message-view>) loads when a message opens.
import '@herald/inbox/herald-inbox';
export { HeraldInbox } from '@herald/inbox';
// Its events, for `import type` (each event's file declares it in GlobalEventHandlersEventMap).
export type {
  HeraldMailboxChangeEvent,
  HeraldMailboxDeleteRequestEvent,
  HeraldMessageOpenEvent,
  HeraldTagDeleteRequestEvent,
} from '@herald/inbox';
