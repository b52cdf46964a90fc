CREATE TABLE "knowledge_departments" (
	"item_id" text NOT NULL,
	"department_id" text NOT NULL,
	CONSTRAINT "knowledge_departments_item_id_department_id_pk" PRIMARY KEY("item_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_items" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"published_by" text NOT NULL,
	"everyone" boolean NOT NULL,
	"published_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_tags" (
	"item_id" text NOT NULL,
	"tag_id" text NOT NULL,
	CONSTRAINT "knowledge_tags_item_id_tag_id_pk" PRIMARY KEY("item_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "knowledge_departments" ADD CONSTRAINT "knowledge_departments_item_id_knowledge_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."knowledge_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_tags" ADD CONSTRAINT "knowledge_tags_item_id_knowledge_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."knowledge_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_tags" ADD CONSTRAINT "knowledge_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_departments_dept_idx" ON "knowledge_departments" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_items_message_idx" ON "knowledge_items" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "knowledge_items_published_idx" ON "knowledge_items" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "knowledge_tags_tag_idx" ON "knowledge_tags" USING btree ("tag_id");