ALTER TABLE "mailbox" ADD COLUMN "starred_at" bigint;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "snoozed_until" bigint;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "preview" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "mailbox_starred_idx" ON "mailbox" USING btree ("owner_id","delivered_at","message_id") WHERE "mailbox"."starred_at" is not null and "mailbox"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "mailbox_snoozed_idx" ON "mailbox" USING btree ("owner_id","message_id") WHERE "mailbox"."snoozed_until" is not null;--> statement-breakpoint
CREATE INDEX "mailbox_snooze_due_idx" ON "mailbox" USING btree ("snoozed_until") WHERE "mailbox"."snoozed_until" is not null;