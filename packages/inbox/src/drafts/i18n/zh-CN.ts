import type { en } from './en.js';

/** <herald-draft-list> 的中文文案（issue 20 #2）。 */
export const zhCN: Record<keyof typeof en, string> = {
  'drafts.label': '草稿',
  'drafts.loading': '正在加载草稿…',
  'drafts.error': '无法加载草稿。',
  'drafts.retry': '重试',
  'drafts.empty': '没有草稿。在写消息时，内容会自动保存到这里。',
  'drafts.noSubject': '（无主题）',
  'drafts.noRecipients': '尚未选择收件人',
  'drafts.recipientsMore': '{names} 等 {count} 人',
  'drafts.attachments': '{count} 个附件',
  'drafts.attachments.one': '{count} 个附件',
  'drafts.savedAt': '保存于 {time}',
  'drafts.delete': '删除草稿 {subject}',
  'drafts.deleted': '草稿已删除。',
  'drafts.undo': '撤销',
  'drafts.restored': '草稿已恢复。',
  'drafts.failed': '操作未成功：{message}',
  'drafts.keys': '按 Enter 继续编辑草稿，↑ 和 ↓ 在草稿间移动，Delete 删除草稿。',
};
