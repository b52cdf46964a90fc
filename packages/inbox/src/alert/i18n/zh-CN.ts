import type { en } from './en.js';

/** 简体中文（<herald-urgent-alert>） */
export const zhCN: Record<keyof typeof en, string> = {
  'alert.enableNotifications': '开启桌面通知',
};
