// /widgets/herald-urgent-alert.js: <herald-urgent-alert>.
import '@herald/inbox/herald-urgent-alert';
export { HeraldUrgentAlert } from '@herald/inbox';
// Its events, for `import type` (each event's file declares it in GlobalEventHandlersEventMap).
export type { HeraldMailboxChangeEvent, HeraldMessageOpenEvent } from '@herald/inbox';
