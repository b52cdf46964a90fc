-- Issue 20 #5: the preview line of messages written before `messages.preview` existed, from their plain text, as
-- previewOf (@herald/rich-text) makes it at send and edit: line breaks and tabs as spaces, runs of spaces shortened
-- (SQLite has no regular expressions: four passes take runs of up to 16 to one), trimmed, at most 120 characters and
-- an ellipsis. Only this column is written: no trigger of migration 0013 lists it, and no kept page exists yet.
UPDATE `messages` SET `preview` = (
  SELECT CASE WHEN length(t) <= 120 THEN t ELSE rtrim(substr(t, 1, 120)) || '…' END
  FROM (SELECT trim(replace(replace(replace(replace(
    replace(replace(replace(substr(`body_text`, 1, 480), char(13), ' '), char(10), ' '), char(9), ' '),
    '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS t)
) WHERE `body_text` <> '';
