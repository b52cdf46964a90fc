import type { en } from './en.js';

/** 撰写器的提及提醒（issue 19 #3）。 */
export const zhCN: Record<keyof typeof en, string> = {
  'composer.mentions.notRecipients': '提及的人不在收件人中，不会收到通知：',
  'composer.mentions.add': '添加为收件人',
  'composer.mentions.addNamed': '添加为收件人：{name}',
};
