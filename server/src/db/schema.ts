// Every table, for drizzle's relational queries and drizzle-kit; each lives in its module.
export * from '../modules/org/schema.js';
export * from '../modules/contacts/schema.js';
export * from '../modules/auth/schema.js';
export * from '../modules/apps/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/live/schema.js';
export * from '../modules/groups/schema.js';
export * from '../modules/imports/schema.js';
export * from '../modules/tags/schema.js';
export * from '../modules/messages/schema.js';
export * from '../modules/mailbox/schema.js';
export * from '../modules/attachments/schema.js';
export * from '../modules/settings/schema.js';
export * from '../modules/approvals/schema.js';
export * from '../modules/notify/schema.js';
export * from '../modules/templates/schema.js';
export * from '../modules/profile/schema.js';
export * from '../modules/retention/schema.js';
export * from '../modules/knowledge/schema.js'; // issue 19 #7
export * from '../modules/links/schema.js';
export * from '../modules/conversations/schema.js';
