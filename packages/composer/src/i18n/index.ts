import { defineCatalogue } from '@herald/core';
import type { en } from './en.js';
import type { en as templatesEn } from '../templates/i18n/en.js';
import type { en as mentionsEn } from '../mentions/i18n/en.js';
import type { en as scheduleEn } from '../schedule/i18n/en.js';
import type { en as forwardEn } from '../forward/i18n/en.js';

/**
 * The strings of <herald-composer> (recipients, properties, attachments, preview, drafts), one chunk per locale, loaded
 * when an element that names it renders (issue 16).
 */
export const composerStrings = defineCatalogue('composer', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

declare module '@herald/core' {
  interface HeraldMessages
    extends
      Record<keyof typeof en, string>,
      Record<keyof typeof templatesEn, string>,
      Record<keyof typeof mentionsEn, string>,
      Record<keyof typeof scheduleEn, string>,
      Record<keyof typeof forwardEn, string> {}
}
