-- Issue 15: the tag filter (and `tag:`) match an entry by its key in mailbox_owner_idx, (delivered_at, message_id),
-- which every tag assignment copies from its entry (mailbox/tagged.ts). Any assignment whose copy differs is set right
-- here. Twin of the SQLite migration 0033.
UPDATE "mailbox_tags" SET "delivered_at" = (
  SELECT mb."delivered_at" FROM "mailbox" mb
  WHERE mb."owner_id" = "mailbox_tags"."owner_id" AND mb."message_id" = "mailbox_tags"."message_id"
) WHERE EXISTS (
  SELECT 1 FROM "mailbox" mb
  WHERE mb."owner_id" = "mailbox_tags"."owner_id" AND mb."message_id" = "mailbox_tags"."message_id"
    AND mb."delivered_at" <> "mailbox_tags"."delivered_at"
);
