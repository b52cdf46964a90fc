CREATE TABLE "sent_state" (
	"sender_id" text NOT NULL,
	"message_id" text NOT NULL,
	"archived_at" bigint,
	"starred_at" bigint,
	CONSTRAINT "sent_state_sender_id_message_id_pk" PRIMARY KEY("sender_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "sent_state" ADD CONSTRAINT "sent_state_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;