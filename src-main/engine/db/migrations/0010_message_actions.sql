ALTER TABLE `messages` ADD `origin` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `starred_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `hidden_at` integer;--> statement-breakpoint
CREATE INDEX `messages_starred` ON `messages` (`chat_id`,`ts`,`id`) WHERE starred_at IS NOT NULL;--> statement-breakpoint
-- A chat whose contact was deleted (contact_id set null) is linked again to whichever contact
-- holds its number: one added by hand or imported later, or one that gets the number later.
-- The contacts engine writes contacts without knowing chats exist; these triggers keep the link.
CREATE TRIGGER `contacts_link_chats_insert` AFTER INSERT ON `contacts` WHEN new.`phone_jid` IS NOT NULL BEGIN
  UPDATE `chats` SET `contact_id` = new.`id`
  WHERE `bot_id` = new.`bot_id` AND `jid` = new.`phone_jid` AND `contact_id` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_link_chats_update` AFTER UPDATE OF `phone_jid` ON `contacts` WHEN new.`phone_jid` IS NOT NULL BEGIN
  UPDATE `chats` SET `contact_id` = new.`id`
  WHERE `bot_id` = new.`bot_id` AND `jid` = new.`phone_jid` AND `contact_id` IS NULL;
END;
--> statement-breakpoint
UPDATE `chats` SET `contact_id` = (
  SELECT `id` FROM `contacts` WHERE `contacts`.`bot_id` = `chats`.`bot_id` AND `contacts`.`phone_jid` = `chats`.`jid`
) WHERE `contact_id` IS NULL AND `kind` = 'user';
