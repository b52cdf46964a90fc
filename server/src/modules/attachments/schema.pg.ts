// PostgreSQL twin of ./schema.sqlite.ts (issue 18): same tables, keys, indexes (db/schema-parity.test.ts).
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { int } from '../../db/pg-columns.js';

export const attachments = pgTable(
  'attachments',
  {
    id: text().primaryKey(),
    uploaderKind: text({ enum: ['member', 'contact', 'api-key'] }).notNull(),
    uploaderId: text().notNull(),
    messageId: text(),
    name: text().notNull(),
    size: int().notNull(),
    contentType: text().notNull(),
    sha256: text().notNull(),
    blobKey: text().notNull(),
    createdAt: int().notNull(),
  },
  (t) => [
    index('attachments_uploader_idx').on(t.uploaderId, t.createdAt),
    index('attachments_message_idx').on(t.messageId),
    index('attachments_blob_idx').on(t.blobKey),
  ],
);
