CREATE TABLE `media` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`file_name` text,
	`size` integer,
	`width` integer,
	`height` integer,
	`seconds` integer,
	`state` text NOT NULL,
	`sha256` text,
	`thumb` blob,
	`ref` text,
	`error` text,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
