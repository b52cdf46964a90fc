-- Issue 15: a message's search document and its text in one statement. `indexMessage` writes the document row
-- (new, or the same row again after an edit: an upsert); these triggers put the message's subject (a first message's
-- only), plain-text body and attachment names into the full-text index under that row's id, replacing what was
-- there, in the same transaction — what `indexMessage` did itself with a second statement. docs/architecture.md
-- "The send path".
CREATE TRIGGER `search_docs_text_insert` AFTER INSERT ON `search_docs` BEGIN
  INSERT OR REPLACE INTO `message_search` (`rowid`, `subject`, `body`, `attachments`)
    SELECT new.`id`, CASE WHEN `parent_id` IS NULL THEN `subject` ELSE '' END, `body_text`,
      coalesce((SELECT group_concat(`name`, ' ') FROM `attachments` WHERE `message_id` = new.`message_id`), '')
    FROM `messages` WHERE `id` = new.`message_id`;
END;
--> statement-breakpoint
-- An edit upserts the same row: its old text is taken out first (under an upsert, FTS5 is not told to replace).
CREATE TRIGGER `search_docs_text_update` AFTER UPDATE ON `search_docs` BEGIN
  DELETE FROM `message_search` WHERE `rowid` = old.`id`;
  INSERT INTO `message_search` (`rowid`, `subject`, `body`, `attachments`)
    SELECT new.`id`, CASE WHEN `parent_id` IS NULL THEN `subject` ELSE '' END, `body_text`,
      coalesce((SELECT group_concat(`name`, ' ') FROM `attachments` WHERE `message_id` = new.`message_id`), '')
    FROM `messages` WHERE `id` = new.`message_id`;
END;
