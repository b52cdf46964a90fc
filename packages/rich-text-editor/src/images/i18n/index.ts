// A literal (what defineCatalogue makes): importing nothing of @herald/core keeps this lazy chunk's strings out of the
// composer's first load (issue 16).
import type { StringCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of the editor's images (issue 20 #9), one chunk per locale, loaded with the image tools. */
export const imageStrings: StringCatalogue = {
  name: 'rich-text-editor-images',
  load: {
    en: () => import('./en.js').then((m) => m.en),
    'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  },
};

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
