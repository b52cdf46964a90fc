// Every PostgreSQL table (issue 18), the twin of ./schema.sqlite.ts: for drizzle-kit and the schema parity test.
export * from '../modules/org/schema.pg.js';
export * from '../modules/contacts/schema.pg.js';
export * from '../modules/auth/schema.pg.js';
export * from '../modules/apps/schema.pg.js';
export * from '../modules/audit/schema.pg.js';
export * from '../modules/live/schema.pg.js';
export * from '../modules/groups/schema.pg.js';
export * from '../modules/imports/schema.pg.js';
export * from '../modules/tags/schema.pg.js';
export * from '../modules/messages/schema.pg.js';
export * from '../modules/mailbox/schema.pg.js';
export * from '../modules/attachments/schema.pg.js';
export * from '../modules/settings/schema.pg.js';
export * from '../modules/approvals/schema.pg.js';
export * from '../modules/notify/schema.pg.js';
export * from '../modules/templates/schema.pg.js';
export * from '../modules/profile/schema.pg.js';
export * from '../modules/retention/schema.pg.js';
export * from '../modules/knowledge/schema.pg.js'; // issue 19 #7
export * from '../modules/links/schema.pg.js';
export * from '../modules/conversations/schema.pg.js';
