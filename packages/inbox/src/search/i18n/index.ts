// A literal (what defineCatalogue makes): importing nothing of @herald/core keeps this lazy chunk from splitting the
// first load's catalogue code into a file of its own (issue 16).
import type { StringCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of the search suggestions (issue 20 #8), one chunk per locale, loaded with them. */
export const suggestStrings: StringCatalogue = {
  name: 'inbox-suggest',
  load: {
    en: () => import('./en.js').then((m) => m.en),
    'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  },
};

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
