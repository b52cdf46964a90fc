CREATE TABLE `approval_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`conditions` text NOT NULL,
	`nodes` text NOT NULL,
	`self_approval` text DEFAULT 'skip' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `approval_flows_position_idx` ON `approval_flows` (`position`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow` text NOT NULL,
	`sender_id` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`current_node` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_message_idx` ON `approval_requests` (`message_id`);--> statement-breakpoint
CREATE INDEX `approval_requests_sender_idx` ON `approval_requests` (`sender_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `approval_requests_status_idx` ON `approval_requests` (`status`);--> statement-breakpoint
CREATE TABLE `approval_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`round` integer NOT NULL,
	`node_index` integer NOT NULL,
	`approver_id` text NOT NULL,
	`decision` text,
	`comment` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_tasks_idx` ON `approval_tasks` (`request_id`,`round`,`node_index`,`approver_id`);--> statement-breakpoint
CREATE INDEX `approval_tasks_queue_idx` ON `approval_tasks` (`approver_id`,`decision`);