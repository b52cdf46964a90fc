import type { en } from './en.js';

/** 写消息中转发部分的中文文本（issue 20 #4）；与 en.ts 的键一一对应。 */
export const zhCN: Record<keyof typeof en, string> = {
  'composer.forward.title': '转发的消息',
  'composer.forward.from': '转发自 {sender}，{date}',
  'composer.forward.subject': '主题：{subject}',
  'composer.forward.subjectPrefix': '转发：',
  'composer.forward.files': '随消息转发的附件',
  'composer.forward.hint': '你写的内容在转发的消息上方。转发的是你看到的内容，不含原消息的收件人和处理记录。',
  'composer.forward.loading': '正在加载要转发的消息…',
  'composer.forward.failed': '无法转发该消息：{reason}',
  'composer.forward.drop': '不转发此消息',
  'composer.forward.dropped': '已移除转发的消息，你写的内容保留。',
  'composer.forward.notReady': '要转发的消息尚未加载：请稍候，或将其移除。',
};
