// A literal (what defineCatalogue makes), as the actions chunk's: importing nothing of @herald/core keeps this lazy.
import type { StringCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The knowledge space's strings (issue 19 #7), one chunk per locale, loaded with the Knowledge view or the dialog. */
export const knowledgeStrings: StringCatalogue = {
  name: 'inbox-knowledge',
  load: {
    en: () => import('./en.js').then((m) => m.en),
    'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  },
};

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
