// Issue 14 item 3, on the real test server (proxied at /api/ by the root wtr config): the cookie session belongs to the
// browser, so a started page-wide client (the one of a badge outside the provider) follows another client's sign-in,
// sign-out and change of person.
import { expect } from '@open-wc/testing';
import { createHeraldClient } from '../client.js';
import { testServerInfo, until } from '../testing/mount.js';
import { createStores } from './index.js';

describe('issue 14: cookie sessions across the clients of one browser', () => {
  it("a started client finds out about another client's sign-in and sign-out, without a reload", async function () {
    const info = await testServerInfo();
    if (!info.url || !info.orgAdminLogin) return this.skip();
    const signer = createStores(createHeraldClient({ baseUrl: location.origin })); // e.g. the provider's, with its form
    await signer.session.load();
    if (signer.$session.get().status === 'signed-in') await signer.session.signOut();

    const pageWide = createStores(createHeraldClient({ baseUrl: location.origin })); // e.g. the header badge's
    await pageWide.start();
    expect(pageWide.$session.get().status).to.equal('signed-out');
    try {
      const me = await signer.session.signIn(info.orgAdminLogin, info.orgAdminPassword!);
      const id = me.subject?.id;
      expect(id).to.be.a('string');
      await until(() => pageWide.$session.get().me?.subject?.id === id, 5000, 'the sign-in, on the page-wide client');
      expect(pageWide.$session.get().status).to.equal('signed-in');

      await signer.session.signOut();
      await until(() => pageWide.$session.get().status === 'signed-out', 5000, 'the sign-out, on the page-wide client');
    } finally {
      pageWide.stop();
    }
  });

  it('a token-mode client is not moved by cookie sign-ins', async function () {
    const info = await testServerInfo();
    if (!info.url || !info.orgAdminLogin) return this.skip();
    const loads: string[] = [];
    const embedded = createStores(
      createHeraldClient({
        baseUrl: location.origin,
        token: 'not-a-real-token',
        fetch: async (input, init) => (loads.push(String(input)), globalThis.fetch(input, init)),
      }),
    );
    await embedded.start();
    const before = loads.filter((u) => new URL(u).pathname === '/api/v1/me').length;
    expect(before, 'the embedded client loaded its session').to.be.greaterThan(0);
    const signer = createStores(createHeraldClient({ baseUrl: location.origin }));
    const pageWide = createStores(createHeraldClient({ baseUrl: location.origin }));
    await pageWide.start();
    try {
      await signer.session.signIn(info.orgAdminLogin, info.orgAdminPassword!);
      // The positive signal that the announcement went out: the cookie client heard it.
      await until(() => pageWide.$session.get().status === 'signed-in', 5000, 'the cookie client');
      expect(loads.filter((u) => new URL(u).pathname === '/api/v1/me').length).to.equal(before);
      await signer.session.signOut();
    } finally {
      embedded.stop();
      pageWide.stop();
    }
  });
});
