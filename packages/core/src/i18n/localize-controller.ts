import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from './en.js';
import { catalogueLocale, format, loadCatalogue, loadedCatalogue, pluralCategory, type SupportedLocale } from './catalogues.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Something to say later (a status line, the outcome of an action), kept as a catalogue key and its parameters so
 * it is put into words when rendered — in the locale in effect then, not the one when it happened.
 */
export interface Note {
  key: MessageKey;
  params?: Record<string, unknown>;
}

// One observer for the whole page: a `lang`/`locale` change anywhere re-renders every localized element.
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function observe(): void {
  if (observer) return;
  observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'locale'] });
}

const plurals = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = plurals.get(locale);
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** Walks up the composed tree (crossing shadow roots) from `start`. */
function* ancestors(start: Element): Generator<Element> {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element) yield node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
}

/**
 * Resolves the element's locale: its own `locale` attribute, else the nearest ancestor's `lang`
 * (or a <herald-provider locale>), else `document.documentElement.lang`, else `en`.
 */
export function resolveLocale(element: Element): string {
  for (const el of ancestors(element)) {
    const locale = el.getAttribute('locale');
    if (locale && (el === element || el.localName === 'herald-provider')) return locale;
    const lang = el.getAttribute('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang || 'en';
}

/**
 * Reactive controller that translates for its host and formats dates and numbers with `Intl`.
 */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    observe();
    this.ensureCatalogue();
  }

  /** Starts loading the catalogue in effect if it has not loaded; the host re-renders when it has. */
  private ensureCatalogue(): void {
    const locale = this.catalogue;
    if (!loadedCatalogue(locale)) void loadCatalogue(locale).then((c) => c && this.host.requestUpdate());
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The BCP 47 tag in effect (used for `Intl`). */
  get locale(): string {
    // The host's `locale` property first: Lit renders before it reflects a new value to the attribute.
    return (this.host as { locale?: string }).locale || resolveLocale(this.host);
  }

  /** The catalogue in use: `en` or `zh-CN`. */
  get catalogue(): SupportedLocale {
    return catalogueLocale(this.locale);
  }

  /**
   * The text of `key` in the catalogue in effect. Herald elements render only once it has loaded; until then (a plain
   * LitElement host, or a switch still loading) the other loaded catalogue answers, or '' when none has loaded.
   */
  t(key: MessageKey, params?: Record<string, unknown>): string {
    const locale = this.catalogue;
    let catalogue = loadedCatalogue(locale);
    if (!catalogue) {
      this.ensureCatalogue();
      catalogue = loadedCatalogue(locale === 'en' ? 'zh-CN' : 'en');
    }
    return catalogue ? format(locale, catalogue[key], params) : '';
  }

  /**
   * A count in words: `<key>.<category>` for the locale's plural category of `count` (`Intl.PluralRules`: `one`,
   * `few`, `other` …) when the catalogue has that key, else `key`; `{count}` is the formatted number.
   */
  plural(key: MessageKey, count: number, params?: Record<string, unknown>): string {
    const variant = `${key}.${pluralCategory(this.locale, count)}`;
    return this.t(this.has(variant) ? variant : key, { count, ...params });
  }

  /**
   * A count in words, singular or plural by `Intl.PluralRules` of the catalogue's language: the key's `.one` (…`.two`,
   * `.few`, `.many`, `.zero`) variant when the catalogue has it, else the key itself ("1 person", "2 people", "共 1 人").
   */
  tn(key: MessageKey, count: number, params?: Record<string, unknown>): string {
    const category = pluralRules(this.catalogue).select(count);
    const variant = `${key}.${category}`;
    return this.t(category !== 'other' && this.has(variant) ? variant : key, { ...params, count });
  }

  /** A {@link Note} in words ('' for none). */
  say(note: Note | null | undefined): string {
    return note ? this.t(note.key, note.params) : '';
  }

  /** Does the catalogue have this key? (for problem codes coming from the server) */
  has(key: string): key is MessageKey {
    const catalogue = loadedCatalogue(this.catalogue) ?? loadedCatalogue('en') ?? loadedCatalogue('zh-CN');
    return !!catalogue && key in catalogue;
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale, options).format(value);
  }

  /** Formats epoch milliseconds or a Date. */
  date(value: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
    return new Intl.DateTimeFormat(this.locale, options).format(value);
  }
}
