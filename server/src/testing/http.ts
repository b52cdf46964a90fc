import type { createApp } from '../app.js';

type App = ReturnType<typeof createApp>;

/** A cookie jar and CSRF token for one browser-like caller of `app.request()`. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(
    private readonly app: App,
    private readonly ip = '203.0.113.7',
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (this.csrf && init.method && init.method !== 'GET') headers.set('x-csrf-token', this.csrf);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const res = await this.app.request(
      path,
      { ...init, headers, body },
      { incoming: { socket: { remoteAddress: this.ip, remotePort: 1, remoteFamily: 'IPv4' } } },
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    return res;
  }

  async signIn(login: string, password: string) {
    const res = await this.request('/api/v1/auth/sign-in', { method: 'POST', json: { login, password } });
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

export const body = async <T = Record<string, any>>(res: Response): Promise<T> => (await res.json()) as T;
