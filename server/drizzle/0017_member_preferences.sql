CREATE TABLE `notify_preferences` (
	`member_id` text PRIMARY KEY NOT NULL,
	`high_channels` text,
	`normal_channels` text,
	`quiet_start` integer,
	`quiet_end` integer,
	`quiet_urgent` integer DEFAULT false NOT NULL,
	`time_zone` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `profile_verifications` (
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`value` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `kind`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
