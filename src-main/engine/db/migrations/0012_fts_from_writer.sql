-- Search rows are written by the inbox writer, one statement per batch (see InboxWriter.indexText):
-- this trigger made every message its own FTS5 segment. Update and delete triggers stay.
DROP TRIGGER IF EXISTS `messages_fts_insert`;
