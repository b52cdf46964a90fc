import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * An uploaded file. It belongs to its uploader until a message (or reply) claims it; only the uploader's own,
 * unclaimed uploads can be attached. `contentType` is sniffed from the bytes, never taken from the client.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text().primaryKey(),
    uploaderKind: text({ enum: ['member', 'contact', 'api-key'] }).notNull(),
    uploaderId: text().notNull(),
    messageId: text(),
    name: text().notNull(),
    size: integer().notNull(),
    contentType: text().notNull(),
    sha256: text().notNull(),
    blobKey: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index('attachments_uploader_idx').on(t.uploaderId, t.createdAt),
    index('attachments_message_idx').on(t.messageId),
    // Issue 20 #4: a forward's files share the original's blobs; the purge asks whether any row still uses a key.
    index('attachments_blob_idx').on(t.blobKey),
  ],
);
