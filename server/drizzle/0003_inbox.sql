CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_messageId_unique` ON `search_docs` (`message_id`);--> statement-breakpoint
CREATE TABLE `mailbox_tags` (
	`owner_id` text NOT NULL,
	`message_id` text NOT NULL,
	`tag_id` text NOT NULL,
	`delivered_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `message_id`, `tag_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mailbox_tags_view_idx` ON `mailbox_tags` (`owner_id`,`tag_id`,`delivered_at`,`message_id`);--> statement-breakpoint
CREATE INDEX `mailbox_tags_tag_idx` ON `mailbox_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text,
	`parent_id` text,
	`name` text NOT NULL,
	`color` text,
	`position` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_sibling_name_idx` ON `tags` (coalesce(`owner_id`, ''), coalesce(`parent_id`, ''), `name` collate nocase);--> statement-breakpoint
CREATE INDEX `tags_parent_idx` ON `tags` (`parent_id`);--> statement-breakpoint
DROP INDEX `mailbox_owner_idx`;--> statement-breakpoint
ALTER TABLE `mailbox` ADD `sender_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mailbox` ADD `receipt_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `mailbox` ADD `has_attachments` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `mailbox_unread_idx` ON `mailbox` (`owner_id`,`delivered_at`,`message_id`,`archived_at`,`priority`,`expires_at`,`has_attachments`,`sender_id`,`receipt_required`,`confirmed_at`) WHERE "mailbox"."read_at" is null and "mailbox"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `mailbox_sender_idx` ON `mailbox` (`owner_id`,`sender_id`,`delivered_at`,`message_id`,`deleted_at`,`archived_at`,`read_at`);--> statement-breakpoint
CREATE INDEX `mailbox_priority_idx` ON `mailbox` (`owner_id`,`priority`,`delivered_at`,`message_id`,`deleted_at`,`archived_at`,`read_at`,`receipt_required`,`confirmed_at`,`expires_at`);--> statement-breakpoint
CREATE INDEX `mailbox_owner_idx` ON `mailbox` (`owner_id`,`delivered_at`,`message_id`,`deleted_at`,`archived_at`,`read_at`,`priority`,`has_attachments`,`sender_id`,`receipt_required`,`confirmed_at`,`expires_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `expiry_swept_at` integer;--> statement-breakpoint
CREATE INDEX `messages_expiry_idx` ON `messages` (`expires_at`) WHERE "messages"."expires_at" is not null and "messages"."expiry_swept_at" is null;--> statement-breakpoint
UPDATE `mailbox` SET `sender_id` = (SELECT `sender_id` FROM `messages` WHERE `messages`.`id` = `mailbox`.`message_id`),
  `receipt_required` = (SELECT `receipt_required` FROM `messages` WHERE `messages`.`id` = `mailbox`.`message_id`),
  `has_attachments` = EXISTS (SELECT 1 FROM `attachments` WHERE `attachments`.`message_id` = `mailbox`.`message_id`);--> statement-breakpoint
CREATE VIRTUAL TABLE `message_search` USING fts5(`subject`, `body`, `attachments`, tokenize = 'trigram');--> statement-breakpoint
-- Messages that expired before this migration are already gone for recipients: marked swept, never indexed.
UPDATE `messages` SET `expiry_swept_at` = `expires_at` WHERE `expires_at` IS NOT NULL AND `expires_at` <= CAST(strftime('%s', 'now') AS INTEGER) * 1000;--> statement-breakpoint
INSERT INTO `search_docs` (`message_id`) SELECT `id` FROM `messages` WHERE `status` = 'sent' AND `deleted_at` IS NULL AND `recalled_at` IS NULL AND `expiry_swept_at` IS NULL ORDER BY `id`;--> statement-breakpoint
INSERT INTO `message_search` (`rowid`, `subject`, `body`, `attachments`)
  SELECT d.`id`, CASE WHEN m.`parent_id` IS NULL THEN m.`subject` ELSE '' END, m.`body_text`, coalesce((SELECT group_concat(a.`name`, ' ') FROM `attachments` a WHERE a.`message_id` = m.`id`), '')
  FROM `search_docs` d JOIN `messages` m ON m.`id` = d.`message_id`;--> statement-breakpoint
-- The inbox reads a message's state from these small lists instead of joining messages per entry (mailbox/query.ts);
-- their WHERE must stay exactly the subqueries' there. Hand-written: drizzle declares indexes only in the table's own file.
CREATE INDEX `messages_gone_idx` ON `messages` (`id`) WHERE `deleted_at` IS NOT NULL OR `status` <> 'sent';--> statement-breakpoint
CREATE INDEX `messages_recalled_idx` ON `messages` (`id`) WHERE `recalled_at` IS NOT NULL;
