import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  catalogueLocale,
  cataloguesLoaded,
  format,
  loadCatalogues,
  message,
  onDemandCatalogue,
  pluralCategory,
  problemStrings,
  type MessageKey,
  type StringCatalogue,
  type SupportedLocale,
} from './catalogues.js';
import { whenIdle } from '../base/lazy.js';

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

/** The catalogues an element names (`static catalogues` of a HeraldElement; none for another host). */
export function cataloguesOf(host: object): readonly StringCatalogue[] {
  return (host.constructor as { catalogues?: readonly StringCatalogue[] }).catalogues ?? [];
}

/**
 * Reactive controller that translates for its host and formats dates and numbers with `Intl`. It loads the host's
 * catalogues (core's shared one and those its class names) in the locale in effect, again when that changes.
 */
export class LocalizeController implements ReactiveController {
  private catalogues: readonly StringCatalogue[];

  /** `catalogues`: what the host needs besides core's shared strings (default: its class's `static catalogues`). */
  constructor(
    private readonly host: Host,
    catalogues?: readonly StringCatalogue[],
  ) {
    this.catalogues = catalogues ?? cataloguesOf(host);
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    observe();
    this.ensureCatalogue();
  }

  /**
   * Starts loading the host's catalogues in the locale in effect if they have not loaded; re-renders when they have.
   */
  private ensureCatalogue(): void {
    const locale = this.catalogue;
    if (!cataloguesLoaded(locale, this.catalogues)) {
      void loadCatalogues(locale, this.catalogues).then((ok) => ok && this.host.requestUpdate());
    }
  }

  /**
   * Adds a catalogue a lazy part of the host brought (issue 16): loads it in the locale in effect (answers whether it
   * could), and from then on with the host's own, e.g. on a language switch.
   */
  use(catalogue: StringCatalogue): Promise<boolean> {
    if (!this.catalogues.includes(catalogue)) this.catalogues = [...this.catalogues, catalogue];
    return loadCatalogues(this.catalogue, [catalogue]);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    this.cancelPreload?.();
  }

  private cancelPreload?: () => void;
  private preloaded = false;

  /** After the first render: the problem texts, when the page is idle (issue 16: no first render waits for them). */
  hostUpdated(): void {
    if (this.preloaded) return;
    this.preloaded = true;
    const locale = this.catalogue;
    this.cancelPreload = whenIdle(() => void loadCatalogues(locale, [problemStrings]));
  }

  /**
   * When `key` belongs to a catalogue loaded on demand that has not loaded in this locale (another locale's text may
   * answer meanwhile), loads it and renders again once it is here.
   */
  private loadFor(key: string): void {
    const catalogue = onDemandCatalogue(key);
    const locale = this.catalogue;
    if (!catalogue || cataloguesLoaded(locale, [catalogue])) return;
    void loadCatalogues(locale, [catalogue]).then((ok) => ok && this.host.requestUpdate());
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
   * LitElement host, or a switch still loading) another loaded locale answers, or '' when none has the key.
   */
  t(key: MessageKey, params?: Record<string, unknown>): string {
    const locale = this.catalogue;
    if (!cataloguesLoaded(locale, this.catalogues)) this.ensureCatalogue();
    this.loadFor(key);
    const text = message(locale, key);
    return text === undefined ? '' : format(locale, text, params);
  }

  /**
   * A count in words, by `Intl.PluralRules` of the catalogue's language: the key's `.one` (…`.two`, `.few`, `.many`,
   * `.zero`) variant when the catalogue has it, else the key itself ("1 person", "2 people", "共 1 人"); `{count}` is
   * the formatted number.
   */
  plural(key: MessageKey, count: number, params?: Record<string, unknown>): string {
    const variant = `${key}.${pluralCategory(this.catalogue, count)}`;
    return this.t(this.has(variant) ? variant : key, { ...params, count });
  }

  /** A {@link Note} in words ('' for none). */
  say(note: Note | null | undefined): string {
    return note ? this.t(note.key, note.params) : '';
  }

  /** Does the catalogue have this key? (for problem codes coming from the server) */
  has(key: string): key is MessageKey {
    this.loadFor(key);
    return message(this.catalogue, key) !== undefined;
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale, options).format(value);
  }

  /** Formats epoch milliseconds or a Date. */
  date(
    value: number | Date,
    options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
  ): string {
    return new Intl.DateTimeFormat(this.locale, options).format(value);
  }
}
