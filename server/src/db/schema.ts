// Every SQLite table (schema.sqlite.ts of each module), the twin of ./schema.pg.ts: for the schema parity test.
export * from '../modules/org/schema.sqlite.js';
export * from '../modules/contacts/schema.sqlite.js';
export * from '../modules/auth/schema.sqlite.js';
export * from '../modules/apps/schema.sqlite.js';
export * from '../modules/audit/schema.sqlite.js';
export * from '../modules/live/schema.sqlite.js';
export * from '../modules/groups/schema.sqlite.js';
export * from '../modules/imports/schema.sqlite.js';
export * from '../modules/tags/schema.sqlite.js';
export * from '../modules/messages/schema.sqlite.js';
export * from '../modules/mailbox/schema.sqlite.js';
export * from '../modules/attachments/schema.sqlite.js';
export * from '../modules/settings/schema.sqlite.js';
export * from '../modules/approvals/schema.sqlite.js';
export * from '../modules/notify/schema.sqlite.js';
export * from '../modules/templates/schema.sqlite.js';
export * from '../modules/profile/schema.sqlite.js';
export * from '../modules/retention/schema.sqlite.js';
export * from '../modules/knowledge/schema.sqlite.js'; // issue 19 #7
export * from '../modules/links/schema.sqlite.js'; // issue 19 item 4
export * from '../modules/conversations/schema.sqlite.js'; // issue 19 #5
