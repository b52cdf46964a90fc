ALTER TABLE `mailbox` ADD `starred_at` integer;--> statement-breakpoint
ALTER TABLE `mailbox` ADD `snoozed_until` integer;--> statement-breakpoint
CREATE INDEX `mailbox_starred_idx` ON `mailbox` (`owner_id`,`delivered_at`,`message_id`) WHERE "mailbox"."starred_at" is not null and "mailbox"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `mailbox_snoozed_idx` ON `mailbox` (`owner_id`,`message_id`) WHERE "mailbox"."snoozed_until" is not null;--> statement-breakpoint
CREATE INDEX `mailbox_snooze_due_idx` ON `mailbox` (`snoozed_until`) WHERE "mailbox"."snoozed_until" is not null;--> statement-breakpoint
ALTER TABLE `messages` ADD `preview` text DEFAULT '' NOT NULL;