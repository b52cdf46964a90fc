DROP INDEX "mailbox_sender_idx";--> statement-breakpoint
DROP INDEX "mailbox_priority_idx";--> statement-breakpoint
CREATE INDEX "mailbox_sender_idx" ON "mailbox" USING btree ("owner_id","sender_id","delivered_at","message_id","deleted_at","archived_at","read_at","priority","has_attachments","receipt_required","confirmed_at","expires_at");--> statement-breakpoint
CREATE INDEX "mailbox_priority_idx" ON "mailbox" USING btree ("owner_id","priority","delivered_at","message_id","deleted_at","archived_at","read_at","receipt_required","confirmed_at","expires_at","has_attachments","sender_id");