CREATE INDEX `chats_list_all` ON `chats` (`archived`,`last_ts`,`id`);--> statement-breakpoint
CREATE INDEX `chats_pinned` ON `chats` (`archived`,`pinned_at`) WHERE pinned_at IS NOT NULL;