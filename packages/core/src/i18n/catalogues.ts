import { en, type Catalogue } from './en.js';
import { zhCN } from './zh-CN.js';

export type SupportedLocale = 'en' | 'zh-CN';
export const catalogues: Record<SupportedLocale, Catalogue> = { en, 'zh-CN': zhCN };

/** Maps any BCP 47 tag to the catalogue that serves it (zh, zh-Hans, zh-CN… → zh-CN; the rest → en). */
export function catalogueLocale(locale: string | null | undefined): SupportedLocale {
  const tag = (locale ?? '').toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-cn') || tag.startsWith('zh-hans') || tag.startsWith('zh-sg')) return 'zh-CN';
  return 'en';
}

/** Replaces `{name}` placeholders; numbers are formatted for the locale. */
export function format(locale: string, template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return match;
    return typeof value === 'number' ? numberFormat(locale).format(value) : String(value);
  });
}

// Making an Intl.NumberFormat costs far more than using one (a long list formats thousands of numbers).
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}
