CREATE TABLE `sent_state` (
	`sender_id` text NOT NULL,
	`message_id` text NOT NULL,
	`archived_at` integer,
	`starred_at` integer,
	PRIMARY KEY(`sender_id`, `message_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
