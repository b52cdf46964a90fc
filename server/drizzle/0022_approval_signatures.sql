CREATE TABLE `approval_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`request_id` text NOT NULL,
	`signer_id` text NOT NULL,
	`kind` text NOT NULL,
	`typed_name` text,
	`blob_key` text,
	`size` integer,
	`sha256` text,
	`width` integer,
	`height` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `approval_tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_signatures_task_idx` ON `approval_signatures` (`task_id`);--> statement-breakpoint
CREATE INDEX `approval_signatures_request_idx` ON `approval_signatures` (`request_id`);