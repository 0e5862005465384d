CREATE TABLE `automation_configs` (
	`bot_id` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `command_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bot_id` text NOT NULL,
	`chat_id` integer,
	`sender_jid` text NOT NULL,
	`command` text NOT NULL,
	`result` text NOT NULL,
	`ms` real NOT NULL,
	`ts` integer NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `command_runs_bot` ON `command_runs` (`bot_id`,`id`);--> statement-breakpoint
CREATE TABLE `group_settings` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `premium_members` (
	`bot_id` text NOT NULL,
	`jid` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`bot_id`, `jid`),
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `warnings` (
	`chat_id` integer NOT NULL,
	`jid` text NOT NULL,
	`count` integer NOT NULL,
	`last_reason` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `jid`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `chats` ADD `handoff_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `opted_out_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `opted_out_reason` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `mentions` text;