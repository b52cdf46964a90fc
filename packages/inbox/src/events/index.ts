// The events of <herald-inbox>, <herald-message-view> and <herald-urgent-alert>, one per file. Fired only for what the
// user did, never for property changes by the host.
export * from './message-open.js';
export * from './mailbox-change.js';
export * from './message-manage.js';
export * from './mailbox-delete-request.js';
export * from './tag-delete-request.js';
export * from './message-recall-request.js';
export * from './message-delete-request.js';
export * from './reach-department-select.js';
export * from './message-forward.js';
export * from './contact-link-revoke-request.js';
export * from './draft-open.js';
export * from './draft-delete-request.js';
export * from './conversation-select.js';
export * from './conversation-open.js';
export * from './conversation-cancel.js';
