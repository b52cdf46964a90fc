import { expect } from '@open-wc/testing';
import { createHeraldClient } from './client.js';
import type { HeraldProblem } from './problem.js';
import { fakeJwt, json, member, problemResponse, stubFetch } from './test-helpers.js';

const NOW = 1_700_000_000_000;
const inSeconds = (s: number) => Math.floor(NOW / 1000) + s;

describe('HeraldClient', () => {
  it('cookie mode: includes credentials, no Authorization, X-CSRF-Token on writes only', async () => {
    const stub = stubFetch({
      'GET /me': () => json(member({ csrfToken: 'csrf-9' })),
      'POST /auth/password': () => json(member({ csrfToken: 'csrf-10' })),
    });
    const client = createHeraldClient({ baseUrl: 'http://herald.test/', fetch: stub.fetch });
    expect(client.authMode).to.equal('cookie');
    await client.me();
    await client.changePassword('old-password', 'new-password-1');
    const [get, post] = stub.calls;
    expect(get!.url).to.equal('http://herald.test/api/v1/me');
    expect(get!.credentials).to.equal('include');
    expect(get!.headers.has('authorization')).to.equal(false);
    expect(get!.headers.has('x-csrf-token')).to.equal(false);
    expect(post!.headers.get('x-csrf-token')).to.equal('csrf-9');
    expect(post!.body).to.deep.equal({ currentPassword: 'old-password', newPassword: 'new-password-1' });
  });

  it('token mode: sends the bearer token and never cookies', async () => {
    const token = fakeJwt(inSeconds(600));
    const stub = stubFetch({ 'GET /me': () => json(member({ via: 'embed', csrfToken: null })) });
    const client = createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch, now: () => NOW });
    await client.me();
    expect(stub.calls[0]!.headers.get('authorization')).to.equal(`Bearer ${token}`);
    expect(stub.calls[0]!.credentials).to.equal('omit');
  });

  it('asks the tokenProvider for a new token about 60 s before expiry', async () => {
    const tokens = [fakeJwt(inSeconds(600), 'first'), fakeJwt(inSeconds(1200), 'second')];
    let now = NOW;
    let asked = 0;
    const stub = stubFetch({ 'GET /me': () => json(member()) });
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: stub.fetch,
      now: () => now,
      tokenProvider: () => tokens[asked++]!,
    });
    await client.me();
    await client.me();
    expect(asked).to.equal(1); // fetched once, then reused while fresh
    now = NOW + (600 - 90) * 1000; // 90 s left: still fresh
    await client.me();
    expect(asked).to.equal(1);
    now = NOW + (600 - 30) * 1000; // 30 s left: refresh first
    await client.me();
    expect(asked).to.equal(2);
    expect(stub.calls.map((c) => c.headers.get('authorization'))).to.deep.equal([
      `Bearer ${tokens[0]}`,
      `Bearer ${tokens[0]}`,
      `Bearer ${tokens[0]}`,
      `Bearer ${tokens[1]}`,
    ]);
  });

  it('issue 21: a short-lived token is refreshed a fifth of its life before expiry, not on every call', async () => {
    let now = NOW;
    let asked = 0;
    const stub = stubFetch({ 'GET /me': () => json(member()) });
    // Each token lives 60 s from when it is handed out (what a host minting short tokens does).
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: stub.fetch,
      now: () => now,
      tokenProvider: () => {
        asked++;
        return fakeJwt(Math.floor(now / 1000) + 60);
      },
    });
    for (let s = 0; s <= 180; s += 5) {
      now = NOW + s * 1000;
      await client.me();
    }
    // 37 calls over 3 minutes: a token every ~48 s (refreshed with 12 s left), not one per call as with a 60 s margin.
    expect(asked).to.equal(4);
  });

  it('refreshes once and retries on 401 token-expired', async () => {
    const tokens = [fakeJwt(inSeconds(600), 'a'), fakeJwt(inSeconds(600), 'b')];
    let asked = 0;
    const stub = stubFetch({
      'GET /me': (call) =>
        call.headers.get('authorization') === `Bearer ${tokens[0]}`
          ? problemResponse(401, 'token-expired')
          : json(member()),
    });
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: stub.fetch,
      now: () => NOW,
      tokenProvider: () => tokens[asked++]!,
    });
    const me = await client.me();
    expect(me.subject?.name).to.equal('Ada Chen');
    expect(asked).to.equal(2);
    expect(stub.calls).to.have.length(2);
  });

  it('does not loop when the refreshed token is refused too', async () => {
    let asked = 0;
    const stub = stubFetch({ 'GET /me': () => problemResponse(401, 'token-expired') });
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: stub.fetch,
      now: () => NOW,
      tokenProvider: () => fakeJwt(inSeconds(600), String(asked++)),
    });
    const error = await client.me().catch((e: { code: string }) => e);
    expect(error).to.have.property('code', 'token-expired');
    expect(stub.calls).to.have.length(2);
  });

  it('signOut answers 204 and forgets the CSRF token', async () => {
    const stub = stubFetch({
      'POST /auth/sign-in': () => json(member({ csrfToken: 'c1' })),
      'POST /auth/sign-out': () => new Response(null, { status: 204 }),
      'POST /auth/password': () => problemResponse(403, 'csrf-failed'),
    });
    const client = createHeraldClient({ baseUrl: 'http://herald.test', fetch: stub.fetch });
    await client.signIn('E001', 'secret-password');
    expect(stub.calls[0]!.body).to.deep.equal({ login: 'E001', password: 'secret-password' });
    expect(await client.signOut()).to.equal(undefined);
    expect(stub.calls[1]!.headers.get('x-csrf-token')).to.equal('c1');
    await client.changePassword('a', 'b').catch(() => undefined);
    expect(stub.calls[2]!.headers.has('x-csrf-token')).to.equal(false);
  });

  it('routes the raw typed api through the same authentication', async () => {
    const token = fakeJwt(inSeconds(600));
    const stub = stubFetch({ 'GET /me': () => json(member()) });
    const client = createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch, now: () => NOW });
    const res = await client.api.me.$get({ query: {} });
    expect(res.status).to.equal(200);
    expect(stub.calls[0]!.url).to.equal('http://herald.test/api/v1/me');
    expect(stub.calls[0]!.headers.get('authorization')).to.equal(`Bearer ${token}`);
  });

  it(
    'issue 21: 60 s tokens are fetched in proportion to their life, once per action, shared by every ' + 'element',
    async () => {
      let now = NOW;
      let asked = 0;
      const stub = stubFetch({
        'GET /me': () => json(member()),
        'GET /mailbox/unread-count': () => json({ unread: 0, urgent: 0 }),
      });
      const client = createHeraldClient({
        baseUrl: 'http://herald.test',
        fetch: stub.fetch,
        now: () => now,
        tokenProvider: async () => {
          asked++;
          return fakeJwt(Math.floor(now / 1000) + 60);
        },
      });
      // 18 actions in 215 s (what the issue measured: 23 tokens), each one several elements' calls at once (a list, a
      // badge, a reading pane): they wait for one refresh together.
      for (let action = 0; action < 18; action++) {
        now = NOW + Math.round((action * 215_000) / 17);
        const before = asked;
        await Promise.all([client.me(), client.fetch(client.url('/mailbox/unread-count')), client.me()]);
        expect(asked - before, `action ${action}`).to.be.at.most(1);
      }
      // A token every ~48 s over 215 s: 5, as the issue expected — not 23.
      expect(asked).to.equal(5);
      expect(stub.calls).to.have.length(54);
    },
  );

  it(
    'issue 21: a failing token endpoint is token-provider-failed with its status, and the next call asks ' + 'again',
    async () => {
      let endpoint = 500;
      const problems: string[] = [];
      const stub = stubFetch({
        'POST /token': (call) => {
          expect(call.credentials, "the host's own cookies").to.equal('same-origin');
          return endpoint === 200
            ? new Response(fakeJwt(inSeconds(600)))
            : new Response('<h1>oops</h1>', { status: endpoint });
        },
        'GET /me': () => json(member({ via: 'embed' })),
      });
      const client = createHeraldClient({
        baseUrl: 'http://herald.test',
        fetch: stub.fetch,
        now: () => NOW,
        tokenUrl: '/token',
      });
      client.onProblem((p) => problems.push(`${p.code}:${p.extensions.tokenStatus}`));
      const error = (await client.me().catch((e: HeraldProblem) => e)) as HeraldProblem;
      expect(error).to.include({ code: 'token-provider-failed', reason: 'status' });
      expect(error.extensions.tokenStatus).to.equal(500);
      expect(
        stub.calls.map((c) => c.method),
        'Herald is never called without a token',
      ).to.deep.equal(['POST']);
      endpoint = 200;
      expect((await client.me()).subject?.name).to.equal('Ada Chen');
      expect(problems).to.deep.equal(['token-provider-failed:500']);
    },
  );

  it('issue 21: a provider answering something that is not a JWT (an HTML error page) is named as such', async () => {
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: stubFetch({}).fetch,
      tokenProvider: () => '<!doctype html><p>Sign in</p>',
    });
    expect(await client.me().catch((e: HeraldProblem) => `${e.code}:${e.reason}`)).to.equal(
      'token-provider-failed:not-a-token',
    );
  });

  it(
    'issue 21: cookies: false sends nothing without a token (no-token-provider) until a provider is handed ' + 'over',
    async () => {
      const stub = stubFetch({ 'GET /me': () => json(member({ via: 'embed' })) });
      const client = createHeraldClient({
        baseUrl: 'http://herald.test',
        fetch: stub.fetch,
        now: () => NOW,
        cookies: false,
      });
      expect(await client.me().catch((e: HeraldProblem) => e.code)).to.equal('no-token-provider');
      expect(stub.calls).to.have.length(0);
      client.setTokenProvider(() => fakeJwt(inSeconds(600)));
      expect((await client.me()).subject?.name).to.equal('Ada Chen');
    },
  );
});
