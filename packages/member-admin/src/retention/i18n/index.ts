import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of the Storage tab (issue 19 item 8): loaded with the tab, in the locale in effect (issue 16). */
export const retentionStrings = defineCatalogue('admin-retention', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
