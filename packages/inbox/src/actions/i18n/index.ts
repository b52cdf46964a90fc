// A literal (what defineCatalogue makes): importing nothing of @herald/core keeps this lazy chunk from splitting the
// first load's catalogue code into a file of its own (issue 16).
import type { StringCatalogue } from '@herald/core';
import type { en } from './en.js';

/**
 * The strings of the inbox's actions chunk (issue 16), one chunk per locale: they load with it, not before the inbox's
 * first render; a language switch loads the other locale's with the inbox's own.
 */
export const actionStrings: StringCatalogue = {
  name: 'inbox-actions',
  load: {
    en: () => import('./en.js').then((m) => m.en),
    'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  },
};

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
