import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { HeraldElement, HeraldSessionEndEvent, HeraldSessionStartEvent, LocalizeController, problemMessage, StoreController } from '@herald/core';
import {
  createHeraldClient,
  createStores,
  defaultApiBase,
  heraldClientContext,
  heraldStoresContext,
  type HeraldClient,
  type HeraldStores,
  type SessionState,
} from '@herald/client';
import { atom } from 'nanostores';
import { styles } from './provider.styles.js';

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
 * @tag herald-provider
 * @fires herald-session-start - The cookie or token was accepted on load. `detail.subject` is who signed in.
 * @fires herald-session-end - A signed-in session ended (signed out, or refused by the server).
 * @slot - The Herald elements (and anything else) that share this provider's session.
 * @csspart sign-in - The built-in <herald-sign-in> (cookie mode, nobody signed in).
 * @csspart loading - Shown (empty, `aria-busy`) while the session is being checked in cookie mode.
 * @cssproperty --herald-color-primary - …and every other `--herald-*` token: set here to theme all descendants.
 */
export class HeraldProvider extends HeraldElement {
  static override styles = styles;
  /** It wraps the host's own content, whose text stays the host's; every Herald element inside sets its own. */
  protected static override ownsText = false;

  /** Base URL of the Herald server; read once, when the provider first connects. Default: the bundle's origin. */
  @property() api?: string;
  /** Embed JWT from the host's back end (kept in memory only). */
  @property() token?: string;
  /** `light` or `dark` forces a theme for every descendant; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** `off`: never show the built-in sign-in form. */
  @property({ attribute: 'sign-in' }) signIn?: string;

  private _tokenProvider?: () => string | Promise<string>;
  private _client?: HeraldClient;
  private _stores?: HeraldStores;
  private readonly clientProvider: ContextProvider<typeof heraldClientContext>;
  private readonly storesProvider: ContextProvider<typeof heraldStoresContext>;
  private readonly session: StoreController<SessionState>;
  private lastStatus: SessionState['status'] = 'unknown';
  private readonly i18n = new LocalizeController(this);
  private unwatch?: () => void;

  constructor() {
    super();
    // Registered before the context providers: a descendant asking for context creates the client first.
    this.addEventListener('context-request', () => this.ensureClient());
    this.clientProvider = new ContextProvider(this, { context: heraldClientContext });
    this.storesProvider = new ContextProvider(this, { context: heraldStoresContext });
    this.session = new StoreController(this, atom<SessionState>({ status: 'unknown' }));
  }

  /** Returns a fresh embed JWT; called before the current one expires and on `401 token-expired`. */
  get tokenProvider(): (() => string | Promise<string>) | undefined {
    return this._tokenProvider;
  }
  set tokenProvider(provider: (() => string | Promise<string>) | undefined) {
    this._tokenProvider = provider;
    if (this._client) {
      this._client.setTokenProvider(provider);
      this.credentialsChanged();
    }
  }

  /** The provider's client (created on connect; the same object for the provider's lifetime). */
  get client(): HeraldClient | undefined {
    return this._client;
  }

  /** Ends the session (cookie mode) and shows the sign-in form again; for a host's own "Sign out" button. */
  async signOut(): Promise<void> {
    await this._stores?.session.signOut();
  }

  /** The provider's stores. */
  get stores(): HeraldStores | undefined {
    return this._stores;
  }

  private ensureClient(): void {
    if (this._client) return;
    // A host script may set `tokenProvider` before this element is defined; that own property would hide the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'tokenProvider')) {
      const early = (this as { tokenProvider?: () => string | Promise<string> }).tokenProvider;
      delete (this as { tokenProvider?: unknown }).tokenProvider;
      this._tokenProvider = early;
    }
    const client = createHeraldClient({ baseUrl: this.api || defaultApiBase(), token: this.token, tokenProvider: this._tokenProvider });
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
    const stores = this._stores!;
    this.unwatch = stores.$session.listen((state) => this.sessionChanged(state));
    void stores.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this._stores?.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') && this._client) {
      this._client.setToken(this.token);
      // The first render's token is already the client's; a later one means new credentials.
      if (this.hasUpdated) this.credentialsChanged();
    }
  }

  /** New credentials from the host: find out again who we are (the live stream follows the session). */
  private credentialsChanged(): void {
    if (this.isConnected && this._stores) void this._stores.session.load();
  }

  private sessionChanged(state: SessionState): void {
    const previous = this.lastStatus;
    this.lastStatus = state.status;
    // Sign-ins made through <herald-sign-in> are announced by that element; here only the session found on load.
    if (previous === 'unknown' && state.status === 'signed-in' && state.me?.subject) {
      this.emit(new HeraldSessionStartEvent({ subject: state.me.subject }));
    }
    if (previous === 'signed-in' && state.status === 'signed-out') this.emit(new HeraldSessionEndEvent());
  }

  private get showSignIn(): boolean {
    const { status } = this.session.value;
    return (
      this.signIn !== 'off' &&
      this._client?.authMode === 'cookie' &&
      (status === 'signed-out' || status === 'password-change-required')
    );
  }

  override render() {
    const { status } = this.session.value;
    if (this._client?.authMode === 'cookie' && this.signIn !== 'off' && status === 'unknown') {
      return html`<div part="loading" aria-busy="true"></div>`;
    }
    if (this.showSignIn) return html`<herald-sign-in part="sign-in"></herald-sign-in>`;
    // With a token, a refused session is the host's misconfiguration or an expired login: say so, readably.
    const { problem } = this.session.value;
    const refused = this._client?.authMode === 'token' && status === 'signed-out' && problem;
    return html`${refused ? html`<p part="error" role="alert">${problemMessage(problem, this.i18n)}</p>` : nothing}<slot></slot>`;
  }
}
