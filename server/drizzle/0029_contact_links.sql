CREATE TABLE `contact_links` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`session_hash` text,
	`session_expires_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_links_tokenHash_unique` ON `contact_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `contact_links_message_idx` ON `contact_links` (`message_id`,`contact_id`);