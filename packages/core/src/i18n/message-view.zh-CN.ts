import type { messageViewEn } from './message-view.en.js';

/** 简体中文 (message-view) */
export const messageViewZhCN: Record<keyof typeof messageViewEn, string> = {
  'message-view.placeholder': '',
};
