// Issue 23 item 10, on the real test server (proxied at /api/ by the root wtr config): a cold page where nobody is
// signed in finds that out without a failed request — a browser logs every 4xx in the console, and a new user reads
// "401 /me" there as something broken.
import { expect } from '@open-wc/testing';
import { createHeraldClient } from '../client.js';
import { testServerInfo } from '../testing/mount.js';
import { createStores } from './index.js';

describe('issue 23: the session probe', () => {
  it('nobody signed in is signed-out with no problem, and every request of the load answered 2xx', async function () {
    const info = await testServerInfo();
    if (!info.url) return this.skip();
    const leftover = createStores(createHeraldClient({ baseUrl: location.origin }));
    await leftover.session.load();
    if (leftover.$session.get().status !== 'signed-out') await leftover.session.signOut(); // another file's session

    const statuses: number[] = [];
    const stores = createStores(
      createHeraldClient({
        baseUrl: location.origin,
        fetch: async (input, init) => {
          const response = await globalThis.fetch(input, init);
          statuses.push(response.status);
          return response;
        },
      }),
    );
    const state = await stores.session.load();
    expect(state.status).to.equal('signed-out');
    expect(state.problem, 'an unauthenticated start is not an error').to.equal(undefined);
    expect(statuses).to.have.length.greaterThan(0);
    expect(
      statuses.filter((s) => s >= 400),
      'no failed request',
    ).to.deep.equal([]);
  });
});
