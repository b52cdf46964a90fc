import type { en } from './en.js';

/** 简体中文（正文编辑器） */
export const zhCN: Record<keyof typeof en, string> = {
  "composer.body": "正文",
  "composer.body.placeholder": "输入正文… 输入 @ 可提及同事。",
  "composer.body.loading": "正在加载编辑器…",
  "composer.toolbar": "格式",
  "composer.toolbar.bold": "加粗",
  "composer.toolbar.italic": "斜体",
  "composer.toolbar.bulletList": "项目符号列表",
  "composer.toolbar.orderedList": "编号列表",
  "composer.toolbar.link": "链接",
  "composer.toolbar.emoji": "表情",
  "composer.link.url": "链接地址",
  "composer.link.apply": "应用链接",
  "composer.link.remove": "移除链接",
  "composer.link.cancel": "取消",
  "composer.link.scheme": "只允许 http、https 和 mailto 链接。",
  "composer.emoji.insert": "插入 {emoji}",
  "composer.mention.list": "可提及的人",
  "composer.mention.none": "没有匹配的人。",
};
