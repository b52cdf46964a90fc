CREATE TABLE "notify_preferences" (
	"member_id" text PRIMARY KEY NOT NULL,
	"high_channels" text,
	"normal_channels" text,
	"quiet_start" bigint,
	"quiet_end" bigint,
	"quiet_urgent" boolean DEFAULT false NOT NULL,
	"time_zone" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_verifications" (
	"member_id" text NOT NULL,
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"value" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"expires_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "profile_verifications_member_id_kind_pk" PRIMARY KEY("member_id","kind")
);
--> statement-breakpoint
ALTER TABLE "notify_preferences" ADD CONSTRAINT "notify_preferences_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_verifications" ADD CONSTRAINT "profile_verifications_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;