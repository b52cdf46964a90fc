CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`uploader_kind` text NOT NULL,
	`uploader_id` text NOT NULL,
	`message_id` text,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`content_type` text NOT NULL,
	`sha256` text NOT NULL,
	`blob_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attachments_uploader_idx` ON `attachments` (`uploader_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE TABLE `mailbox` (
	`message_id` text NOT NULL,
	`owner_kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`priority` text NOT NULL,
	`delivered_at` integer NOT NULL,
	`expires_at` integer,
	`read_at` integer,
	`confirmed_at` integer,
	`progress` text,
	`progress_note` text,
	`progress_at` integer,
	`archived_at` integer,
	`deleted_at` integer,
	PRIMARY KEY(`message_id`, `owner_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mailbox_owner_idx` ON `mailbox` (`owner_id`,`delivered_at`,`message_id`);--> statement-breakpoint
CREATE INDEX `mailbox_thread_idx` ON `mailbox` (`thread_id`,`owner_kind`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `drafts_owner_idx` ON `drafts` (`owner_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `message_audience` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`include_subdepartments` integer DEFAULT true NOT NULL,
	`label` text NOT NULL,
	`resolved_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_audience_message_idx` ON `message_audience` (`message_id`);--> statement-breakpoint
CREATE TABLE `message_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`revision` integer NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`body_text` text NOT NULL,
	`replaced_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_revisions_idx` ON `message_revisions` (`message_id`,`revision`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`parent_id` text,
	`sender_kind` text NOT NULL,
	`sender_id` text NOT NULL,
	`sender_department_id` text,
	`kind` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`body_text` text DEFAULT '' NOT NULL,
	`links` text DEFAULT '[]' NOT NULL,
	`receipt_required` integer DEFAULT false NOT NULL,
	`expires_in_ms` integer,
	`expires_at` integer,
	`due_at` integer,
	`status` text NOT NULL,
	`recipient_count` integer DEFAULT 0 NOT NULL,
	`delivered_at` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`edited_at` integer,
	`recalled_at` integer,
	`recalled_by` text,
	`deleted_at` integer,
	`deleted_by` text,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_idempotency_idx` ON `messages` (`sender_id`,`idempotency_key`) WHERE "messages"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX `messages_sender_idx` ON `messages` (`sender_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `messages_thread_idx` ON `messages` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_status_idx` ON `messages` (`status`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
