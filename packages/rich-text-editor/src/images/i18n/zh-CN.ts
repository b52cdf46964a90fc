import type { en } from './en.js';

/** 富文本编辑器插图的简体中文文本（issue 20 #9）：与 en.ts 的键和占位符一一对应。 */
export const zhCN: Record<keyof typeof en, string> = {
  'richTextEditor.image.insert': '插入图片',
  'richTextEditor.image.alt': '图片说明（替代文本）',
  'richTextEditor.image.altApply': '应用',
  'richTextEditor.image.uploading': '正在上传图片 {name}…',
  'richTextEditor.image.inserted': '已插入图片 {name}。可在工具栏下方填写图片说明。',
  'richTextEditor.image.failed': '图片 {name} 无法添加：{reason}',
  'richTextEditor.image.notImage': '正文中只能显示 PNG、JPEG、GIF 和 WebP 图片。',
};
