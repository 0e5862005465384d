-- Live messages are indexed for search once per batch of writes, not one by one: each message is
-- its own savepoint, and FTS5 writes an index segment at every savepoint, so at 1,000 messages a
-- second its merges stalled the engine for 20-30 ms once a minute. A message waits here until
-- the batch commits (InboxWriter.indexPending); edits and deletes of a waiting message leave the
-- index alone, since it will be indexed with whatever text it has by then.
-- FTS5's automatic merging is switched off: it merged 64 pages per level in one go each time 64
-- pages had been written (15-30 ms on the engine's thread, more levels as the index grows). The
-- writer merges a little after every index write instead (InboxWriter.merge).
CREATE TABLE `messages_fts_pending` (`id` INTEGER PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
WHEN old.`text` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `messages_fts_pending` WHERE `id` = old.`id`) BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `text` ON `messages`
WHEN NOT EXISTS (SELECT 1 FROM `messages_fts_pending` WHERE `id` = old.`id`) BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, `text`) SELECT 'delete', old.`id`, old.`text` WHERE old.`text` IS NOT NULL;
  INSERT INTO `messages_fts`(rowid, `text`) SELECT new.`id`, new.`text` WHERE new.`text` IS NOT NULL;
END;
--> statement-breakpoint
INSERT INTO `messages_fts`(`messages_fts`, `rank`) VALUES ('automerge', 0);
