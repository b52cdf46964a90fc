-- Issue 19 item 8, the twin of SQLite's 0021: a purge sets `messages.purged_at`, which a row of the inbox shows, so the
-- kept pages of the message's recipients must move with it (the trigger of 0001 with the column added).
DROP TRIGGER "mailbox_versions_message_update" ON "messages";
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_message_update" AFTER UPDATE OF "thread_id", "parent_id", "sender_kind", "sender_id",
  "kind", "priority", "subject", "body_text", "receipt_required", "expires_at", "due_at", "status", "recalled_at",
  "deleted_at", "purged_at" ON "messages" FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_of"('own');
