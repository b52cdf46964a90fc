import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Blobs whose rows the purge removed and whose bytes are still to be deleted (issue 19 item 8): written in the same
 * transaction that removes the attachment rows, emptied only after the blob store deleted the bytes. A crash between
 * the two leaves the key here, and the next run deletes it (deleting a missing blob is no error): nothing is orphaned.
 */
export const blobDeletions = sqliteTable('blob_deletions', {
  blobKey: text().primaryKey(),
  size: integer().notNull(),
  queuedAt: integer().notNull(),
});
