import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';

/**
 * The strings of the Audit tab (issue 23: the audit trail as sentences): loaded with the tab, in the locale in effect
 * (issue 16).
 */
export const auditStrings = defineCatalogue('admin-audit', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages extends Record<keyof typeof en, string> {}
}
