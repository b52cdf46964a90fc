-- Issue 15: the send path keeps the messaging and notification settings and the enabled approval flows per process
-- (messages/send-config.ts), as the identity cache keeps who is calling. Any change to them moves the same epoch,
-- in the same transaction, so every process reads them again at its next send. Admin writes, rare next to sends.
-- docs/architecture.md "The request path".
CREATE TRIGGER `identity_epoch_settings_insert` AFTER INSERT ON `settings` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_settings_update` AFTER UPDATE ON `settings` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_settings_delete` AFTER DELETE ON `settings` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_approval_flows_insert` AFTER INSERT ON `approval_flows` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_approval_flows_update` AFTER UPDATE ON `approval_flows` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `identity_epoch_approval_flows_delete` AFTER DELETE ON `approval_flows` BEGIN UPDATE `identity_epoch` SET `value` = `value` + 1 WHERE `id` = 1; END;
