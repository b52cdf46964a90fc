-- Review of issue 15: the retention purge emptied a message's subject, body and text but left its stored preview line
-- (the body's first words, written at send for the list); it now empties that too (retention/purge.ts). Messages
-- purged before lose it here.
UPDATE `messages` SET `preview` = '' WHERE `purged_at` IS NOT NULL AND `preview` <> '';
