CREATE INDEX `role_grants_role_idx` ON `role_grants` (`role_id`);--> statement-breakpoint
CREATE INDEX `contacts_name_idx` ON `contacts` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_email_idx` ON `contacts` (lower("email"));--> statement-breakpoint
CREATE INDEX `groups_name_idx` ON `groups` (`name`,`id`);