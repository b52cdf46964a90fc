// Issue 21: a session that cannot start says why and tries again by itself, with backoff (fake clock: no real waiting).
import { expect } from '@open-wc/testing';
import { createHeraldClient } from '../client.js';
import { fakeJwt, json, member, problemResponse, stubFetch } from '../test-helpers.js';
import { installFakeClock, type FakeClock } from '../testing/fake-clock.js';
import { createSessionStore, SESSION_RETRY_MAX_MS } from './session.js';

describe('issue 21: session retries', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = installFakeClock()));
  afterEach(() => clock.restore());

  it('Herald unreachable: retries after 1, 2, 4 … s (at most a minute) and recovers when Herald answers', async () => {
    let up = false;
    const client = createHeraldClient({
      baseUrl: location.origin,
      fetch: async () => (up ? json(member()) : Promise.reject(new TypeError('Failed to fetch'))),
    });
    const session = createSessionStore(client, () => 0); // no jitter: the lower bound of each delay
    await session.load();
    expect(session.$session.get()).to.include({ status: 'signed-out', retrying: true });
    expect(session.$session.get().problem?.code).to.equal('network');
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(clock.next());
      await clock.settle(() => clock.pending.length === 1, `retry ${i}`);
    }
    expect(delays).to.deep.equal([
      1000,
      2000,
      4000,
      8000,
      16000,
      30000,
      SESSION_RETRY_MAX_MS / 2,
      SESSION_RETRY_MAX_MS / 2,
    ]);
    up = true;
    clock.next();
    await clock.settle(() => session.$session.get().status === 'signed-in', 'recovery');
    expect(session.$session.get().problem).to.equal(undefined);
    expect(clock.pending, 'no retry left once it works').to.deep.equal([]);
  });

  it('a refusal that an admin can fix (origin, unknown person) is retried too; stop() ends the retries', async () => {
    let answer = () => problemResponse(403, 'origin-not-allowed');
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      tokenProvider: () => fakeJwt(Math.floor(Date.now() / 1000) + 600),
      fetch: stubFetch({ 'GET /me': () => answer() }).fetch,
    });
    const session = createSessionStore(client, () => 0.5);
    await session.load();
    expect(session.$session.get().problem?.code).to.equal('origin-not-allowed');
    expect(clock.pending).to.deep.equal([1500]);
    answer = () => problemResponse(401, 'token-invalid', { reason: 'unknown-subject' });
    clock.next();
    await clock.settle(() => session.$session.get().problem?.reason === 'unknown-subject', 'unknown subject');
    expect(clock.pending).to.deep.equal([3000]);
    session.stop();
    expect(clock.pending).to.deep.equal([]);
    answer = () => json(member({ via: 'embed' }));
    await session.load(); // e.g. the host handed over new credentials
    expect(session.$session.get().status).to.equal('signed-in');
  });

  it('stop() while a load is under way: its failure neither changes the session nor schedules a retry', async () => {
    let fail!: (error: Error) => void;
    const client = createHeraldClient({
      baseUrl: location.origin,
      fetch: () => new Promise<Response>((_, reject) => (fail = reject)),
    });
    const session = createSessionStore(client, () => 0);
    const loading = session.load();
    await clock.settle(() => !!fail, 'the probe sent');
    session.stop();
    fail(new TypeError('Failed to fetch'));
    await loading;
    expect(session.$session.get().status).to.equal('unknown');
    expect(clock.pending, 'no retry of a stopped store').to.deep.equal([]);
  });

  it(
    'no token provider while sign-in is off: no polling (only the host can fix it), recovery when one is handed ' +
      'over',
    async () => {
      const stub = stubFetch({ 'GET /me': () => json(member({ via: 'embed' })) });
      const client = createHeraldClient({ baseUrl: 'http://herald.test', cookies: false, fetch: stub.fetch });
      const session = createSessionStore(client);
      await session.load();
      expect(session.$session.get()).to.include({ status: 'signed-out', retrying: false });
      expect(session.$session.get().problem?.code).to.equal('no-token-provider');
      expect(clock.pending).to.deep.equal([]);
      expect(stub.calls, 'nothing sent: no CORS error in the console').to.have.length(0);
      client.setTokenProvider(() => fakeJwt(Math.floor(Date.now() / 1000) + 600));
      await session.load();
      expect(session.$session.get().status).to.equal('signed-in');
    },
  );

  it('a look-up answered after a sign-out (or a sign-in) does not undo it', async () => {
    let answerMe!: () => void;
    const client = createHeraldClient({
      baseUrl: location.origin,
      fetch: async (input, init = {}) => {
        const path = new URL(String(input), location.href).pathname;
        if (path.endsWith('/auth/sign-out') && init.method === 'POST') return new Response(null, { status: 204 });
        await new Promise<void>((resolve) => (answerMe = resolve));
        return json(member());
      },
    });
    const session = createSessionStore(client);
    const loading = session.load();
    await session.signOut();
    answerMe();
    await loading; // the late answer is in
    expect(session.$session.get().status).to.equal('signed-out');
  });
});
