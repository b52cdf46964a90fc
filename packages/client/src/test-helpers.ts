// Helpers for client and element tests (not exported from the package index).
import type { Me } from './types.js';

export const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** An unsigned JWT whose payload has `exp` (seconds). */
export const fakeJwt = (exp: number, sub = 'E001') => `${b64url({ alg: 'HS256' })}.${b64url({ sub, exp })}.sig`;

export const problemResponse = (status: number, code: string, extra: object = {}) =>
  new Response(JSON.stringify({ type: `urn:herald:problem:${code}`, code, title: code, status, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const member = (overrides: Partial<Me> = {}): Me => ({
  subject: { kind: 'member', id: 'm1', employeeNo: 'E001', name: 'Ada Chen', email: 'ada@example.com', locale: null },
  permissions: ['message.send.internal'],
  mustChangePassword: false,
  csrfToken: 'csrf-1',
  via: 'session',
  ...overrides,
});

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  credentials?: RequestCredentials;
  body?: unknown;
}

/** A fetch stub: `routes` answers `METHOD /path` (path after /api/v1); records every call. */
export function stubFetch(routes: Record<string, (call: RecordedCall) => Response | Promise<Response>>) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = (init.method ?? 'GET').toUpperCase();
    const call: RecordedCall = {
      url,
      method,
      headers: new Headers(init.headers),
      credentials: init.credentials,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const path = new URL(url, location.href).pathname.replace(/^.*\/api\/v1/, '');
    const route = routes[`${method} ${path}`];
    if (!route) return problemResponse(404, 'not-found');
    return route(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
