import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of <herald-draft-list> (issue 20 #2), one chunk per locale, loaded with the Drafts view. */
export const draftListStrings = defineCatalogue('drafts', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
