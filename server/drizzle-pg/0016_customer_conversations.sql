CREATE TABLE "customer_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"contact_id" text NOT NULL,
	"target" text NOT NULL,
	"group_id" text,
	"owner_member_id" text,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" text,
	"opened_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_conversations_contact_idx" ON "customer_conversations" USING btree ("contact_id","updated_at");--> statement-breakpoint
CREATE INDEX "customer_conversations_status_idx" ON "customer_conversations" USING btree ("status","updated_at");