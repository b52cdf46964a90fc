import type { Catalogue } from './en.js';

export type SupportedLocale = 'en' | 'zh-CN';

// Each locale's strings are their own chunk (issue 16): a page loads the catalogue of the locale in use, and the other
// only when someone switches to it. Elements wait for their catalogue before they first render (HeraldElement).
const loaders: Record<SupportedLocale, () => Promise<Catalogue>> = {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
};
const loaded: Partial<Record<SupportedLocale, Catalogue>> = {};
const loading = new Map<SupportedLocale, Promise<Catalogue | undefined>>();

/** The catalogue of `locale` if it has loaded. */
export function loadedCatalogue(locale: SupportedLocale): Catalogue | undefined {
  return loaded[locale];
}

/** The locales whose catalogue has loaded (tests, and a host that wants to know). */
export function loadedLocales(): SupportedLocale[] {
  return (Object.keys(loaded) as SupportedLocale[]).sort();
}

/**
 * Loads the catalogue of `locale` once (later calls share the first); undefined when it could not be fetched (the
 * elements then show whatever catalogue is loaded, and try again on the next render).
 */
export function loadCatalogue(locale: SupportedLocale): Promise<Catalogue | undefined> {
  if (loaded[locale]) return Promise.resolve(loaded[locale]);
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale]().then(
      (catalogue) => (loaded[locale] = catalogue),
      () => {
        loading.delete(locale);
        return undefined;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

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

const pluralRules = new Map<string, Intl.PluralRules>();
/** The CLDR plural category of `count` in `locale` (`one`, `other` …), with one Intl.PluralRules per locale. */
export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}
