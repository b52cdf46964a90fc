import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/**
 * The strings of <herald-approval-queue> and the flow editor, one chunk per locale, loaded when an element that names
 * it renders (issue 16).
 */
export const approvalStrings = defineCatalogue('approvals', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
