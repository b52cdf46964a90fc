import { LitElement, type CSSResultGroup, type CSSResultOrNative } from 'lit';
import { property } from 'lit/decorators.js';
import { hostText } from '../tokens/host-text.js';
import {
  catalogueLocale,
  cataloguesInFlight,
  cataloguesLoaded,
  loadCatalogues,
  type StringCatalogue,
} from '../i18n/catalogues.js';
import { resolveLocale } from '../i18n/localize-controller.js';
import { upgradeProperties } from './upgrade-properties.js';

/**
 * Base class of every Herald element: one way to register, one way to emit, and its own text colour and font
 * ({@link hostText}), so a host page's styles never reach the text inside by inheritance.
 */
export class HeraldElement extends LitElement {
  /**
   * False for an element that wraps the host's own content (the provider): it leaves that content's text alone, and
   * draws no words of its own, so its first update does not wait for its catalogues (they still load).
   */
  protected static ownsText = true;

  protected static override finalizeStyles(styles?: CSSResultGroup): CSSResultOrNative[] {
    const own = super.finalizeStyles(styles);
    return this.ownsText ? [hostText, ...own] : own;
  }

  /**
   * The string catalogues the element's words come from, besides core's shared one (issue 16): only these load, in the
   * locale in effect, before its first render.
   */
  static catalogues: readonly StringCatalogue[] = [];

  /** Locale override (BCP 47, e.g. `zh-CN`); otherwise the nearest `lang`, provider `locale` or the document's. */
  @property({ reflect: true }) locale?: string;

  /**
   * Renders only once its catalogues have loaded in its locale (issue 16: per package, per locale, on demand), so no
   * element shows a frame without its words; `updateComplete` includes that wait.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    // The property first: a new `locale` is reflected to the attribute only during the update.
    const locale = catalogueLocale(this.locale || resolveLocale(this));
    const { catalogues } = this.constructor as typeof HeraldElement;
    if (cataloguesLoaded(locale, catalogues)) return super.scheduleUpdate();
    const loading = loadCatalogues(locale, catalogues);
    // The provider starts its session at its first update: a round trip for strings it never draws would delay /me.
    if (!(this.constructor as typeof HeraldElement).ownsText) {
      void loading;
      return super.scheduleUpdate();
    }
    return loading.then(() => super.scheduleUpdate());
  }

  /**
   * Also waits for words a render asked for that load on demand (a problem's text, issue 16) and for the render their
   * arrival causes: once `updateComplete` resolves, what the element shows is in words.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let pending = this.pendingWork(); pending; pending = this.pendingWork()) {
      await pending;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private readonly partLoads = new Set<Promise<unknown>>();

  private pendingWork(): Promise<unknown> | undefined {
    const words = cataloguesInFlight();
    if (!words && !this.partLoads.size) return undefined;
    return Promise.all([words, ...this.partLoads]);
  }

  /**
   * Loads a lazy part of the element (issue 16: a chunk of its own, e.g. the inbox's batch bar) and renders again once
   * it is here; `updateComplete` waits for it too. A failed load settles quietly (the next use tries again).
   */
  protected loadPart<T>(load: () => Promise<T>): Promise<T | undefined> {
    const pending = load().then(
      (part) => (this.requestUpdate(), part),
      () => undefined,
    );
    this.partLoads.add(pending);
    void pending.finally(() => this.partLoads.delete(pending));
    return pending;
  }

  /**
   * Registers the element under `tag`. Idempotent: if the tag is already defined (by this or another
   * copy of the bundle) it does nothing, so loading Herald twice never throws.
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  override connectedCallback(): void {
    upgradeProperties(this);
    super.connectedCallback();
  }

  /** Dispatches a (typed, bubbling, composed) event; returns false if a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
