import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of <herald-message-reach>, one chunk per locale, loaded with its lazy chunk (issue 24). */
export const reachStrings = defineCatalogue('reach', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
