import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createHeraldClient, type HeraldClient } from './client.js';
import { createStores, type HeraldStores } from './stores/index.js';
import type { SessionState } from './stores/session.js';

/** The page's (or provider's) one client. */
export const heraldClientContext = createContext<HeraldClient>(Symbol.for('herald.client'));
/** The stores of that client. */
export const heraldStoresContext = createContext<HeraldStores>(Symbol.for('herald.stores'));

/**
 * Where the API lives when nobody says: the origin this bundle was loaded from (so a
 * `<script src="https://herald.example.com/widgets/herald.js">` talks to its own server), else the page.
 */
export function defaultApiBase(): string {
  try {
    const url = new URL(import.meta.url);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    /* not a URL (some bundlers): fall through */
  }
  return location.origin;
}

let fallback: { client: HeraldClient; stores: HeraldStores } | undefined;

/**
 * What the page-wide client needs to know of a <herald-provider> (kept structural: the provider lives in another
 * package).
 */
interface ProviderLike extends Element {
  client?: HeraldClient;
  stores?: HeraldStores;
  api?: string;
  token?: string;
  tokenProvider?: unknown;
  tokenUrl?: string;
}

/**
 * A provider on the page that signs in exactly as the page-wide client would (the session cookie, the API at the
 * bundle's origin): its client is the page's. FINDINGS: a badge outside the provider fetched `/me` (and the unread
 * count) a second time with a client of its own.
 */
function cookieProvider(): { client: HeraldClient; stores: HeraldStores } | undefined {
  const base = defaultApiBase();
  for (const p of document.querySelectorAll<ProviderLike>('herald-provider')) {
    if (!p.client || !p.stores || p.token || p.tokenProvider || p.tokenUrl) continue;
    if (new URL(p.api || base, location.href).origin === new URL(base, location.href).origin) {
      return { client: p.client, stores: p.stores };
    }
  }
  return undefined;
}

/** Whether `stores` are the page-wide ones (see {@link fallbackHerald}): elements outside any provider hold them. */
export const isPageWide = (stores: HeraldStores | undefined): boolean => !!stores && fallback?.stores === stores;

/**
 * The shared client + stores for elements that are not inside a <herald-provider>: a cookie-mode provider's on the
 * page, else the first such element creates them (cookie mode, API at {@link defaultApiBase}) and every later one
 * reuses them.
 */
export function fallbackHerald(): { client: HeraldClient; stores: HeraldStores } {
  if (!fallback) fallback = cookieProvider();
  if (!fallback) {
    const client = createHeraldClient({ baseUrl: defaultApiBase() });
    const stores = createStores(client);
    void stores.start();
    fallback = { client, stores };
  }
  return fallback;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element the client and stores from the nearest provider (or the page fallback) and re-renders
 * it when the session changes.
 */
export class HeraldContextController implements ReactiveController {
  client?: HeraldClient;
  stores?: HeraldStores;
  private unsubscribe?: () => void;

  constructor(private readonly host: Host) {
    // Added before this controller, so its context request has been answered when hostConnected runs.
    new ContextConsumer(host, {
      context: heraldClientContext,
      subscribe: true,
      callback: (client) => client && (this.client = client),
    });
    new ContextConsumer(host, {
      context: heraldStoresContext,
      subscribe: true,
      callback: (stores) => stores && this.use(stores),
    });
    host.addController(this);
  }

  /** The current session, or `unknown` before stores exist. */
  get session(): SessionState {
    return this.stores?.$session.get() ?? { status: 'unknown' };
  }

  hostConnected(): void {
    if (!this.stores) {
      const { client, stores } = fallbackHerald();
      this.client = client;
      this.use(stores);
    } else if (!this.unsubscribe) {
      this.use(this.stores, true);
    }
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private use(stores: HeraldStores, force = false): void {
    if (stores === this.stores && !force && this.unsubscribe) return;
    this.unsubscribe?.();
    this.stores = stores;
    this.unsubscribe = stores.$session.subscribe(() => this.host.requestUpdate());
  }
}
