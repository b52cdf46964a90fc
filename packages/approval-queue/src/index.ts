export { HeraldApprovalQueue } from './approval-queue/approval-queue.js';
