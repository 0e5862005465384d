ALTER TABLE `bots` ADD `linked_at` integer;--> statement-breakpoint
ALTER TABLE `bots` ADD `linked_phone` text;--> statement-breakpoint
-- Numbers linked before this column existed keep the warm-up start they had: the bot's creation.
UPDATE `bots` SET `linked_at` = `created_at`, `linked_phone` = `phone` WHERE `phone` IS NOT NULL;
