import { isAbort } from './abort.js';
import { jwtExpiry } from './jwt.js';
import { LiveStream, type LiveOptions } from './live.js';
import { rpc, type HeraldRpc } from './rpc.js';
import { HeraldProblem } from './problem.js';
import { BUSY_RETRIES, busyRetryDelay, mayRetryBusy, pause } from './busy-retry.js';
import type { Me } from './types.js';
import { acceptToken, tokenFromUrl, tokenProviderProblem, type TokenProvider } from './token-source.js';
import type { UploadOptions, XhrFactory } from './upload.js';

export interface HeraldClientOptions {
  /** Origin (and optional path prefix) of the Herald server, e.g. `https://herald.example.com`. */
  baseUrl: string;
  /** An embed JWT minted by the host's back end. */
  token?: string;
  /** Returns a fresh embed JWT; called before the current one expires and on `401 token-expired`. */
  tokenProvider?: TokenProvider;
  /** The host's token endpoint (same origin as the page): POSTed with the page's cookies, answers the JWT as text. */
  tokenUrl?: string;
  /**
   * `false`: never fall back to the Herald session cookie — without a token every call fails with
   * `no-token-provider` and sends nothing (a host with its own sign-in on another origin; issue 21).
   */
  cookies?: boolean;
  /** Replaces `fetch` (tests, instrumentation). */
  fetch?: typeof fetch;
  /** Live stream tuning. */
  live?: LiveOptions;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Makes the XMLHttpRequest of {@link HeraldClient.upload} (tests). */
  xhr?: XhrFactory;
}

/** Refresh this long before `exp` at the most (a long-lived token)… */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/**
 * …and this long at the least; in between, a fifth of the token's life (issue 21: a 60 s token is not stale at once).
 */
export const TOKEN_REFRESH_MIN_MARGIN_MS = 5_000;

/** How long before `exp` a token whose whole life (as received) is `lifeMs` counts as stale. */
export const refreshMargin = (lifeMs: number): number =>
  Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(TOKEN_REFRESH_MIN_MARGIN_MS, lifeMs / 5));
const WRITE = /^(POST|PUT|PATCH|DELETE)$/i;

/**
 * The typed Herald API client. Authenticates with a bearer token (embed JWT) when it has a token or a
 * `tokenProvider`, otherwise with the session cookie plus `X-CSRF-Token` on writes.
 * Every non-2xx answer becomes a thrown {@link HeraldProblem}.
 */
export class HeraldClient {
  readonly baseUrl: string;
  /** The raw typed Hono RPC client; its requests go through the same authentication. */
  readonly api: HeraldRpc;
  /** The client's one live event stream. */
  readonly live: LiveStream;
  private token?: string;
  /** The current token's life when it was received (ms): what its refresh margin is a fifth of. */
  private tokenLifeMs = Number.POSITIVE_INFINITY;
  private tokenProvider?: TokenProvider;
  private readonly cookies: boolean;
  private readonly problemListeners = new Set<(problem: HeraldProblem) => void>();
  private csrfToken: string | null = null;
  private refreshing?: Promise<string>;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly createXhr?: XhrFactory;

  constructor(options: HeraldClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const fromUrl = options.tokenUrl ? tokenFromUrl(options.tokenUrl, this.fetchImpl) : undefined;
    this.tokenProvider = options.tokenProvider ?? fromUrl;
    this.cookies = options.cookies ?? true;
    this.now = options.now ?? Date.now;
    this.useToken(options.token);
    this.createXhr = options.xhr;
    this.api = rpc(`${this.baseUrl}/api/v1`, this.fetch);
    this.live = new LiveStream((init) => this.fetch(this.url('/live'), init), options.live);
  }

  /** `token` when a token or token provider is set, else `cookie`. */
  get authMode(): 'token' | 'cookie' {
    return this.token || this.tokenProvider ? 'token' : 'cookie';
  }

  setToken(token: string | undefined): void {
    this.useToken(token);
  }

  private useToken(token: string | undefined): void {
    this.token = token || undefined;
    const exp = this.token ? jwtExpiry(this.token) : undefined;
    this.tokenLifeMs = exp === undefined ? Number.POSITIVE_INFINITY : exp * 1000 - this.now();
  }

  setTokenProvider(provider: TokenProvider | undefined): void {
    this.tokenProvider = provider;
  }

  /** Whether a token provider is set (a host may hand one over late: issue 21). */
  get hasTokenProvider(): boolean {
    return !!this.tokenProvider;
  }

  /** The API is on another origin than the page: the session cookie can never reach it (no credentialed CORS). */
  get crossOrigin(): boolean {
    try {
      return typeof location !== 'undefined' && new URL(this.baseUrl).origin !== location.origin;
    } catch {
      return false;
    }
  }

  /**
   * Hears of problems no single call owns: the host's token provider failing (`token-provider-failed`), also during
   * a session, where the element showing the failed action names it too. Answers the unsubscribe.
   */
  onProblem(listener: (problem: HeraldProblem) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  /**
   * A fetch that never got an answer: in cookie mode across origins that is CORS refusing the cookie, not the network.
   */
  private unreachable(error: unknown): HeraldProblem {
    if (this.authMode === 'cookie' && this.crossOrigin) {
      const title = 'Cookie sessions do not work across origins';
      return new HeraldProblem({ code: 'cookies-cross-origin', title }, { cause: error });
    }
    return HeraldProblem.network(error);
  }

  url(path: string): string {
    return `${this.baseUrl}/api/v1${path}`;
  }

  /**
   * Authenticated `fetch` (the RPC client and the live stream use it): adds the bearer token or the
   * cookie + CSRF header, refreshes the token shortly before it expires, and once on `401 token-expired`.
   * An idempotent request answered `503 busy` is sent again after the server's `Retry-After` (up to
   * {@link BUSY_RETRIES} times; busy-retry.ts). Network failures reject with a `network` HeraldProblem; HTTP errors
   * are returned, not thrown.
   */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const retries = mayRetryBusy(input, init) ? BUSY_RETRIES : 0;
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetchOnce(input, init);
      const delay = attempt < retries ? await busyRetryDelay(response) : null;
      if (delay === null) return response;
      await pause(delay, init.signal);
    }
  };

  private fetchOnce(input: RequestInfo | URL, init: RequestInit): Promise<Response> {
    return this.withRefresh(async (forceRefresh) => {
      const headers = new Headers(init.headers);
      const credentials = await this.authorize(headers, init.method ?? 'GET', forceRefresh);
      try {
        return await this.fetchImpl(input, { ...init, headers, credentials });
      } catch (error) {
        if (isAbort(error)) throw error;
        throw await HeraldProblem.withWords(this.unreachable(error));
      }
    });
  }

  /**
   * Authenticated upload of a raw body with progress (`POST` to `path` under /api/v1, e.g. `/attachments?name=a.pdf`),
   * with the same credentials as {@link fetch}, including one token refresh on `401 token-expired`. Resolves to the
   * Response for any HTTP status; network failures reject with a `network` HeraldProblem, cancelling with an
   * AbortError.
   */
  async upload(path: string, body: Blob, options: UploadOptions = {}): Promise<Response> {
    return this.withRefresh(async (forceRefresh) => {
      const headers = new Headers({ 'content-type': options.contentType || body.type || 'application/octet-stream' });
      const credentials = await this.authorize(headers, 'POST', forceRefresh);
      try {
        // Its own chunk (issue 16): only pages that upload load it, on the first upload.
        const { xhrUpload } = await import('./upload.js');
        return await xhrUpload(
          { url: this.url(path), method: 'POST', headers, withCredentials: credentials === 'include', body },
          options,
          this.createXhr,
        );
      } catch (error) {
        if (isAbort(error)) throw error;
        throw await HeraldProblem.withWords(this.unreachable(error));
      }
    });
  }

  /** Adds the bearer token, or the CSRF header for a cookie session's writes; answers the credentials mode to use. */
  private async authorize(headers: Headers, method: string, forceRefresh: boolean): Promise<RequestCredentials> {
    if (this.authMode === 'token') {
      const token = await this.currentToken(forceRefresh);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      return 'omit';
    }
    if (!this.cookies) {
      const title = 'No token provider while sign-in is off';
      throw await HeraldProblem.withWords(new HeraldProblem({ code: 'no-token-provider', title }));
    }
    if (this.csrfToken && WRITE.test(method)) headers.set('X-CSRF-Token', this.csrfToken);
    return 'include';
  }

  /** Sends once, and once more with a fresh token when the server says the token expired. */
  private async withRefresh(send: (forceRefresh: boolean) => Promise<Response>): Promise<Response> {
    const response = await send(false);
    if (response.status === 401 && this.tokenProvider) {
      const problem = await HeraldProblem.fromResponse(response.clone());
      if (problem.code === 'token-expired') return send(true);
    }
    return response;
  }

  private async currentToken(force: boolean): Promise<string | undefined> {
    if (!this.tokenProvider) return this.token;
    const exp = this.token ? jwtExpiry(this.token) : undefined;
    const stale =
      !this.token || force || (exp !== undefined && exp * 1000 - this.now() < refreshMargin(this.tokenLifeMs));
    if (!stale) return this.token;
    // One refresh at a time, however many requests (and elements) are waiting: they all share it.
    this.refreshing ??= this.askProvider(this.tokenProvider).finally(() => (this.refreshing = undefined));
    this.useToken(await this.refreshing);
    return this.token;
  }

  /** Calls the host's provider; a failure (or a non-token answer) is `token-provider-failed`, told to onProblem. */
  private async askProvider(provider: TokenProvider): Promise<string> {
    try {
      return acceptToken(await provider());
    } catch (error) {
      const problem = await HeraldProblem.withWords(tokenProviderProblem(error));
      this.problemListeners.forEach((listener) => listener(problem));
      throw problem;
    }
  }

  /** Unwraps a typed RPC response: the body on 2xx (`undefined` on 204), else a thrown HeraldProblem. */
  private async ok<T>(response: Response | { ok: boolean; status: number }): Promise<T> {
    const res = response as Response;
    if (!res.ok) throw await HeraldProblem.fromResponse(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private remember(me: Me): Me {
    this.csrfToken = me.csrfToken ?? null;
    return me;
  }

  async me(): Promise<Me> {
    return this.remember(await this.ok<Me>(await this.api.me.$get({ query: {} })));
  }

  /**
   * Who is calling, or `via: 'anonymous'` when nobody is signed in — without a failed request (and the console error a
   * browser logs for it) on every cold page load. A bad or expired token is still refused (and refreshed once).
   */
  async probe(): Promise<Me> {
    return this.remember(await this.ok<Me>(await this.api.me.$get({ query: { optional: 'true' } })));
  }

  async signIn(login: string, password: string): Promise<Me> {
    return this.remember(await this.ok<Me>(await this.api.auth['sign-in'].$post({ json: { login, password } })));
  }

  async signOut(): Promise<void> {
    try {
      await this.ok<void>(await this.api.auth['sign-out'].$post());
    } finally {
      this.csrfToken = null;
      this.live.close();
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<Me> {
    return this.remember(
      await this.ok<Me>(await this.api.auth.password.$post({ json: { currentPassword, newPassword } })),
    );
  }
}

export const createHeraldClient = (options: HeraldClientOptions): HeraldClient => new HeraldClient(options);
