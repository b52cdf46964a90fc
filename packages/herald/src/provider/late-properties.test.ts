// Issue 21: `.api`, `.token` and `.signIn` set on a provider before herald.js defined it (a plain-JS page's module runs
// first) are used, and nothing goes to another server or with another token, not even before its first update. Its own
// file: it asserts every request of the page, and elements of earlier tests keep theirs going (the page's shared
// client outlives them), which made it fail now and then beside provider.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { fakeJwt, json, member, problemResponse, stubFetch } from '@herald/client/test-helpers';
import type { HeraldStores } from '@herald/client';
import { HeraldProvider } from './provider.js';
import { HeraldInbox, HeraldUnreadBadge } from '@herald/inbox';
import { replaceFetch, sse, until } from '../test-support.js';

/** A fresh tag for `element`'s class, defined later (a tag is defined once per page). */
const lateTag = (name: string) => `${name}-late-${Math.random().toString(36).slice(2)}`;
let restore: (() => void) | undefined;
afterEach(() => restore?.());

it('.api, .token and .signIn are used: the session, the inbox and the badge sign in to that server', async () => {
  const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
  const api = 'http://herald-late.test';
  const signedIn = (call: { headers: Headers }) => call.headers.get('authorization') === `Bearer ${token}`;
  const stub = stubFetch({
    'GET /me': (call) =>
      signedIn(call) ? json(member({ via: 'embed', csrfToken: null })) : problemResponse(401, 'unauthenticated'),
    'GET /live': () => sse().response(),
    'GET /mailbox/unread-count': (call) =>
      signedIn(call) ? json({ unread: 3, urgent: 0, mentions: 0 }) : problemResponse(401, 'unauthenticated'),
  });
  const undo = replaceFetch(stub.fetch);
  // The page-wide token provider is for providers without a token source of their own: not this one. (A real
  // token: the client would send it.)
  const global = globalThis as { heraldTokenProvider?: unknown };
  let asked = 0;
  global.heraldTokenProvider = () => (asked++, fakeJwt(Math.floor(Date.now() / 1000) + 901));
  restore = () => (undo(), delete global.heraldTokenProvider);
  const [providerTag, inboxTag, badgeTag] = ['herald-provider', 'herald-inbox', 'herald-unread-badge'].map(lateTag);
  const wrapper = await fixture(html`<div></div>`);
  // A plain-JS page's module runs first and sets properties (docs/elements.md "Load order"); herald.js comes later.
  const el = document.createElement(providerTag!) as HeraldProvider;
  el.api = api;
  el.token = token;
  el.signIn = 'off';
  el.innerHTML = `<${inboxTag}></${inboxTag}><${badgeTag}></${badgeTag}>`;
  wrapper.append(el);
  const started: string[] = [];
  el.addEventListener('herald-session-start', (e) => started.push(e.detail.subject.name));
  customElements.define(providerTag!, class extends HeraldProvider {});
  customElements.define(inboxTag!, class extends HeraldInbox {});
  customElements.define(badgeTag!, class extends HeraldUnreadBadge {});
  await until(() => el.stores?.$session.get().status === 'signed-in', 4000, 'signed in with the token');
  expect(started).to.deep.equal(['Ada Chen']);
  expect(el.client!.authMode).to.equal('token');
  expect(el.client!.baseUrl).to.equal(api);
  expect(el.client!.hasTokenProvider).to.equal(false);

  // The children asked for the context before the provider's first update; they follow its client and stores.
  const inbox = el.querySelector(inboxTag!)!;
  const badge = el.querySelector(badgeTag!)!;
  const heraldOf = (e: Element) => (e as unknown as { herald: { client: unknown; stores: HeraldStores } }).herald;
  await until(() => heraldOf(inbox).stores === el.stores && heraldOf(badge).stores === el.stores, 4000, 'stores');
  expect(heraldOf(inbox).client).to.equal(el.client);
  await until(
    () => inbox.shadowRoot?.querySelector('[part="identity"]')?.textContent === 'Signed in as Ada Chen',
    4000,
    'the inbox signed in',
  );
  await until(() => badge.shadowRoot?.querySelector('[part~="badge"]')?.textContent === '3', 4000, 'the count');
  expect(stub.calls.some((c) => c.url.startsWith(`${api}/api/v1/mailbox?`) && signedIn(c))).to.equal(true);
  // Nothing went anywhere else, nor with another token: not even before the first update (the stores wait for it).
  expect(stub.calls.filter((c) => !c.url.startsWith(`${api}/`) || !signedIn(c))).to.deep.equal([]);
  expect(asked, 'the page-wide token provider').to.equal(0);
});
