// Issue 21: `signOut()` called on a provider whose `.api` was set before herald.js defined it, before its first
// update, signs out of that server (the client is made again from the restored options at that update). Its own
// file: a cookie-mode provider's client becomes the page's shared one, which outlives the test.
import { expect, fixture, html } from '@open-wc/testing';
import { json, member, stubFetch } from '@herald/client/test-helpers';
import { HeraldProvider } from './provider.js';
import { replaceFetch, sse } from '../test-support.js';

it('signOut() at once after the upgrade signs out of the server .api names, not the page origin', async () => {
  const api = 'http://herald-late-sign-out.test';
  const stub = stubFetch({
    'GET /me': () => json(member()),
    'GET /live': () => sse().response(),
    'POST /auth/sign-out': () => new Response(null, { status: 204 }),
  });
  const restore = replaceFetch(stub.fetch);
  try {
    const tag = `herald-provider-late-${Math.random().toString(36).slice(2)}`;
    const wrapper = await fixture(html`<div></div>`);
    const el = document.createElement(tag) as HeraldProvider;
    el.api = api;
    wrapper.append(el);
    customElements.define(tag, class extends HeraldProvider {});
    await el.signOut(); // before its first update
    expect(stub.calls.filter((c) => c.method === 'POST').map((c) => c.url)).to.deep.equal([
      `${api}/api/v1/auth/sign-out`,
    ]);
    expect(stub.calls.filter((c) => !c.url.startsWith(`${api}/`))).to.deep.equal([]);
  } finally {
    restore();
  }
});
