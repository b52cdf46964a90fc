// /widgets/herald-approval-queue.js: <herald-approval-queue>; its flow editor tab loads when opened.
import '@herald/approval-queue/herald-approval-queue';
export { HeraldApprovalQueue } from '@herald/approval-queue';
// Its events (and its Flows tab's), for `import type`.
export type * from '@herald/approval-queue/events';
