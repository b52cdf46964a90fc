import type { en } from './en.js';

/** 简体中文（<herald-rich-text-editor>） */
export const zhCN: Record<keyof typeof en, string> = {
  'richTextEditor.label': '正文',
  'richTextEditor.placeholder': '输入正文… 输入 @ 可提及同事。',
  'richTextEditor.loading': '正在加载编辑器…',
  'richTextEditor.loadFailed': '编辑器未能加载。请检查网络后重试（或刷新页面）。',
  'richTextEditor.loadAgain': '重试',
  'richTextEditor.toolbar': '格式',
  'richTextEditor.toolbar.bold': '加粗',
  'richTextEditor.toolbar.italic': '斜体',
  'richTextEditor.toolbar.bulletList': '项目符号列表',
  'richTextEditor.toolbar.orderedList': '编号列表',
  'richTextEditor.toolbar.link': '链接',
  'richTextEditor.toolbar.emoji': '表情',
  'richTextEditor.link.url': '链接地址',
  'richTextEditor.link.apply': '应用链接',
  'richTextEditor.link.remove': '移除链接',
  'richTextEditor.link.cancel': '取消',
  'richTextEditor.link.scheme': '只允许 http、https 和 mailto 链接。',
  'richTextEditor.emoji.insert': '插入 {emoji}',
  'richTextEditor.mention.list': '可提及的人',
  'richTextEditor.mention.none': '没有匹配的人。',
};
