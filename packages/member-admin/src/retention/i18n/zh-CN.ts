import type { en } from './en.js';

/** 存储标签页（issue 19 第 8 项）的中文文案。 */
export const zhCN: Record<keyof typeof en, string> = {
  'admin.retention.title': '存储与保留',
  'admin.retention.intro':
    '过期消息和旧消息可为所有人删除，以释放存储空间。保留的仅是审计所需的存根：发件人、发送时间和收件人——' +
    '不含主题、正文或附件。清理每小时在后台运行一次。每次修改都会记入审计日志。',
  'admin.retention.readOnly': '只有组织管理员可以修改保留策略。',
  'admin.retention.expiredGroup': '过期消息',
  'admin.retention.ageGroup': '旧消息',
  'admin.retention.expiredOn': '删除过期消息的内容',
  'admin.retention.grace': '过期后天数',
  'admin.retention.graceHint': '消息过期后，收件人和发件人仍保留这么多天，之后删除。',
  'admin.retention.graceEffect': '消息过期 {days}后删除内容。',
  'admin.retention.graceNow': '消息一过期即删除内容。',
  'admin.retention.ageOn': '删除超过期限的旧消息',
  'admin.retention.age': '保留天数',
  'admin.retention.ageHint': '从消息撰写时算起，至少 1 天。',
  'admin.retention.ageEffect': '超过 {days}的消息将被删除。',
  'admin.retention.spareArchived': '保留任一收件人已归档的消息',
  'admin.retention.spareTagged': '保留任一收件人已加标签的消息',
  'admin.retention.spareHint': '一条消息的内容由所有收件人共享：只要有一人归档或加标签，所有人都会保留它。',
  'admin.retention.off': '关闭：永久保留。',
  'admin.retention.saved': '保留策略已保存。',
  'admin.retention.unchanged': '没有需要保存的修改。',
  'admin.retention.lastRun': '上次清理',
  'admin.retention.never': '尚未运行过清理。',
  'admin.retention.ranAt': '完成时间',
  'admin.retention.expiredMessages': '已清空的过期消息',
  'admin.retention.retentionMessages': '已删除的旧消息',
  'admin.retention.sparedMessages': '保留的旧消息（已归档或有标签）',
  'admin.retention.files': '已删除的文件',
  'admin.retention.fileBytes': '文件释放的空间',
  'admin.retention.contentBytes': '已删除的文本',
  'admin.retention.pendingBlobs': '等待删除的文件',
  'admin.retention.error': '提前停止：{error}。下次运行会继续。',
};
