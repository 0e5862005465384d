CREATE TABLE `wa_auth` (
	`bot_id` text NOT NULL,
	`type` text NOT NULL,
	`id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`bot_id`, `type`, `id`),
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bot_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bot_id` text NOT NULL,
	`ts` integer NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bot_events_page` ON `bot_events` (`bot_id`,`ts`,`id`);--> statement-breakpoint
CREATE INDEX `bot_events_kind_page` ON `bot_events` (`bot_id`,`kind`,`ts`,`id`);--> statement-breakpoint
CREATE TABLE `bot_features` (
	`bot_id` text NOT NULL,
	`feature` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`bot_id`, `feature`),
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bots` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`phone` text,
	`jid` text,
	`auto_start` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_online_at` integer
);
