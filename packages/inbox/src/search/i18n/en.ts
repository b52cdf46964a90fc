/**
 * English strings of the search box's suggestions (issue 20 #8), loaded with them. The reference; zh-CN.ts has exactly
 * these keys and placeholders.
 */
export const en = {
  'inbox.suggest.label': 'Search suggestions',
  'inbox.suggest.op.from': 'From: name, pinyin or employee number',
  'inbox.suggest.op.to': 'To: person, department or group',
  'inbox.suggest.op.tag': 'With a tag',
  'inbox.suggest.op.has': 'With attachments',
  'inbox.suggest.op.is': 'Unread, read, starred or archived',
  'inbox.suggest.op.before': 'Before a day',
  'inbox.suggest.op.after': 'On or after a day',
  'inbox.suggest.is.unread': 'Unread',
  'inbox.suggest.is.read': 'Read',
  'inbox.suggest.is.starred': 'Starred',
  'inbox.suggest.is.archived': 'Archived',
  'inbox.suggest.has.attachment': 'With attachments',
  'inbox.suggest.day.today': 'Today',
  'inbox.suggest.day.week': 'A week ago',
  'inbox.suggest.day.month': 'A month ago',
  'inbox.suggest.problem.date': '{op} needs a day such as 2026-12-31.',
  'inbox.suggest.problem.is': 'is: takes unread, read, starred or archived.',
  'inbox.suggest.problem.has': 'has: takes attachment.',
};
