// Issue 17 item 4: `503 busy` (another Herald process held the database; nothing was saved) is tried again after the
// server's Retry-After when that is safe — a send with its Idempotency-Key, a GET — and never for a write that has
// no key. Fake clock: no real waiting.
import { expect } from '@open-wc/testing';
import { ApiBase } from './api-base.js';
import { BUSY_RETRIES } from './busy-retry.js';
import { createHeraldClient } from './client.js';
import type { HeraldProblem } from './problem.js';
import { json, problemResponse, stubFetch, type RecordedCall } from './test-helpers.js';
import { installFakeClock, type FakeClock } from './testing/fake-clock.js';

/** The calls a widget makes (the composer's send, a sign-out), through the shared ApiBase. */
class WidgetApi extends ApiBase {
  send = (key: string) =>
    this.call<{ id: string }>('POST', '/messages', {
      json: { subject: 'Hello' },
      headers: { 'Idempotency-Key': key },
    });
  unread = () => this.call<{ count: number }>('GET', '/mailbox/unread-count');
  signOut = () => this.call<void>('POST', '/auth/sign-out');
}

const busy = () => problemResponse(503, 'busy', { retryAfter: 2 });

describe('issue 17 item 4: 503 busy', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = installFakeClock()));
  afterEach(() => clock.restore());

  const widget = (answers: Record<string, Array<() => Response>>) => {
    const stub = stubFetch(
      Object.fromEntries(
        Object.entries(answers).map(([route, list]) => [
          route,
          (_call: RecordedCall) => (list.length > 1 ? list.shift()! : list[0]!)(),
        ]),
      ),
    );
    return { stub, api: new WidgetApi(createHeraldClient({ baseUrl: 'http://herald.test', fetch: stub.fetch })) };
  };

  it('a send with an Idempotency-Key is sent again, with the same key, after Retry-After', async () => {
    const { stub, api } = widget({ 'POST /messages': [busy, () => json({ id: 'msg-1' }, 201)] });
    let sent: { id: string } | undefined;
    void api.send('key-1').then((m) => (sent = m));
    await clock.settle(() => clock.pending.length === 1, 'the retry to be scheduled');
    expect(clock.pending[0]).to.be.within(2000, 3000); // at least the server's Retry-After, jittered
    expect(stub.calls).to.have.length(1);
    clock.next();
    await clock.settle(() => sent !== undefined, 'the retried send');
    expect(sent).to.deep.equal({ id: 'msg-1' });
    expect(stub.calls.map((c) => c.headers.get('idempotency-key'))).to.deep.equal(['key-1', 'key-1']);
    expect(stub.calls[1]!.body).to.deep.equal({ subject: 'Hello' });
  });

  it(`a GET is retried too; after ${BUSY_RETRIES} retries the widget gets the busy problem to show`, async () => {
    const { stub, api } = widget({ 'GET /mailbox/unread-count': [busy] });
    let failed: HeraldProblem | undefined;
    void api.unread().catch((p: HeraldProblem) => (failed = p));
    for (let retry = 1; retry <= BUSY_RETRIES; retry++) {
      await clock.settle(() => clock.pending.length === 1, `retry ${retry}`);
      clock.next();
    }
    await clock.settle(() => failed !== undefined, 'the last answer');
    expect(stub.calls).to.have.length(1 + BUSY_RETRIES);
    expect([failed!.code, failed!.status, failed!.retryAfter]).to.deep.equal(['busy', 503, 2]);
  });

  it('a write without an Idempotency-Key is not sent again (it might have been half done)', async () => {
    const { stub, api } = widget({ 'POST /auth/sign-out': [busy] });
    let failed: HeraldProblem | undefined;
    await api.signOut().catch((p: HeraldProblem) => (failed = p));
    expect(failed?.code).to.equal('busy');
    expect(stub.calls).to.have.length(1);
    expect(clock.pending).to.deep.equal([]);
  });

  it('other 503s (a stopping server, storage unavailable) are left to the caller', async () => {
    const { stub, api } = widget({ 'GET /mailbox/unread-count': [() => problemResponse(503, 'unavailable')] });
    let failed: HeraldProblem | undefined;
    await api.unread().catch((p: HeraldProblem) => (failed = p));
    expect(failed?.code).to.equal('unavailable');
    expect(stub.calls).to.have.length(1);
  });
});
