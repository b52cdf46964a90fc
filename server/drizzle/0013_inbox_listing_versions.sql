-- Issue 15: the plain inbox's pages are kept per process, as the bytes answered (mailbox/listing-cache.ts), and
-- checked on every request against two counters that triggers move in the same transaction as any write that can
-- change what such a page shows — in every process on the database, whatever path wrote it:
--  - `mailbox_versions.version`, per owner: their entries (delivered, read, confirmed, progress, archived, deleted,
--    restored, removed), their tags on them, any listed column of a message they received (sent or withdrawn,
--    edited, recalled, deleted, expiry, due date) or its files, and a reply's first message (its subject shows or
--    hides with that one's state);
--  - `listing_epoch.names`, once for all: a sender's name (member, contact, API key), shown in every row from them.
-- Time (an entry that expires) is the cache's own: a page is kept only until the first expiry among its rows.
-- docs/architecture.md "The request path".
CREATE TABLE `mailbox_versions` (
	`owner_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `listing_epoch` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`names` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `listing_epoch` (`id`, `names`) VALUES (1, 0);
--> statement-breakpoint
-- An entry written for a message not yet sent (a send's own rows, before markSent) changes no page: the message's
-- status trigger below moves all its owners at once, as mailbox_counts_message_live does for the counts.
CREATE TRIGGER `mailbox_versions_insert` AFTER INSERT ON `mailbox`
  WHEN EXISTS (SELECT 1 FROM `messages` WHERE `id` = new.`message_id` AND `status` = 'sent') BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (new.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_update` AFTER UPDATE ON `mailbox` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (new.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) SELECT old.`owner_id`, 1 WHERE old.`owner_id` <> new.`owner_id`
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_delete` AFTER DELETE ON `mailbox` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (old.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_tags_insert` AFTER INSERT ON `mailbox_tags` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (new.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_tags_update` AFTER UPDATE ON `mailbox_tags` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (new.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) SELECT old.`owner_id`, 1 WHERE old.`owner_id` <> new.`owner_id`
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_tags_delete` AFTER DELETE ON `mailbox_tags` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`) VALUES (old.`owner_id`, 1)
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- Every column a row of the list reads (page.ts), or that decides whether the entry is listed (sent, deleted), moves
-- the message's recipients (over the primary key's index, as mailbox_counts_message_live reads them). Columns no page
-- reads (revision, updated_at, recipient_count, reminded_at, the sweep's mark) move nothing.
CREATE TRIGGER `mailbox_versions_message_update` AFTER UPDATE OF `thread_id`, `parent_id`, `sender_kind`, `sender_id`,
  `kind`, `priority`, `subject`, `body_text`, `receipt_required`, `expires_at`, `due_at`, `status`, `recalled_at`,
  `deleted_at` ON `messages` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT `owner_id`, 1 FROM `mailbox` WHERE `message_id` = new.`id` AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- A reply's row shows its first message's subject only while that one is shown (firstMessageHidden): a first
-- message's sender, recall, deletion or expiry also moves everyone who received a reply in its thread.
CREATE TRIGGER `mailbox_versions_first_message_update` AFTER UPDATE OF `sender_id`, `subject`, `recalled_at`,
  `deleted_at`, `expires_at` ON `messages` WHEN new.`parent_id` IS NULL BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT DISTINCT mb.`owner_id`, 1 FROM `messages` r JOIN `mailbox` mb ON mb.`message_id` = r.`id`
    WHERE r.`thread_id` = new.`id` AND r.`parent_id` IS NOT NULL
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- A message's own entries go with it (a cascade: mailbox_versions_delete); a first message's replies lose its subject.
CREATE TRIGGER `mailbox_versions_message_delete` AFTER DELETE ON `messages` WHEN old.`parent_id` IS NULL BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT DISTINCT mb.`owner_id`, 1 FROM `messages` r JOIN `mailbox` mb ON mb.`message_id` = r.`id`
    WHERE r.`thread_id` = old.`id` AND r.`parent_id` IS NOT NULL
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- A row shows its message's file count.
CREATE TRIGGER `mailbox_versions_attachments_insert` AFTER INSERT ON `attachments` WHEN new.`message_id` IS NOT NULL BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT `owner_id`, 1 FROM `mailbox` WHERE `message_id` = new.`message_id` AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_attachments_update` AFTER UPDATE OF `message_id` ON `attachments` BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT DISTINCT `owner_id`, 1 FROM `mailbox` WHERE `message_id` IN (old.`message_id`, new.`message_id`) AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_versions_attachments_delete` AFTER DELETE ON `attachments` WHEN old.`message_id` IS NOT NULL BEGIN
  INSERT INTO `mailbox_versions` (`owner_id`, `version`)
    SELECT `owner_id`, 1 FROM `mailbox` WHERE `message_id` = old.`message_id` AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_members_name` AFTER UPDATE OF `name` ON `members` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_members_delete` AFTER DELETE ON `members` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_contacts_name` AFTER UPDATE OF `name` ON `contacts` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_contacts_delete` AFTER DELETE ON `contacts` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_api_keys_name` AFTER UPDATE OF `name` ON `api_keys` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_epoch_api_keys_delete` AFTER DELETE ON `api_keys` BEGIN
  UPDATE `listing_epoch` SET `names` = `names` + 1 WHERE `id` = 1;
END;
