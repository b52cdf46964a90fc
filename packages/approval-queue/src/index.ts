export { HeraldApprovalQueue, type QueueTab } from './approval-queue/approval-queue.js';
export { HeraldApprovalFlows } from './flows/flow-editor.js';
export { HeraldSignaturePad } from './signature-pad/signature-pad.js';
export { ApprovalsApi } from './api/approvals-api.js';
export type * from './api/types.js';
export * from './events/index.js';
