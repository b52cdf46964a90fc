import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { fakeJwt, json, member, problemResponse, stubFetch } from '@herald/client/test-helpers';
import type { HeraldStores } from '@herald/client';
import './define.js';
import '@herald/inbox/define';
import '@herald/composer/define';
import { HeraldProvider } from './provider.js';
import { replaceFetch, sse, until } from '../test-support.js';

describe('<herald-provider>', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('cookie mode, signed out: shows an accessible <herald-sign-in> instead of its content', async () => {
    restore = replaceFetch(stubFetch({ 'GET /me': () => problemResponse(401, 'unauthenticated') }).fetch);
    const el = await fixture<HeraldProvider>(html`<herald-provider><p id="content">secret</p></herald-provider>`);
    await until(() => el.shadowRoot!.querySelector('herald-sign-in'));
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sign-in="off" renders the slotted content for hosts with their own login', async () => {
    restore = replaceFetch(stubFetch({ 'GET /me': () => problemResponse(401, 'unauthenticated') }).fetch);
    const el = await fixture<HeraldProvider>(html`<herald-provider sign-in="off"><p>content</p></herald-provider>`);
    await until(() => el.stores!.$session.get().status === 'signed-out');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('slot')).not.to.equal(null);
    expect(el.shadowRoot!.querySelector('herald-sign-in')).to.equal(null);
  });

  it('token mode: sends the token, announces the session, opens one live stream and shares one client', async () => {
    const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
    const live = sse();
    let meLoads = 0;
    const stub = stubFetch({
      'GET /me': () => {
        meLoads++;
        return json(member({ via: 'embed', csrfToken: null }));
      },
      'GET /live': () => live.response(),
    });
    restore = replaceFetch(stub.fetch);
    const wrapper = await fixture(html`<div></div>`);
    const el = document.createElement('herald-provider');
    el.setAttribute('api', 'http://herald.test');
    el.setAttribute('token', token);
    el.innerHTML = '<herald-inbox></herald-inbox><herald-composer></herald-composer>';
    const started = oneEvent(el, 'herald-session-start');
    wrapper.append(el);
    const { detail } = await started;
    expect(detail.subject.name).to.equal('Ada Chen');
    expect(stub.calls[0]!.url, 'the session probe (issue 23)').to.equal('http://herald.test/api/v1/me?optional=true');
    expect(stub.calls[0]!.headers.get('authorization')).to.equal(`Bearer ${token}`);

    await until(() => el.stores!.$connection.get() === 'open');
    const liveCalls = stub.calls.filter((c) => c.url.endsWith('/live'));
    expect(liveCalls).to.have.length(1);
    expect(liveCalls[0]!.url).not.to.contain(token);

    // Both shells got the provider's stores (same identity), so they show the same subject.
    const inbox = el.querySelector('herald-inbox')!;
    const composer = el.querySelector('herald-composer')!;
    const storesOf = (e: Element) => (e as unknown as { herald: { stores: HeraldStores } }).herald.stores;
    expect(storesOf(inbox)).to.equal(el.stores);
    expect(storesOf(composer)).to.equal(el.stores);
    await inbox.updateComplete;
    expect(inbox.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('Signed in as Ada Chen');

    // `me.updated` on the live stream reloads /me; the provided client and stores stay the same objects.
    const [client, stores] = [el.client, el.stores];
    live.write('id: 1\nevent: me.updated\ndata: {}\n\n');
    await until(() => meLoads === 2);
    expect(el.client).to.equal(client);
    expect(el.stores).to.equal(stores);
    expect(storesOf(inbox)).to.equal(stores);
  });

  it('fires herald-session-end when a signed-in session signs out', async () => {
    restore = replaceFetch(
      stubFetch({
        'GET /me': () => json(member()),
        'GET /live': () => sse().response(),
        'POST /auth/sign-out': () => new Response(null, { status: 204 }),
      }).fetch,
    );
    const el = await fixture<HeraldProvider>(html`<herald-provider><herald-inbox></herald-inbox></herald-provider>`);
    await until(() => el.stores!.$session.get().status === 'signed-in');
    const ended = oneEvent(el, 'herald-session-end');
    await el.stores!.session.signOut();
    await ended;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('herald-sign-in')).not.to.equal(null);
    expect(el.stores!.$connection.get()).to.equal('closed');
  });

  it('theme="dark" sets the public tokens for every descendant', async () => {
    restore = replaceFetch(stubFetch({ 'GET /me': () => json(member()), 'GET /live': () => sse().response() }).fetch);
    const el = await fixture<HeraldProvider>(
      html`<herald-provider theme="dark"><herald-inbox></herald-inbox></herald-provider>`,
    );
    const inbox = el.querySelector('herald-inbox')!;
    await until(() => el.stores!.$session.get().status === 'signed-in');
    expect(getComputedStyle(inbox).getPropertyValue('--herald-color-surface').trim()).to.equal('#1b1d21');
    expect(getComputedStyle(inbox).backgroundColor).to.equal('rgb(27, 29, 33)');
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(inbox).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('passes its locale to descendants', async () => {
    restore = replaceFetch(stubFetch({ 'GET /me': () => json(member()), 'GET /live': () => sse().response() }).fetch);
    const el = await fixture<HeraldProvider>(
      html`<herald-provider locale="zh-CN"><herald-inbox></herald-inbox></herald-provider>`,
    );
    const inbox = el.querySelector('herald-inbox')!;
    await until(() => el.stores!.$session.get().status === 'signed-in');
    await inbox.updateComplete;
    expect(inbox.shadowRoot!.querySelector('h2')!.textContent).to.equal('收件箱');
    expect(inbox.shadowRoot!.querySelector('[part="identity"]')!.textContent).to.equal('当前用户：Ada Chen');
  });

  describe('issue 21: properties a host set before herald.js defined the elements (any load order)', () => {
    /** A fresh tag for `element`'s class, defined later (a tag is defined once per page). */
    const lateTag = (name: string) => `${name}-late-${Math.random().toString(36).slice(2)}`;

    it('its own .token outranks a page-wide token provider also when api is an attribute (no new client)', async () => {
      const own = fakeJwt(Math.floor(Date.now() / 1000) + 900);
      const stub = stubFetch({
        'GET /me': (call) =>
          call.headers.get('authorization') === `Bearer ${own}`
            ? json(member({ via: 'embed', csrfToken: null }))
            : problemResponse(401, 'unauthenticated'),
        'GET /live': () => sse().response(),
      });
      const undo = replaceFetch(stub.fetch);
      const global = globalThis as { heraldTokenProvider?: unknown };
      let asked = 0;
      global.heraldTokenProvider = () => (asked++, fakeJwt(Math.floor(Date.now() / 1000) + 901));
      restore = () => (undo(), delete global.heraldTokenProvider);
      const tag = lateTag('herald-provider');
      const wrapper = await fixture(html`<div></div>`);
      const el = document.createElement(tag) as HeraldProvider;
      // A server of its own: elements of earlier tests (the page's shared client outlives them) may still ask theirs.
      el.setAttribute('api', 'http://herald-own-token.test');
      el.token = own;
      wrapper.append(el);
      customElements.define(tag, class extends HeraldProvider {});
      await until(() => el.stores?.$session.get().status === 'signed-in', 4000, 'signed in with its own token');
      expect(el.client!.hasTokenProvider, 'no page-wide provider to refresh with someone else').to.equal(false);
      expect(el.tokenProvider).to.equal(undefined);
      expect(asked).to.equal(0);
      const mine = stub.calls.filter((c) => c.url.startsWith('http://herald-own-token.test/'));
      expect(mine.length).to.be.greaterThan(0);
      expect(mine.every((c) => c.headers.get('authorization') === `Bearer ${own}`)).to.equal(true);
    });

    it('a tokenProvider given after the page-wide one was used replaces it at once (not its token)', async () => {
      const own = fakeJwt(Math.floor(Date.now() / 1000) + 900);
      const pageWide = fakeJwt(Math.floor(Date.now() / 1000) + 901);
      const stub = stubFetch({
        'GET /me': () => json(member({ via: 'embed', csrfToken: null })),
        'GET /live': () => sse().response(),
      });
      const undo = replaceFetch(stub.fetch);
      const global = globalThis as { heraldTokenProvider?: unknown };
      global.heraldTokenProvider = () => pageWide;
      restore = () => (undo(), delete global.heraldTokenProvider);
      const el = await fixture<HeraldProvider>(
        html`<herald-provider api="http://herald.test" sign-in="off"></herald-provider>`,
      );
      await until(() => el.stores?.$session.get().status === 'signed-in', 4000, 'signed in with the page-wide token');
      const before = stub.calls.length;
      el.tokenProvider = () => own;
      await until(() => stub.calls.length > before && el.stores?.$session.get().status === 'signed-in', 4000, 'again');
      const after = stub.calls.slice(before);
      expect(after.map((c) => c.headers.get('authorization'))).to.include(`Bearer ${own}`);
      expect(
        after.some((c) => c.headers.get('authorization') === `Bearer ${pageWide}`),
        'the page-wide token',
      ).to.equal(false);
    });

    it('.token alone is used: the session signs in with it', async () => {
      const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
      const stub = stubFetch({
        'GET /me': (call) =>
          call.headers.get('authorization') === `Bearer ${token}`
            ? json(member({ via: 'embed', csrfToken: null }))
            : problemResponse(401, 'unauthenticated'),
        'GET /live': () => sse().response(),
      });
      restore = replaceFetch(stub.fetch);
      const tag = lateTag('herald-provider');
      const wrapper = await fixture(html`<div></div>`);
      const el = document.createElement(tag) as HeraldProvider;
      el.token = token;
      wrapper.append(el);
      customElements.define(tag, class extends HeraldProvider {});
      await until(() => el.stores?.$session.get().status === 'signed-in', 4000, 'signed in with the token');
      expect(el.client!.authMode).to.equal('token');
    });
  });
});
