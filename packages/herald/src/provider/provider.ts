import { ContextProvider } from '@lit/context';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  HeraldElement,
  HeraldErrorEvent,
  heraldErrorCode,
  HeraldSessionEndEvent,
  HeraldSessionStartEvent,
  LocalizeController,
  once,
  problemMessage,
  StoreController,
  upgradeProperties,
} from '@herald/core';
import {
  createHeraldClient,
  createStores,
  defaultApiBase,
  heraldClientContext,
  heraldStoresContext,
  isPageWide,
  type HeraldClient,
  type HeraldProblem,
  type HeraldStores,
  type SessionState,
  type TokenProvider,
} from '@herald/client';
import { atom } from 'nanostores';
import { styles } from './provider.styles.js';

// <herald-sign-in> (2 KB gz and its strings) is a lazy chunk: most pages never show it (a token, or someone signed in).
const loadSignIn = once(() => import('../sign-in/define.js'));

/**
 * Creates one Herald client and its stores and provides them (with `@lit/context`) to every Herald element
 * inside it, so siblings share one session, one live stream and one cache. Loads `/me` when connected and
 * keeps the live stream open while signed in.
 *
 * Authentication: with `token` or a `tokenProvider` it uses that embed JWT (refreshed before expiry);
 * otherwise the Herald session cookie, and while nobody is signed in it shows `<herald-sign-in>` instead of
 * its content (unless `sign-in="off"`, for hosts with their own login page).
 *
 * Elements outside any provider share a page-wide client instead (cookie mode, API at the bundle's origin).
 *
 * Any load order (issue 21): a `tokenProvider` set before the element is defined is kept; a provider with no token
 * source of its own takes `window.heraldTokenProvider`, or one handed over later with
 * `window.dispatchEvent(new CustomEvent('herald-token-provider', { detail: { tokenProvider } }))`.
 * `api`, `token`, `token-url` and `sign-in` set as properties before the element was defined arrive only at its first
 * update (Lit restores them there, after connectedCallback). So: the client exists from the first context request or
 * connection (descendants ask for it as they connect), but its stores start in the first `willUpdate`, which first
 * makes a new client if those properties differ from the ones it was built from (`builtFrom`, `givenToken`; an own
 * token source also drops a page-wide provider taken before: `adopted`). Nothing is sent before that.
 *
 * @tag herald-provider
 * @fires {HeraldSessionStartEvent} herald-session-start - The cookie or token was accepted on load. `detail.subject`
 *   is who signed in.
 * @fires {HeraldSessionEndEvent} herald-session-end - A signed-in session ended (signed out, or refused by the server).
 * @fires {HeraldErrorEvent} herald-error - Herald cannot work on this page, or the host's token provider failed:
 *   `detail = { code, status?, message, retrying }` (docs/elements.md "Errors"). The elements show the message in
 *   their own place too.
 * @slot - The Herald elements (and anything else) that share this provider's session.
 * @csspart sign-in - The built-in <herald-sign-in> (cookie mode, nobody signed in).
 * @csspart loading - Shown (empty, `aria-busy`) while the session is being checked in cookie mode.
 * @cssproperty --herald-color-primary - …and every other `--herald-*` token: set here to theme all descendants.
 */
export class HeraldProvider extends HeraldElement {
  static override styles = styles;
  /** It wraps the host's own content, whose text stays the host's; every Herald element inside sets its own. */
  protected static override ownsText = false;

  /** Base URL of the Herald server. Default: the bundle's origin. A new one makes a new client (and stores). */
  @property() api?: string;
  /** Embed JWT from the host's back end (kept in memory only). */
  @property() token?: string;
  /** `light` or `dark` forces a theme for every descendant; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** `off`: never show the built-in sign-in form. */
  @property({ attribute: 'sign-in' }) signIn?: string;
  /**
   * The host's own token endpoint (same origin as the page), POSTed with the page's cookies; it answers the embed JWT
   * as text. A string attribute, so it survives any load order and any framework; a failure names its HTTP status.
   */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  private _tokenProvider?: TokenProvider;
  /** The token provider came from the page-wide global or event, not from this element's own property. */
  private adopted = false;
  private lastError?: string;
  private unlisten?: () => void;
  private _client?: HeraldClient;
  private _stores?: HeraldStores;
  /** The options the client was built from: willUpdate builds a new one when `api`, `token-url` or `sign-in` differ. */
  private builtFrom = '';
  /** The `token` the client was given: willUpdate hands it a different one. */
  private givenToken?: string;
  private readonly clientProvider: ContextProvider<typeof heraldClientContext>;
  private readonly storesProvider: ContextProvider<typeof heraldStoresContext>;
  private readonly session: StoreController<SessionState>;
  private lastStatus: SessionState['status'] = 'unknown';
  private readonly i18n = new LocalizeController(this);
  private unwatch?: () => void;
  /** Stops reporting the current client's problems (a rebuilt provider no longer speaks for the old one). */
  private stopProblems?: () => void;

  constructor() {
    super();
    // Registered before the context providers: a descendant asking for context creates the client first.
    this.addEventListener('context-request', () => this.ensureClient());
    this.clientProvider = new ContextProvider(this, { context: heraldClientContext });
    this.storesProvider = new ContextProvider(this, { context: heraldStoresContext });
    this.session = new StoreController(this, atom<SessionState>({ status: 'unknown' }));
  }

  /** Returns a fresh embed JWT; called before the current one expires and on `401 token-expired`. */
  get tokenProvider(): TokenProvider | undefined {
    return this._tokenProvider;
  }
  set tokenProvider(provider: TokenProvider | undefined) {
    const replacesPageWide = this.adopted;
    this.adopted = false;
    this.useTokenProvider(provider, replacesPageWide);
  }

  /**
   * A new token source. A new client when it replaces the page-wide one taken before (whose cached token must not
   * answer for this element) or when the client is the page's own (`fallbackHerald`: elements outside every provider
   * share it, and it stays cookie-only); else the same client, told.
   */
  private useTokenProvider(provider: TokenProvider | undefined, replacesPageWide = false): void {
    this._tokenProvider = provider;
    if (!this._client) return;
    if (replacesPageWide || isPageWide(this._stores)) return this.replaceClient();
    this._client.setTokenProvider(provider);
    this.credentialsChanged();
  }

  /** The page-wide provider is for providers without a token source of their own. */
  private get ownsTokenSource(): boolean {
    return !!(this.token || this.tokenUrl || (this._tokenProvider && !this.adopted));
  }

  private adoptTokenProvider = (provider: unknown): void => {
    if (typeof provider !== 'function' || this.ownsTokenSource) return;
    this.adopted = true;
    this.useTokenProvider(provider as TokenProvider);
  };

  /** The provider's client (created on connect; a new one when `api`, `token-url` or `sign-in` change). */
  get client(): HeraldClient | undefined {
    return this._client;
  }

  /** Ends the session (cookie mode) and shows the sign-in form again; for a host's own "Sign out" button. */
  async signOut(): Promise<void> {
    // Options set before this element upgraded (or just changed) make the client at the next update: sign out there.
    if (this.isUpdatePending && this.isConnected) await this.updateComplete;
    await this._stores?.session.signOut();
  }

  /** The provider's stores. */
  get stores(): HeraldStores | undefined {
    return this._stores;
  }

  private clientOptions() {
    const baseUrl = this.api || defaultApiBase();
    return {
      baseUrl,
      tokenUrl: this.tokenUrl || undefined,
      // Sign-in off on another origin than Herald's: the cookie can never work, so wait for a token, send nothing.
      cookies: !(this.signIn === 'off' && new URL(baseUrl, location.href).origin !== location.origin),
    };
  }

  private ensureClient(): void {
    if (this._client) return;
    // A host script may set `tokenProvider` before this element is defined (a descendant may ask for context first).
    upgradeProperties(this);
    this.createClient();
  }

  /** Creates the client and stores from the properties as they are now, and provides them. */
  private createClient(): void {
    if (this.adopted && this.ownsTokenSource) {
      // Its own `token` or `token-url`, restored at the first update, outranks the page-wide provider adopted before.
      this.adopted = false;
      this._tokenProvider = undefined;
    } else if (!this.ownsTokenSource && !this._tokenProvider)
      this.adoptTokenProvider((window as { heraldTokenProvider?: unknown }).heraldTokenProvider);
    const options = this.clientOptions();
    this.builtFrom = JSON.stringify(options);
    this.givenToken = this.token;
    const client = createHeraldClient({ ...options, token: this.token, tokenProvider: this._tokenProvider });
    // During a session (a failed load reports through the session, with its retry).
    this.stopProblems = client.onProblem(
      (problem) => this.session.value.status === 'signed-in' && this.reportError(problem, false),
    );
    const stores = createStores(client);
    this._client = client;
    this._stores = stores;
    this.clientProvider.setValue(client);
    this.storesProvider.setValue(stores);
    this.session.setStore(stores.$session);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureClient();
    const handOver = (event: Event) =>
      this.adoptTokenProvider((event as CustomEvent<{ tokenProvider?: unknown }>).detail?.tokenProvider);
    window.addEventListener('herald-token-provider', handOver);
    this.unlisten = () => window.removeEventListener('herald-token-provider', handOver);
    // Before the first update the stores wait (willUpdate starts them): properties a host script set before this
    // element was defined are not restored yet, and nothing may go to a server, or with a token, it did not name.
    if (this.hasUpdated) this.startStores();
  }

  private startStores(): void {
    const stores = this._stores!;
    this.unwatch = stores.$session.listen((state) => this.sessionChanged(state));
    void stores.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlisten?.();
    this.unwatch?.();
    // The page's own stores (elements outside every provider hold them) outlive this provider.
    if (!isPageWide(this._stores)) this._stores?.stop();
  }

  protected override willUpdate(): void {
    // Also at the first update, where Lit restores the properties a host script set before this element was defined:
    // connectedCallback built the client without them, and left its stores unstarted.
    if (!this._client) return;
    const first = !this.hasUpdated;
    const ownSource = this.ownsTokenSource;
    if (
      JSON.stringify(this.clientOptions()) !== this.builtFrom ||
      (this.adopted && ownSource) ||
      (isPageWide(this._stores) && ownSource)
    ) {
      // Another server or way of signing in; its own token source now outranking the page-wide one; or a token for
      // the client the page shares (which stays cookie-only): a new client and stores, which the consumers follow.
      this.rebuild();
      if (!first && this.isConnected) this.startStores();
    } else if (this.token !== this.givenToken) {
      this.givenToken = this.token;
      this._client.setToken(this.token);
      if (!first) this.credentialsChanged();
    }
    if (first) {
      if (this.isConnected) this.startStores();
      else if (isPageWide(this._stores)) void this._stores!.start(); // the page's, whatever becomes of this provider
    }
  }

  /** A new client and stores now (a new token source), started if this provider's have. */
  private replaceClient(): void {
    this.rebuild();
    if (this.hasUpdated && this.isConnected) this.startStores();
  }

  /** Replaces the client and stores (willUpdate). */
  private rebuild(): void {
    this.unwatch?.();
    this.stopProblems?.();
    const old = this._stores;
    this._client = undefined;
    this.lastStatus = 'unknown';
    this.createClient();
    // An element outside any provider may have taken the old ones as the page's own (`fallbackHerald`: a cookie-mode
    // provider's): they stay, running, as what that element would have made itself. Anyone else's stop.
    if (isPageWide(old)) void old!.start();
    else old?.stop();
  }

  /** New credentials from the host: find out again who we are (the live stream follows the session). */
  private credentialsChanged(): void {
    // Before the first update the stores have not started: their start loads the session with these credentials.
    if (this.isConnected && this._stores && this.hasUpdated) void this._stores.session.load();
  }

  /** Tells the host (`herald-error`), once per cause until it changes or goes away. */
  private reportError(problem: HeraldProblem, retrying: boolean): void {
    const code = heraldErrorCode(problem);
    const status = problem.extensions.tokenStatus as number | undefined;
    const key = `${code}:${status ?? ''}`;
    if (key === this.lastError) return;
    this.lastError = key;
    this.emit(new HeraldErrorEvent({ code, status, message: problemMessage(problem, this.i18n), retrying }));
  }

  private sessionChanged(state: SessionState): void {
    const previous = this.lastStatus;
    this.lastStatus = state.status;
    if (state.problem && state.problem.code !== 'unauthenticated') this.reportError(state.problem, !!state.retrying);
    else if (state.status !== 'unknown') this.lastError = undefined;
    // Sign-ins made through <herald-sign-in> are announced by that element; here only the session found on load.
    if (previous === 'unknown' && state.status === 'signed-in' && state.me?.subject) {
      this.emit(new HeraldSessionStartEvent({ subject: state.me.subject }));
    }
    if (previous === 'signed-in' && state.status === 'signed-out') this.emit(new HeraldSessionEndEvent());
  }

  private get showSignIn(): boolean {
    const { status, problem } = this.session.value;
    // A failure that is not "nobody signed in" is for the elements to name (issue 21), not a sign-in prompt.
    const nobody = status === 'signed-out' && (!problem || problem.code === 'unauthenticated');
    return (
      this.signIn !== 'off' && this._client?.authMode === 'cookie' && (nobody || status === 'password-change-required')
    );
  }

  override render() {
    const { status } = this.session.value;
    if (this._client?.authMode === 'cookie' && this.signIn !== 'off' && status === 'unknown') {
      return html`<div part="loading" aria-busy="true"></div>`;
    }
    if (this.showSignIn) {
      void loadSignIn();
      return html`<herald-sign-in part="sign-in"></herald-sign-in>`;
    }
    // A refused session is said by each Herald element in its own place (and by `herald-error` to the host), never
    // above the host's own content that the provider wraps (issue 21).
    return html`<slot></slot>`;
  }
}
