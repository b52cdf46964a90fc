-- Issue 15: who is calling (session, embed token, API key → actor and grants) is cached in each process. Every write
-- that can change who someone is or what they may do bumps this one-row counter in the same transaction; each
-- request reads it first (one tiny statement) and a process drops its cache when it moved. Triggers, so no code
-- path can forget to invalidate, and every process on the database sees it. Writes that change nothing of the kind (an
-- API key's last_used_at, a member's phone or search text) are left out on purpose. docs/architecture.md "The request path".
CREATE TABLE `identity_epoch` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`value` integer NOT NULL
);--> statement-breakpoint
INSERT INTO `identity_epoch` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_members_update` AFTER UPDATE OF `employee_no`, `name`, `email`, `locale`, `password_hash`, `must_change_password`, `disabled`, `is_super_admin`, `department_id` ON `members` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_members_delete` AFTER DELETE ON `members` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_member_departments_insert` AFTER INSERT ON `member_departments` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_member_departments_update` AFTER UPDATE ON `member_departments` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_member_departments_delete` AFTER DELETE ON `member_departments` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_departments_update` AFTER UPDATE OF `parent_id`, `path` ON `departments` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_departments_delete` AFTER DELETE ON `departments` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_sessions_update` AFTER UPDATE ON `sessions` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_sessions_delete` AFTER DELETE ON `sessions` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_roles_update` AFTER UPDATE OF `permissions`, `builtin_key` ON `roles` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_roles_delete` AFTER DELETE ON `roles` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_role_grants_insert` AFTER INSERT ON `role_grants` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_role_grants_update` AFTER UPDATE ON `role_grants` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_role_grants_delete` AFTER DELETE ON `role_grants` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_embed_apps_insert` AFTER INSERT ON `embed_apps` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_embed_apps_update` AFTER UPDATE ON `embed_apps` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_embed_apps_delete` AFTER DELETE ON `embed_apps` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_api_keys_update` AFTER UPDATE OF `name`, `secret_hash`, `permissions`, `created_by`, `revoked_at`, `send_as_members` ON `api_keys` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_api_keys_delete` AFTER DELETE ON `api_keys` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_contacts_update` AFTER UPDATE OF `name`, `email`, `company`, `locale`, `disabled`, `portal_enabled` ON `contacts` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_contacts_delete` AFTER DELETE ON `contacts` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
