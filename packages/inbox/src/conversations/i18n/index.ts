import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of the customer conversations (issue 19 #5), one chunk per locale, loaded with the lazy part. */
export const conversationStrings = defineCatalogue('conversations', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
