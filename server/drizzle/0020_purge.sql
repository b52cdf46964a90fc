CREATE TABLE `blob_deletions` (
	`blob_key` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`queued_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `purged_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `purge_reason` text;--> statement-breakpoint
CREATE INDEX `messages_purge_expired_idx` ON `messages` (`expires_at`,`id`) WHERE "messages"."expires_at" is not null and "messages"."purged_at" is null;--> statement-breakpoint
CREATE INDEX `messages_retention_idx` ON `messages` (`created_at`,`id`) WHERE "messages"."purged_at" is null;