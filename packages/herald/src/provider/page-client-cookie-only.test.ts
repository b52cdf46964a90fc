// Issue 16 + 21: the page's own client (elements outside every provider share a cookie-mode provider's) stays
// cookie-only: a token given to that provider later makes the provider a client of its own. Its own file: the page's
// client is made once per page.
import { expect, fixture, html } from '@open-wc/testing';
import { fakeJwt, json, member, stubFetch } from '@herald/client/test-helpers';
import { fallbackHerald } from '@herald/client';
import type { HeraldProvider } from './provider.js';
import { replaceFetch, until } from '../test-support.js';

describe("issue 16: the page's own client stays cookie-only", () => {
  it('a token given later to the provider whose client the page shares goes to a new client', async () => {
    const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
    const stub = stubFetch({
      'GET /me': (call) => json(member(call.headers.get('authorization') ? { via: 'embed', csrfToken: null } : {})),
      'GET /live': () => new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } }),
      'GET /mailbox/unread-count': () => json({ unread: 2, urgent: 0, mentions: 0 }),
    });
    const restore = replaceFetch(stub.fetch);
    try {
      const wrapper = await fixture(html`<div><herald-unread-badge></herald-unread-badge>
        <herald-provider><p>the host's page</p></herald-provider></div>`);
      await import('./define.js');
      await import('@herald/inbox/herald-unread-badge');
      const provider = wrapper.querySelector<HeraldProvider>('herald-provider')!;
      const badge = wrapper.querySelector('herald-unread-badge')!;
      await until(() => provider.stores?.$session.get().status === 'signed-in', 4000, 'signed in by cookie');
      const shared = fallbackHerald();
      expect(shared.client).to.equal(provider.client);

      provider.token = token;
      await until(() => provider.client !== shared.client, 4000, 'a client of its own');
      await until(() => provider.stores?.$session.get().status === 'signed-in', 4000, 'signed in with the token');
      expect(provider.client!.authMode).to.equal('token');
      expect(shared.client.authMode, "the page's client").to.equal('cookie');
      expect(fallbackHerald().client).to.equal(shared.client);
      // The badge outside keeps counting on the page's client, by cookie.
      await until(() => badge.shadowRoot?.querySelector('[part~="badge"]')?.textContent === '2', 4000, 'the count');
      expect(shared.client.hasTokenProvider).to.equal(false);
      const fetched = stub.calls.length;
      await shared.stores.unread.refresh();
      await shared.stores.session.load();
      const since = stub.calls.slice(fetched);
      expect(since.length).to.be.greaterThan(0);
      expect(
        since.every((c) => c.headers.get('authorization') === null),
        'the page client sends no token',
      ).to.equal(true);

      // Taking the provider off the page leaves the page's client running (the badge still has it).
      provider.remove();
      expect(shared.stores.$session.get().status).to.equal('signed-in');
      expect(shared.client.live.status).to.not.equal('closed');
    } finally {
      restore();
    }
  });
});
