DROP INDEX `messages_outbox`;--> statement-breakpoint
CREATE INDEX `messages_outbox` ON `messages` (`bot_id`,`id`) WHERE status = 'pending';