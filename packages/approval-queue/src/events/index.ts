// The events of <herald-approval-queue> and <herald-approval-flows>, one per file. Fired only for user actions.
export * from './approval-decide.js';
export * from './approval-withdraw.js';
export * from './approval-resubmit.js';
export * from './approval-retry.js';
export * from './flow-create.js';
export * from './flow-update.js';
export * from './flow-delete.js';
export * from './flow-reorder.js';
export * from './flow-delete-request.js';
export * from './signature-change.js';
