import type { en } from './en.js';

/** 搜索建议的中文文案（issue 20 #8），键与占位符同 en.ts。 */
export const zhCN: Record<keyof typeof en, string> = {
  'inbox.suggest.label': '搜索建议',
  'inbox.suggest.op.from': '发件人：姓名、拼音或工号',
  'inbox.suggest.op.to': '收件人：人员、部门或群组',
  'inbox.suggest.op.tag': '带某个标签',
  'inbox.suggest.op.has': '有附件',
  'inbox.suggest.op.is': '未读、已读、已加星标或已归档',
  'inbox.suggest.op.before': '某天之前',
  'inbox.suggest.op.after': '某天及之后',
  'inbox.suggest.is.unread': '未读',
  'inbox.suggest.is.read': '已读',
  'inbox.suggest.is.starred': '已加星标',
  'inbox.suggest.is.archived': '已归档',
  'inbox.suggest.has.attachment': '有附件',
  'inbox.suggest.day.today': '今天',
  'inbox.suggest.day.week': '一周前',
  'inbox.suggest.day.month': '一个月前',
  'inbox.suggest.problem.date': '{op} 后面需要一个日期，例如 2026-12-31。',
  'inbox.suggest.problem.is': 'is: 可用 unread（未读）、read（已读）、starred（已加星标）或 archived（已归档）。',
  'inbox.suggest.problem.has': 'has: 可用 attachment（有附件）。',
};
