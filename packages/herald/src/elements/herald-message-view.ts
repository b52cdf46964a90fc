// /widgets/herald-message-view.js: <herald-message-view> on its own (one message, e.g. a permalink page).
import '@herald/inbox/herald-message-view';
export { HeraldMessageView } from '@herald/inbox';
// Its events, for `import type` (each event's file declares it in GlobalEventHandlersEventMap).
export type {
  HeraldMailboxChangeEvent,
  HeraldMailboxDeleteRequestEvent,
  HeraldMessageDeleteRequestEvent,
  HeraldMessageManageEvent,
  HeraldMessageRecallRequestEvent,
} from '@herald/inbox';
