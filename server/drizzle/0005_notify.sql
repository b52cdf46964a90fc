CREATE TABLE `notify_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` text NOT NULL,
	`channel` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`address` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_deliveries_key_idx` ON `notify_deliveries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `notify_deliveries_due_idx` ON `notify_deliveries` (`next_attempt_at`) WHERE "notify_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `notify_deliveries_claimed_idx` ON `notify_deliveries` (`locked_until`) WHERE "notify_deliveries"."status" = 'sending';--> statement-breakpoint
CREATE INDEX `notify_deliveries_message_idx` ON `notify_deliveries` (`message_id`,`recipient_id`,`channel`,`round`);--> statement-breakpoint
CREATE INDEX `notify_deliveries_dead_idx` ON `notify_deliveries` (`updated_at`,`id`) WHERE "notify_deliveries"."status" = 'dead';--> statement-breakpoint
CREATE TABLE `notify_reminders` (
	`message_id` text PRIMARY KEY NOT NULL,
	`every_ms` integer NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`remaining` integer NOT NULL,
	`next_at` integer NOT NULL,
	`stopped_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notify_reminders_due_idx` ON `notify_reminders` (`next_at`) WHERE "notify_reminders"."stopped_at" is null;