CREATE TABLE `group_members` (
	`chat_id` integer NOT NULL,
	`jid` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`chat_id`, `jid`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`description` text,
	`owner_jid` text,
	`announce` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
