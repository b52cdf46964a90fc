CREATE TABLE "blob_deletions" (
	"blob_key" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"queued_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "purged_at" bigint;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "purge_reason" text;--> statement-breakpoint
CREATE INDEX "messages_purge_expired_idx" ON "messages" USING btree ("expires_at","id") WHERE "messages"."expires_at" is not null and "messages"."purged_at" is null;--> statement-breakpoint
CREATE INDEX "messages_retention_idx" ON "messages" USING btree ("created_at","id") WHERE "messages"."purged_at" is null;