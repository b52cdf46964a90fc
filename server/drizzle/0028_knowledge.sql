CREATE TABLE `knowledge_departments` (
	`item_id` text NOT NULL,
	`department_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `department_id`),
	FOREIGN KEY (`item_id`) REFERENCES `knowledge_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_departments_dept_idx` ON `knowledge_departments` (`department_id`);--> statement-breakpoint
CREATE TABLE `knowledge_items` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`published_by` text NOT NULL,
	`everyone` integer NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_items_message_idx` ON `knowledge_items` (`message_id`);--> statement-breakpoint
CREATE INDEX `knowledge_items_published_idx` ON `knowledge_items` (`published_at`,`id`);--> statement-breakpoint
CREATE TABLE `knowledge_tags` (
	`item_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `tag_id`),
	FOREIGN KEY (`item_id`) REFERENCES `knowledge_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_tags_tag_idx` ON `knowledge_tags` (`tag_id`);