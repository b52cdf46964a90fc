// A literal, like the inbox's lazy catalogues: "My settings" is its own chunk, and so are its strings (issue 20).
import type { StringCatalogue } from '@herald/core';
import type { en } from './en.js';

export const mySettingsStrings: StringCatalogue = {
  name: 'my-settings',
  load: {
    en: () => import('./en.js').then((m) => m.en),
    'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  },
};

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
