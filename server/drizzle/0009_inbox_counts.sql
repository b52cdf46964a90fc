-- Issue 15: the inbox's counts per owner, kept by triggers, so the unread badge and the first page's total are one
-- row read instead of a count over up to 10,000 index entries (1.2–3.8 ms at 100,000 entries: more than the whole
-- request may cost). `inbox`: entries the plain inbox lists (not archived, not in the trash, message sent and not
-- deleted: mailboxWhere's view 'inbox'). `unread` / `unread_urgent`: those not read whose message never expires; the
-- few unread entries that expire are counted at read time over mailbox_expiring_unread_idx (`expires_at > now`), so
-- no count ever depends on a sweep. Triggers: every path that writes mailbox or a message's status/deletion keeps
-- them, in every process. docs/architecture.md "The request path".
CREATE TABLE `mailbox_counts` (
	`owner_id` text PRIMARY KEY NOT NULL,
	`inbox` integer NOT NULL DEFAULT 0,
	`unread` integer NOT NULL DEFAULT 0,
	`unread_urgent` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE INDEX `mailbox_expiring_unread_idx` ON `mailbox` (`owner_id`, `expires_at`, `archived_at`, `priority`, `message_id`)
  WHERE `read_at` IS NULL AND `deleted_at` IS NULL AND `expires_at` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`)
  SELECT mb.`owner_id`, count(*), sum(mb.`read_at` IS NULL AND mb.`expires_at` IS NULL),
    sum(mb.`read_at` IS NULL AND mb.`expires_at` IS NULL AND mb.`priority` = 'urgent')
  FROM `mailbox` mb JOIN `messages` m ON m.`id` = mb.`message_id` AND m.`deleted_at` IS NULL AND m.`status` = 'sent'
  WHERE mb.`deleted_at` IS NULL AND mb.`archived_at` IS NULL
  GROUP BY mb.`owner_id`;
--> statement-breakpoint
CREATE TRIGGER `mailbox_counts_insert` AFTER INSERT ON `mailbox` BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`) SELECT new.`owner_id`, (l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL), ((l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) AND new.`read_at` IS NULL AND new.`expires_at` IS NULL), (((l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) AND new.`read_at` IS NULL AND new.`expires_at` IS NULL) AND new.`priority` = 'urgent') FROM (SELECT EXISTS (SELECT 1 FROM `messages` WHERE `id` = new.`message_id` AND `deleted_at` IS NULL AND `status` = 'sent') AS l) WHERE (l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`, `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_counts_delete` AFTER DELETE ON `mailbox` BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`) SELECT old.`owner_id`, -(l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL), -((l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) AND old.`read_at` IS NULL AND old.`expires_at` IS NULL), -(((l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) AND old.`read_at` IS NULL AND old.`expires_at` IS NULL) AND old.`priority` = 'urgent') FROM (SELECT EXISTS (SELECT 1 FROM `messages` WHERE `id` = old.`message_id` AND `deleted_at` IS NULL AND `status` = 'sent') AS l) WHERE (l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`, `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_counts_update` AFTER UPDATE OF `read_at`, `archived_at`, `deleted_at`, `priority`, `expires_at`, `owner_id` ON `mailbox` BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`) SELECT old.`owner_id`, -(l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL), -((l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) AND old.`read_at` IS NULL AND old.`expires_at` IS NULL), -(((l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) AND old.`read_at` IS NULL AND old.`expires_at` IS NULL) AND old.`priority` = 'urgent') FROM (SELECT EXISTS (SELECT 1 FROM `messages` WHERE `id` = old.`message_id` AND `deleted_at` IS NULL AND `status` = 'sent') AS l) WHERE (l AND old.`deleted_at` IS NULL AND old.`archived_at` IS NULL) ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`, `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`) SELECT new.`owner_id`, (l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL), ((l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) AND new.`read_at` IS NULL AND new.`expires_at` IS NULL), (((l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) AND new.`read_at` IS NULL AND new.`expires_at` IS NULL) AND new.`priority` = 'urgent') FROM (SELECT EXISTS (SELECT 1 FROM `messages` WHERE `id` = new.`message_id` AND `deleted_at` IS NULL AND `status` = 'sent') AS l) WHERE (l AND new.`deleted_at` IS NULL AND new.`archived_at` IS NULL) ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`, `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
--> statement-breakpoint
-- A message delivered after its approval, or deleted: its entries' owners, in one set-based statement.
CREATE TRIGGER `mailbox_counts_message_live` AFTER UPDATE OF `status`, `deleted_at` ON `messages`
  WHEN (new.`deleted_at` IS NULL AND new.`status` = 'sent') AND NOT (old.`deleted_at` IS NULL AND old.`status` = 'sent') BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`)
    SELECT mb.`owner_id`, 1, (mb.`read_at` IS NULL AND mb.`expires_at` IS NULL), ((mb.`read_at` IS NULL AND mb.`expires_at` IS NULL) AND mb.`priority` = 'urgent')
    FROM `mailbox` mb WHERE mb.`message_id` = new.`id` AND (mb.`deleted_at` IS NULL AND mb.`archived_at` IS NULL) AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`,
      `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
--> statement-breakpoint
CREATE TRIGGER `mailbox_counts_message_gone` AFTER UPDATE OF `status`, `deleted_at` ON `messages`
  WHEN (old.`deleted_at` IS NULL AND old.`status` = 'sent') AND NOT (new.`deleted_at` IS NULL AND new.`status` = 'sent') BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`)
    SELECT mb.`owner_id`, -1, -(mb.`read_at` IS NULL AND mb.`expires_at` IS NULL), -((mb.`read_at` IS NULL AND mb.`expires_at` IS NULL) AND mb.`priority` = 'urgent')
    FROM `mailbox` mb WHERE mb.`message_id` = new.`id` AND (mb.`deleted_at` IS NULL AND mb.`archived_at` IS NULL) AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`,
      `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
--> statement-breakpoint
-- A message removed outright: its entries go by cascade after it, when it no longer counts as sent.
CREATE TRIGGER `mailbox_counts_message_delete` BEFORE DELETE ON `messages` WHEN (old.`deleted_at` IS NULL AND old.`status` = 'sent') BEGIN
  INSERT INTO `mailbox_counts` (`owner_id`, `inbox`, `unread`, `unread_urgent`)
    SELECT mb.`owner_id`, -1, -(mb.`read_at` IS NULL AND mb.`expires_at` IS NULL), -((mb.`read_at` IS NULL AND mb.`expires_at` IS NULL) AND mb.`priority` = 'urgent')
    FROM `mailbox` mb WHERE mb.`message_id` = old.`id` AND (mb.`deleted_at` IS NULL AND mb.`archived_at` IS NULL) AND true
    ON CONFLICT (`owner_id`) DO UPDATE SET `inbox` = `inbox` + excluded.`inbox`, `unread` = `unread` + excluded.`unread`,
      `unread_urgent` = `unread_urgent` + excluded.`unread_urgent`;
END;
