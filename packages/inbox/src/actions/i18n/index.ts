import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/**
 * The strings of the inbox's actions chunk (issue 16), one chunk per locale: they load with it, not before the inbox's
 * first render; a language switch loads the other locale's with the inbox's own.
 */
export const actionStrings = defineCatalogue('inbox-actions', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
