import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of the Reach tab (issue 24): loaded with the tab, in the locale in effect (issue 16). */
export const reachStrings = defineCatalogue('admin-reach', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
