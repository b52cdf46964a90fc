import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/** The strings of <herald-rich-text-editor>, one chunk per locale, loaded when the element first renders (issue 16). */
export const richTextEditorStrings = defineCatalogue('rich-text-editor', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
