import type { en } from './en.js';

/** 简体中文（紧急提醒对话框，随对话框加载） */
export const zhCN: Record<keyof typeof en, string> = {
  'alert.urgent': '紧急消息',
  'alert.reminder': '提醒',
  'alert.position': '第 {index} 条，共 {total} 条',
  'alert.from': '发件人：{name}',
  'alert.sentAt': '发送于 {time}',
  'alert.receiptRequired': '请确认您已阅读此消息。',
  'alert.open': '打开',
  'alert.confirm': '确认已读',
  'alert.confirming': '正在确认…',
  'alert.confirmed': '已确认。',
  'alert.later': '稍后',
  'alert.announce': '来自 {name} 的紧急消息：{subject}',
  'alert.announceReminder': '来自 {name} 的提醒：{subject}',
  'alert.noSubject': '（无主题）',
};
