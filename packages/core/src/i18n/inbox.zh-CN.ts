import type { inboxEn } from './inbox.en.js';

/** 简体中文 (inbox) */
export const inboxZhCN: Record<keyof typeof inboxEn, string> = {
  'inbox.placeholder': '',
};
