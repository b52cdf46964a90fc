// Issue 21 + 16: a badge outside a provider whose host set .api/.token before herald.js defined it. Its own file: the
// provider is defined here under its real name (the page-wide client looks for `herald-provider`), and the page-wide
// client is made once per page.
import { expect, fixture, html } from '@open-wc/testing';
import { fakeJwt, json, member, stubFetch } from '@herald/client/test-helpers';
import { HeraldUnreadBadge } from '@herald/inbox';
import { HeraldProvider } from './provider.js';
import { replaceFetch, sse, until } from '../test-support.js';

describe('issue 21: a provider given its server and token before herald.js loaded', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('a badge outside it, which took its first client as the page-wide one, keeps counting', async () => {
    const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
    const api = 'http://herald-other.test';
    // The page's cookie session at the bundle's origin (the badge's); a token at the other server (the provider's).
    let unread = 3;
    const pageStreams: Array<ReturnType<typeof sse>> = [];
    const stub = stubFetch({
      'GET /me': (call) =>
        call.url.startsWith(api) ? json(member({ via: 'embed', csrfToken: null })) : json(member({ via: 'session' })),
      'GET /live': (call) => {
        const stream = sse();
        if (!call.url.startsWith(api)) pageStreams.push(stream);
        return stream.response();
      },
      'GET /mailbox/unread-count': () => json({ unread, urgent: 0, mentions: 0 }),
    });
    restore = replaceFetch(stub.fetch);
    // The provider under its own name (the page-wide client looks for `herald-provider`), defined only here.
    const [providerTag, badgeTag] = ['herald-provider', 'herald-unread-badge-late'] as const;
    const wrapper = await fixture(html`<div></div>`);
    const el = document.createElement(providerTag) as HeraldProvider;
    el.api = api;
    el.token = token;
    const badge = document.createElement(badgeTag);
    wrapper.append(el, badge);
    // Defined in one batch, as herald.js does: the badge looks for the page's client before the provider's update.
    customElements.define(providerTag, class extends HeraldProvider {});
    customElements.define(badgeTag, class extends HeraldUnreadBadge {});
    await until(() => el.stores?.$session.get().status === 'signed-in', 4000, 'the provider signed in');
    expect(el.client!.baseUrl).to.equal(api);
    await until(() => badge.shadowRoot?.querySelector('[part~="badge"]')?.textContent === '3', 4000, 'the count');
    // Its live stream stays open (the first client's stores were handed over, not stopped): a new message counts.
    await until(() => pageStreams.length > 0, 4000, "the page client's live stream");
    unread = 4;
    pageStreams.at(-1)!.write('id: 1\nevent: message.received\ndata: {}\n\n');
    await until(() => badge.shadowRoot?.querySelector('[part~="badge"]')?.textContent === '4', 4000, 'counted live');
    const cookieCalls = stub.calls.filter((c) => !c.url.startsWith(api));
    expect(
      cookieCalls.every((c) => c.headers.get('authorization') === null),
      'no token to the page origin',
    ).to.be.true;
  });
});
