import type { en } from './en.js';
import type { en as problemsEn } from './problems/en.js';

export type SupportedLocale = 'en' | 'zh-CN';
const LOCALES: readonly SupportedLocale[] = ['en', 'zh-CN'];

/**
 * Every message key: core's shared ones (problems, field errors, common states) and each package's own, which its
 * `i18n/index.ts` adds by declaration merging (`declare module '@herald/core' { interface HeraldMessages … }`).
 */
export interface HeraldMessages extends Record<keyof typeof en | keyof typeof problemsEn, string> {}
export type MessageKey = keyof HeraldMessages & string;
type Strings = Readonly<Record<string, string>>;

/**
 * One package's strings (issue 16): one chunk per locale, loaded when an element that names the catalogue renders in
 * that locale. An element names its catalogues in `static catalogues`; core's shared one comes with every element.
 */
export interface StringCatalogue {
  readonly name: string;
  readonly load: Readonly<Record<SupportedLocale, () => Promise<Strings>>>;
}

export function defineCatalogue(name: string, load: StringCatalogue['load']): StringCatalogue {
  return { name, load };
}

/** Core's own catalogue: the words every element shares. */
export const heraldStrings = defineCatalogue('core', {
  en: () => import('./en.js').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
});

/**
 * The texts of problems and field errors (`problem.*`, `field.*`): no first render waits for them (issue 16). They load
 * when the page is idle after an element rendered, when an element asks for one of their keys (it re-renders when
 * they arrive), and before the client throws a HeraldProblem ({@link loadProblemStrings}), so that a problem an
 * element puts into words is never without them.
 */
export const problemStrings = defineCatalogue('problems', {
  en: () => import('./problems/en.js').then((m) => m.en),
  'zh-CN': () => import('./problems/zh-CN.js').then((m) => m.zhCN),
});

/** The catalogue loaded on demand that holds `key`, if it is one of its keys. */
export function onDemandCatalogue(key: string): StringCatalogue | undefined {
  return key.startsWith('problem.') || key.startsWith('field.') ? problemStrings : undefined;
}

// The loaded strings of each locale, merged (keys are unique across packages: each starts with its package's prefix).
const texts: Record<SupportedLocale, Map<string, string>> = { en: new Map(), 'zh-CN': new Map() };
const loaded: Record<SupportedLocale, Set<StringCatalogue>> = { en: new Set(), 'zh-CN': new Set() };
const loading: Record<SupportedLocale, Map<StringCatalogue, Promise<boolean>>> = { en: new Map(), 'zh-CN': new Map() };

/** Have all of `catalogues` (and core's shared one) loaded for `locale`? */
export function cataloguesLoaded(locale: SupportedLocale, catalogues: readonly StringCatalogue[] = []): boolean {
  return loaded[locale].has(heraldStrings) && catalogues.every((c) => loaded[locale].has(c));
}

/**
 * Loads `catalogues` and core's shared one for `locale`, each once (later calls share the first). Answers false when
 * one could not be fetched: the elements then show what has loaded, and try again on their next render.
 */
export async function loadCatalogues(
  locale: SupportedLocale,
  catalogues: readonly StringCatalogue[] = [],
): Promise<boolean> {
  const results = await Promise.all([heraldStrings, ...catalogues].map((c) => loadOne(locale, c)));
  return results.every(Boolean);
}

function loadOne(locale: SupportedLocale, catalogue: StringCatalogue): Promise<boolean> {
  if (loaded[locale].has(catalogue)) return Promise.resolve(true);
  let pending = loading[locale].get(catalogue);
  if (!pending) {
    pending = catalogue.load[locale]().then(
      (strings) => {
        for (const [key, text] of Object.entries(strings)) texts[locale].set(key, text);
        loaded[locale].add(catalogue);
        loading[locale].delete(catalogue);
        return true;
      },
      () => {
        loading[locale].delete(catalogue);
        return false;
      },
    );
    loading[locale].set(catalogue, pending);
  }
  return pending;
}

/**
 * Loads the problem texts in every locale in use on the page (whose shared catalogue has loaded or is loading; else the
 * document's). The client awaits it before it throws a problem. Answers false when they could not be fetched.
 */
export async function loadProblemStrings(): Promise<boolean> {
  const inUse = LOCALES.filter((l) => loaded[l].has(heraldStrings) || loading[l].has(heraldStrings));
  const locales = inUse.length ? inUse : [catalogueLocale(globalThis.document?.documentElement.lang)];
  const results = await Promise.all(locales.map((l) => loadOne(l, problemStrings)));
  return results.every(Boolean);
}

/** Settles when every catalogue load now in flight has (undefined when none is). */
export function cataloguesInFlight(): Promise<unknown> | undefined {
  const pending = LOCALES.flatMap((l) => [...loading[l].values()]);
  return pending.length ? Promise.all(pending) : undefined;
}

/** The text of `key` in `locale`, else in another locale that has it (while a switch is loading), else undefined. */
export function message(locale: SupportedLocale, key: string): string | undefined {
  return texts[locale].get(key) ?? LOCALES.map((l) => texts[l].get(key)).find((t) => t !== undefined);
}

/** The names of the catalogues loaded per locale (tests, and a host that wants to know). */
export function loadedCatalogues(): Record<SupportedLocale, string[]> {
  const names = (l: SupportedLocale) => [...loaded[l]].map((c) => c.name).sort();
  return { en: names('en'), 'zh-CN': names('zh-CN') };
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
