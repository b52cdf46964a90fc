// Issue 16 (FINDINGS "Widget weight and first paint"): one client per page. A badge outside a cookie-mode provider used
// to make a client of its own and fetch /me (and the unread count) a second time. Its own file: the page-wide client is
// made once per page.
import { expect, fixture, html } from '@open-wc/testing';
import { fallbackHerald } from '@herald/client';
import { json, member, stubFetch } from '@herald/client/test-helpers';
import type { HeraldProvider } from './provider.js';
import { replaceFetch, until } from '../test-support.js';

describe('one client per page (issue 16)', () => {
  // As on the intranet example: the badge comes first in the page, the scripts define the provider first.
  it('a badge outside a cookie-mode provider shares its client: /me is asked once', async () => {
    const stub = stubFetch({ 'GET /me': () => json(member()) });
    const restore = replaceFetch(stub.fetch);
    try {
      const wrapper = await fixture(html`<div><herald-unread-badge></herald-unread-badge>
        <herald-provider sign-in="off"><p>the host's page</p></herald-provider></div>`);
      await import('./define.js');
      await import('@herald/inbox/herald-unread-badge');
      const provider = wrapper.querySelector<HeraldProvider>('herald-provider')!;
      await until(() => provider.stores?.$session.get().status === 'signed-in');
      expect(fallbackHerald().client).to.equal(provider.client);
      expect(stub.calls.filter((c) => c.method === 'GET' && new URL(c.url).pathname.endsWith('/me'))).to.have.length(1);
    } finally {
      restore();
    }
  });
});
