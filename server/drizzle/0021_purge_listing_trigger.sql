-- Issue 19 item 8: a row of the inbox says "expired, content removed" from `messages.purged_at` (mailbox/page.ts), so
-- the kept pages (migration 0013, mailbox/listing-cache.ts) must move when it changes. The purge also empties the
-- subject and text (already listed here), but the column is named so that a purge can never leave a kept page stale,
-- whatever else it sets. The trigger is otherwise the one of migration 0013.
DROP TRIGGER `mailbox_versions_message_update`;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_message_update` AFTER UPDATE OF `thread_id`, `parent_id`, `sender_kind`, `sender_id`,
  `kind`, `priority`, `subject`, `body_text`, `receipt_required`, `expires_at`, `due_at`, `status`, `recalled_at`,
  `deleted_at`, `purged_at` ON `messages` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT `owner_id`, 1 FROM `mailbox` WHERE `message_id` = new.`id` AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
