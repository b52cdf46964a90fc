PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_message_audience` (
	`id` text NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`include_subdepartments` integer DEFAULT true NOT NULL,
	`label` text NOT NULL,
	`resolved_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`message_id`, `id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_message_audience`("id", "message_id", "kind", "target_id", "include_subdepartments", "label", "resolved_count") SELECT "id", "message_id", "kind", "target_id", "include_subdepartments", "label", "resolved_count" FROM `message_audience`;--> statement-breakpoint
DROP TABLE `message_audience`;--> statement-breakpoint
ALTER TABLE `__new_message_audience` RENAME TO `message_audience`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
DROP INDEX `messages_status_idx`;