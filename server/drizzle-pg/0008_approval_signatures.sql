CREATE TABLE "approval_signatures" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"request_id" text NOT NULL,
	"signer_id" text NOT NULL,
	"kind" text NOT NULL,
	"typed_name" text,
	"blob_key" text,
	"size" bigint,
	"sha256" text,
	"width" bigint,
	"height" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_signatures" ADD CONSTRAINT "approval_signatures_task_id_approval_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."approval_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_signatures" ADD CONSTRAINT "approval_signatures_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_signatures_task_idx" ON "approval_signatures" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "approval_signatures_request_idx" ON "approval_signatures" USING btree ("request_id");