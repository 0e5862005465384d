CREATE TABLE `contact_tags` (
	`contact_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`contact_id`, `tag`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_tags_tag` ON `contact_tags` (`tag`,`contact_id`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` integer PRIMARY KEY NOT NULL,
	`campaign_id` integer NOT NULL,
	`contact_id` integer,
	`jid` text NOT NULL,
	`phone` text NOT NULL,
	`name` text,
	`variant` integer NOT NULL,
	`text` text NOT NULL,
	`wa_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`due_at` integer DEFAULT 0 NOT NULL,
	`error` text,
	`sent_at` integer,
	`delivered_at` integer,
	`read_at` integer,
	`replied_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `campaign_recipients_due` ON `campaign_recipients` (`campaign_id`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_wa_id` ON `campaign_recipients` (`wa_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bot_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`draft` text NOT NULL,
	`note` text,
	`excluded` text DEFAULT '{}' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`next_send_at` integer DEFAULT 0 NOT NULL,
	`since_pause` integer DEFAULT 0 NOT NULL,
	`slowdown` integer DEFAULT 1 NOT NULL,
	`fail_streak` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_active` ON `campaigns` (`status`,`bot_id`);--> statement-breakpoint
CREATE TABLE `send_days` (
	`bot_id` text NOT NULL,
	`day` text NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`bot_id`, `day`),
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `template_versions` (
	`template_id` integer NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`media` text,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`template_id`, `version`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`text` text NOT NULL,
	`media` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `contacts` ADD `name` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `notes` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `source` text DEFAULT 'whatsapp' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `sort_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `contacts_sorted` ON `contacts` (`bot_id`,`sort_name`,`id`);--> statement-breakpoint
-- The Contacts page sorts by name (the business's, else WhatsApp's), numbers after names. Kept by
-- triggers so no writer (the inbox, an import, a hand edit) can forget it.
CREATE TRIGGER `contacts_sort_insert` AFTER INSERT ON `contacts` BEGIN
  UPDATE `contacts` SET
    `sort_name` = lower(coalesce(nullif(trim(NEW.`name`), ''), nullif(trim(NEW.`push_name`), ''), '~' || coalesce(NEW.`phone_jid`, NEW.`lid_jid`, ''))),
    `created_at` = CASE WHEN NEW.`created_at` = 0 THEN NEW.`updated_at` ELSE NEW.`created_at` END
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_sort_update` AFTER UPDATE OF `name`, `push_name`, `phone_jid`, `lid_jid` ON `contacts` BEGIN
  UPDATE `contacts` SET
    `sort_name` = lower(coalesce(nullif(trim(NEW.`name`), ''), nullif(trim(NEW.`push_name`), ''), '~' || coalesce(NEW.`phone_jid`, NEW.`lid_jid`, '')))
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
UPDATE `contacts` SET
  `sort_name` = lower(coalesce(nullif(trim(`push_name`), ''), '~' || coalesce(`phone_jid`, `lid_jid`, ''))),
  `created_at` = `updated_at`;
