CREATE TABLE `contact_import_undo` (
	`import_id` text NOT NULL,
	`slice` integer NOT NULL,
	`undo` text NOT NULL,
	PRIMARY KEY(`import_id`, `slice`),
	FOREIGN KEY (`import_id`) REFERENCES `contact_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contact_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`bot_id` text NOT NULL,
	`started_at` integer NOT NULL,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
