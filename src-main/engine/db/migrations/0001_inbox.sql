CREATE TABLE `chats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bot_id` text NOT NULL,
	`jid` text NOT NULL,
	`kind` text NOT NULL,
	`contact_id` integer,
	`title` text,
	`last_message_id` integer,
	`last_ts` integer NOT NULL,
	`unread` integer DEFAULT 0 NOT NULL,
	`pinned_at` integer,
	`archived` integer DEFAULT false NOT NULL,
	`muted_until` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_jid` ON `chats` (`bot_id`,`jid`);--> statement-breakpoint
CREATE INDEX `chats_list` ON `chats` (`bot_id`,`archived`,`last_ts`,`id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bot_id` text NOT NULL,
	`phone_jid` text,
	`lid_jid` text,
	`push_name` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_phone` ON `contacts` (`bot_id`,`phone_jid`) WHERE phone_jid IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_lid` ON `contacts` (`bot_id`,`lid_jid`) WHERE lid_jid IS NOT NULL;--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`bot_id` text NOT NULL,
	`chat_id` integer NOT NULL,
	`wa_id` text NOT NULL,
	`from_me` integer NOT NULL,
	`sender_jid` text NOT NULL,
	`sender_name` text,
	`ts` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`status` text,
	`error` text,
	`quoted_wa_id` text,
	`quoted_text` text,
	`quoted_sender` text,
	`forwarded` integer DEFAULT false NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_wa_id` ON `messages` (`chat_id`,`from_me`,`wa_id`);--> statement-breakpoint
CREATE INDEX `messages_thread` ON `messages` (`chat_id`,`ts`,`id`);--> statement-breakpoint
CREATE INDEX `messages_outbox` ON `messages` (`bot_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`message_id` integer NOT NULL,
	`sender_jid` text NOT NULL,
	`emoji` text NOT NULL,
	`ts` integer NOT NULL,
	PRIMARY KEY(`message_id`, `sender_jid`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
