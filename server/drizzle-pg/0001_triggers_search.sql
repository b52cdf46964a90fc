-- Issue 18: the PostgreSQL twins of what SQLite's migrations hand-write (drizzle declares no triggers, virtual tables
-- or indexes outside a table's file): 0003's two message lists and 0009's expiring-unread index, 0008's identity
-- epoch and 0010's config epoch, 0009's inbox counts, 0013's listing versions, and 0003/0012's search, which here is
-- a text column with a pg_trgm index instead of FTS5 (docs/postgresql-plan.md §4). Same names as SQLite's, so
-- db/pg-migrations.test.ts can check that every SQLite table, index and trigger has its twin; db/pg-triggers.test.ts
-- runs one random sequence of writes on both engines and compares the counters after each. Row-level triggers as
-- SQLite's, except the inbox counts of entries: statement-level, set-based (below).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "messages_gone_idx" ON "messages" ("id") WHERE "deleted_at" IS NOT NULL OR "status" <> 'sent';
--> statement-breakpoint
CREATE INDEX "messages_recalled_idx" ON "messages" ("id") WHERE "recalled_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "mailbox_expiring_unread_idx" ON "mailbox" ("owner_id", "expires_at", "archived_at", "priority", "message_id")
  WHERE "read_at" IS NULL AND "deleted_at" IS NULL AND "expires_at" IS NOT NULL;
--> statement-breakpoint
-- 0008: who is calling is cached per process; every write that can change it moves this one-row counter.
CREATE TABLE "identity_epoch" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"value" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "identity_epoch" ("id", "value") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "bump_identity_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "identity_epoch" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_members_update" AFTER UPDATE OF "employee_no", "name", "email", "locale", "password_hash", "must_change_password", "disabled", "is_super_admin", "department_id" ON "members"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_members_delete" AFTER DELETE ON "members"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_member_departments_insert" AFTER INSERT ON "member_departments"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_member_departments_update" AFTER UPDATE ON "member_departments"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_member_departments_delete" AFTER DELETE ON "member_departments"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_departments_update" AFTER UPDATE OF "parent_id", "path" ON "departments"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_departments_delete" AFTER DELETE ON "departments"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_sessions_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_sessions_delete" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_roles_update" AFTER UPDATE OF "permissions", "builtin_key" ON "roles"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_roles_delete" AFTER DELETE ON "roles"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_role_grants_insert" AFTER INSERT ON "role_grants"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_role_grants_update" AFTER UPDATE ON "role_grants"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_role_grants_delete" AFTER DELETE ON "role_grants"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_embed_apps_insert" AFTER INSERT ON "embed_apps"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_embed_apps_update" AFTER UPDATE ON "embed_apps"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_embed_apps_delete" AFTER DELETE ON "embed_apps"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_api_keys_update" AFTER UPDATE OF "name", "secret_hash", "permissions", "created_by", "revoked_at", "send_as_members" ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_api_keys_delete" AFTER DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_contacts_update" AFTER UPDATE OF "name", "email", "company", "locale", "disabled", "portal_enabled" ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_contacts_delete" AFTER DELETE ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_settings_insert" AFTER INSERT ON "settings"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_settings_update" AFTER UPDATE ON "settings"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_settings_delete" AFTER DELETE ON "settings"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_approval_flows_insert" AFTER INSERT ON "approval_flows"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_approval_flows_update" AFTER UPDATE ON "approval_flows"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
CREATE TRIGGER "identity_epoch_approval_flows_delete" AFTER DELETE ON "approval_flows"
  FOR EACH ROW EXECUTE FUNCTION "bump_identity_epoch"();
--> statement-breakpoint
-- 0009: the inbox's counts per owner. An entry counts while it is in the plain inbox and its message is sent and not
-- deleted; `unread` / `unread_urgent` only for entries that never expire.
CREATE TABLE "mailbox_counts" (
	"owner_id" text PRIMARY KEY NOT NULL,
	"inbox" bigint DEFAULT 0 NOT NULL,
	"unread" bigint DEFAULT 0 NOT NULL,
	"unread_urgent" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Entries: statement-level triggers over the transition tables (docs/postgresql-plan.md §3), so a send's INSERT …
-- SELECT of thousands of entries is one set-based upsert, taken in owner order: two overlapping sends lock count rows
-- in the same order and cannot deadlock. Each entry adds (new) or takes back (old) what it counts; PostgreSQL allows
-- transition tables on one event only and not with UPDATE OF, so there are three functions and the update one nets
-- old against new itself (owners whose counts do not move are left alone, as SQLite's column list does).
CREATE FUNCTION "herald_mailbox_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "mailbox_counts" AS c ("owner_id", "inbox", "unread", "unread_urgent")
    SELECT e."owner_id", count(*),
      count(*) FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL),
      count(*) FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL AND e."priority" = 'urgent')
    FROM "new_rows" e JOIN "messages" m ON m."id" = e."message_id" AND m."deleted_at" IS NULL AND m."status" = 'sent'
    WHERE e."deleted_at" IS NULL AND e."archived_at" IS NULL
    GROUP BY e."owner_id" ORDER BY e."owner_id"
    ON CONFLICT ("owner_id") DO UPDATE SET "inbox" = c."inbox" + excluded."inbox",
      "unread" = c."unread" + excluded."unread", "unread_urgent" = c."unread_urgent" + excluded."unread_urgent";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "herald_mailbox_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "mailbox_counts" AS c ("owner_id", "inbox", "unread", "unread_urgent")
    SELECT e."owner_id", -count(*),
      -count(*) FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL),
      -count(*) FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL AND e."priority" = 'urgent')
    FROM "old_rows" e JOIN "messages" m ON m."id" = e."message_id" AND m."deleted_at" IS NULL AND m."status" = 'sent'
    WHERE e."deleted_at" IS NULL AND e."archived_at" IS NULL
    GROUP BY e."owner_id" ORDER BY e."owner_id"
    ON CONFLICT ("owner_id") DO UPDATE SET "inbox" = c."inbox" + excluded."inbox",
      "unread" = c."unread" + excluded."unread", "unread_urgent" = c."unread_urgent" + excluded."unread_urgent";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "herald_mailbox_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "mailbox_counts" AS c ("owner_id", "inbox", "unread", "unread_urgent")
    SELECT * FROM (
      SELECT e."owner_id", sum(e."d") AS "inbox",
        coalesce(sum(e."d") FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL), 0) AS "unread",
        coalesce(sum(e."d") FILTER (WHERE e."read_at" IS NULL AND e."expires_at" IS NULL AND e."priority" = 'urgent'),
          0) AS "unread_urgent"
      FROM (SELECT n.*, 1 AS "d" FROM "new_rows" n UNION ALL SELECT o.*, -1 AS "d" FROM "old_rows" o) e
      JOIN "messages" m ON m."id" = e."message_id" AND m."deleted_at" IS NULL AND m."status" = 'sent'
      WHERE e."deleted_at" IS NULL AND e."archived_at" IS NULL
      GROUP BY e."owner_id"
    ) moved
    WHERE "inbox" <> 0 OR "unread" <> 0 OR "unread_urgent" <> 0
    ORDER BY "owner_id"
    ON CONFLICT ("owner_id") DO UPDATE SET "inbox" = c."inbox" + excluded."inbox",
      "unread" = c."unread" + excluded."unread", "unread_urgent" = c."unread_urgent" + excluded."unread_urgent";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_insert" AFTER INSERT ON "mailbox" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "herald_mailbox_counts_insert"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_delete" AFTER DELETE ON "mailbox" REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "herald_mailbox_counts_delete"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_update" AFTER UPDATE ON "mailbox"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "herald_mailbox_counts_update"();
--> statement-breakpoint
-- A message that starts or stops counting (TG_ARGV[0]: +1 or -1): its listed entries' owners, one statement.
CREATE FUNCTION "herald_mailbox_counts_message"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := TG_ARGV[0]::integer;
  msg text;
BEGIN
  IF TG_OP = 'DELETE' THEN msg := OLD."id"; ELSE msg := NEW."id"; END IF;
  INSERT INTO "mailbox_counts" AS c ("owner_id", "inbox", "unread", "unread_urgent")
    SELECT mb."owner_id", delta,
      CASE WHEN mb."read_at" IS NULL AND mb."expires_at" IS NULL THEN delta ELSE 0 END,
      CASE WHEN mb."read_at" IS NULL AND mb."expires_at" IS NULL AND mb."priority" = 'urgent' THEN delta ELSE 0 END
    FROM "mailbox" mb WHERE mb."message_id" = msg AND mb."deleted_at" IS NULL AND mb."archived_at" IS NULL
    ON CONFLICT ("owner_id") DO UPDATE SET "inbox" = c."inbox" + excluded."inbox",
      "unread" = c."unread" + excluded."unread", "unread_urgent" = c."unread_urgent" + excluded."unread_urgent";
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_message_live" AFTER UPDATE OF "status", "deleted_at" ON "messages" FOR EACH ROW
  WHEN ((NEW."deleted_at" IS NULL AND NEW."status" = 'sent') AND NOT (OLD."deleted_at" IS NULL AND OLD."status" = 'sent'))
  EXECUTE FUNCTION "herald_mailbox_counts_message"('1');
--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_message_gone" AFTER UPDATE OF "status", "deleted_at" ON "messages" FOR EACH ROW
  WHEN ((OLD."deleted_at" IS NULL AND OLD."status" = 'sent') AND NOT (NEW."deleted_at" IS NULL AND NEW."status" = 'sent'))
  EXECUTE FUNCTION "herald_mailbox_counts_message"('-1');
--> statement-breakpoint
-- A message removed outright: its entries go by cascade after it, when it no longer counts as sent.
CREATE TRIGGER "mailbox_counts_message_delete" BEFORE DELETE ON "messages" FOR EACH ROW
  WHEN (OLD."deleted_at" IS NULL AND OLD."status" = 'sent')
  EXECUTE FUNCTION "herald_mailbox_counts_message"('-1');
--> statement-breakpoint
-- 0013: the plain inbox's cached pages are checked against a version per owner and one epoch of sender names.
CREATE TABLE "mailbox_versions" (
	"owner_id" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_epoch" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"names" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "listing_epoch" ("id", "names") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "herald_mailbox_version_bump"(owner text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "mailbox_versions" AS v ("owner_id", "version") VALUES (owner, 1)
    ON CONFLICT ("owner_id") DO UPDATE SET "version" = v."version" + 1;
$$;
--> statement-breakpoint
-- An entry or a tag on it: its owner (both owners when it moved). TG_ARGV[0] = 'sent': only once the message is sent
-- (a send's own rows before markSent change no page; the message's status trigger moves them all at once).
CREATE FUNCTION "herald_mailbox_versions_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_NARGS > 0 AND NOT EXISTS (
    SELECT 1 FROM "messages" WHERE "id" = NEW."message_id" AND "status" = 'sent'
  ) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "herald_mailbox_version_bump"(NEW."owner_id"); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."owner_id" <> NEW."owner_id") THEN
    PERFORM "herald_mailbox_version_bump"(OLD."owner_id");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_insert" AFTER INSERT ON "mailbox"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"('sent');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_update" AFTER UPDATE ON "mailbox"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_delete" AFTER DELETE ON "mailbox"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_tags_insert" AFTER INSERT ON "mailbox_tags"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_tags_update" AFTER UPDATE ON "mailbox_tags"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"();
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_tags_delete" AFTER DELETE ON "mailbox_tags"
  FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_owner"();
--> statement-breakpoint
-- Everyone who received these messages (TG_ARGV: which message ids — 'own': the row's; 'thread': the replies in the
-- row's thread, whose rows show its subject; 'files': the attachment's old and new message).
CREATE FUNCTION "herald_mailbox_versions_of"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_ARGV[0] = 'files' THEN
    IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW."message_id"];
    ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD."message_id"];
    ELSE ids := ARRAY[OLD."message_id", NEW."message_id"];
    END IF;
  ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD."id"];
  ELSE ids := ARRAY[NEW."id"];
  END IF;
  IF TG_ARGV[0] = 'thread' THEN
    INSERT INTO "mailbox_versions" AS v ("owner_id", "version")
      SELECT DISTINCT mb."owner_id", 1 FROM "messages" rp JOIN "mailbox" mb ON mb."message_id" = rp."id"
      WHERE rp."thread_id" = ids[1] AND rp."parent_id" IS NOT NULL
      ON CONFLICT ("owner_id") DO UPDATE SET "version" = v."version" + 1;
  ELSE
    INSERT INTO "mailbox_versions" AS v ("owner_id", "version")
      SELECT DISTINCT "owner_id", 1 FROM "mailbox" WHERE "message_id" = ANY (ids)
      ON CONFLICT ("owner_id") DO UPDATE SET "version" = v."version" + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_message_update" AFTER UPDATE OF "thread_id", "parent_id", "sender_kind", "sender_id",
  "kind", "priority", "subject", "body_text", "receipt_required", "expires_at", "due_at", "status", "recalled_at",
  "deleted_at" ON "messages" FOR EACH ROW EXECUTE FUNCTION "herald_mailbox_versions_of"('own');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_first_message_update" AFTER UPDATE OF "sender_id", "subject", "recalled_at",
  "deleted_at", "expires_at" ON "messages" FOR EACH ROW WHEN (NEW."parent_id" IS NULL)
  EXECUTE FUNCTION "herald_mailbox_versions_of"('thread');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_message_delete" AFTER DELETE ON "messages" FOR EACH ROW WHEN (OLD."parent_id" IS NULL)
  EXECUTE FUNCTION "herald_mailbox_versions_of"('thread');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_attachments_insert" AFTER INSERT ON "attachments" FOR EACH ROW
  WHEN (NEW."message_id" IS NOT NULL) EXECUTE FUNCTION "herald_mailbox_versions_of"('files');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_attachments_update" AFTER UPDATE OF "message_id" ON "attachments" FOR EACH ROW
  EXECUTE FUNCTION "herald_mailbox_versions_of"('files');
--> statement-breakpoint
CREATE TRIGGER "mailbox_versions_attachments_delete" AFTER DELETE ON "attachments" FOR EACH ROW
  WHEN (OLD."message_id" IS NOT NULL) EXECUTE FUNCTION "herald_mailbox_versions_of"('files');
--> statement-breakpoint
CREATE FUNCTION "bump_listing_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "listing_epoch" SET "names" = "names" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_members_name" AFTER UPDATE OF "name" ON "members"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_members_delete" AFTER DELETE ON "members"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_contacts_name" AFTER UPDATE OF "name" ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_contacts_delete" AFTER DELETE ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_api_keys_name" AFTER UPDATE OF "name" ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
CREATE TRIGGER "listing_epoch_api_keys_delete" AFTER DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "bump_listing_epoch"();
--> statement-breakpoint
-- 0003/0012: search. A message's subject (a first message's only), plain-text body and attachment names, lower-cased,
-- kept in its search document by a BEFORE trigger (the upsert in indexMessage fires it, as SQLite's AFTER triggers
-- fill FTS5) and indexed by trigrams. `like '%term%'` over it is rechecked row by row, so it answers exactly FTS5
-- trigram's substring match; terms of 1-2 characters take the owner-bounded branch on both engines. The database's
-- LC_CTYPE must be UTF-8 for pg_trgm to take trigrams of Chinese (docs/postgresql-plan.md §4).
ALTER TABLE "search_docs" ADD COLUMN "text" text DEFAULT '' NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "herald_search_docs_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."text" := coalesce((
    SELECT lower(concat_ws(E'\n', CASE WHEN m."parent_id" IS NULL THEN m."subject" ELSE '' END, m."body_text",
      coalesce((SELECT string_agg(a."name", ' ') FROM "attachments" a WHERE a."message_id" = NEW."message_id"), '')))
    FROM "messages" m WHERE m."id" = NEW."message_id"), '');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_docs_text_insert" BEFORE INSERT ON "search_docs"
  FOR EACH ROW EXECUTE FUNCTION "herald_search_docs_text"();
--> statement-breakpoint
CREATE TRIGGER "search_docs_text_update" BEFORE UPDATE ON "search_docs"
  FOR EACH ROW EXECUTE FUNCTION "herald_search_docs_text"();
--> statement-breakpoint
CREATE INDEX "search_docs_text_trgm" ON "search_docs" USING gin ("text" gin_trgm_ops);
--> statement-breakpoint
-- Live events in commit order (docs/postgresql-plan.md §3): event writers take one transaction lock before their
-- first row gets its seq, so seq order is commit order and a `seq > last` tailer never skips one; the NOTIFY (sent
-- at COMMIT, once per transaction) wakes the other nodes' hubs.
CREATE FUNCTION "herald_events_in_commit_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1801);
  PERFORM pg_notify('herald_events', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "events_commit_order" BEFORE INSERT ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION "herald_events_in_commit_order"();
