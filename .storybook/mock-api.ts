// A fetch stub for stories only: answers /api/v1/* like the Herald API would, from story parameters.
export interface MockApi {
  /** Who `GET /me` says is signed in. */
  session?: 'signed-out' | 'signed-in' | 'must-change-password';
  /** What `POST /auth/sign-in` answers. */
  signIn?: 'ok' | 'must-change-password' | 'invalid-credentials' | 'too-many-attempts';
}

const me = (mustChangePassword: boolean) => ({
  subject: { kind: 'member', id: 'm1', employeeNo: 'E001', name: 'Ada Chen', email: 'ada@example.com', locale: null },
  permissions: ['message.send.internal'],
  mustChangePassword,
  csrfToken: 'story-csrf',
  via: 'session',
});

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, extra: object = {}) =>
  json({ type: `urn:herald:problem:${code}`, code, title: code, status, ...extra }, status, 'application/problem+json');

const realFetch = window.fetch.bind(window);

export function installMockApi(mock: MockApi = {}): void {
  let session = mock.session ?? 'signed-in';
  window.fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    if (!url.pathname.startsWith('/api/v1/')) return realFetch(input, init);
    const route = `${init?.method ?? 'GET'} ${url.pathname.slice('/api/v1'.length)}`;
    await new Promise((r) => setTimeout(r, 250));
    switch (route) {
      case 'GET /me':
        return session === 'signed-out'
          ? problem(401, 'unauthenticated')
          : json(me(session === 'must-change-password'));
      case 'POST /auth/sign-in':
        switch (mock.signIn ?? 'ok') {
          case 'invalid-credentials':
            return problem(401, 'invalid-credentials');
          case 'too-many-attempts':
            return problem(429, 'too-many-attempts', { retryAfter: 42 });
          case 'must-change-password':
            session = 'must-change-password';
            return json(me(true));
          default:
            session = 'signed-in';
            return json(me(false));
        }
      case 'POST /auth/password':
        session = 'signed-in';
        return json(me(false));
      case 'POST /auth/sign-out':
        session = 'signed-out';
        return new Response(null, { status: 204 });
      case 'GET /live':
        return new Response(
          new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode(': heartbeat\n\n')) }),
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        );
      default:
        return problem(404, 'not-found');
    }
  };
}
