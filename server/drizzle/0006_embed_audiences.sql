ALTER TABLE `embed_apps` ADD `audience` text DEFAULT 'contacts' NOT NULL;--> statement-breakpoint
ALTER TABLE `embed_apps` ADD `department_ids` text;