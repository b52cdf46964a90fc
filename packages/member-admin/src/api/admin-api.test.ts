import { expect } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fakeJwt, stubFetch } from '@herald/client/test-helpers';
import { AdminApi } from './admin-api.js';

describe('AdminApi downloads', () => {
  it(
    'fetches an export with the bearer token in a header, never in the URL, and names the file from the ' + 'answer',
    async () => {
      const token = fakeJwt(Math.floor(Date.now() / 1000) + 600);
      const stub = stubFetch({
        'GET /audit/export': () =>
          new Response('id,at\n', {
            headers: {
              'content-type': 'text/csv',
              'content-disposition': 'attachment; filename="audit.csv"; filename*=UTF-8\'\'%E5%AE%A1%E8%AE%A1.csv',
            },
          }),
      });
      const api = new AdminApi(createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch }));
      const file = await api.auditExport('csv', { action: 'member.*', from: 1 });
      expect(file.fileName).to.equal('审计.csv');
      expect(await file.blob.text()).to.equal('id,at\n');
      const call = stub.calls[0]!;
      expect(call.url).to.equal('http://herald.test/api/v1/audit/export?action=member.*&from=1&format=csv');
      expect(call.url).to.not.contain(token);
      expect(call.headers.get('authorization')).to.equal(`Bearer ${token}`);
      expect(call.credentials).to.equal('omit');
    },
  );

  it('downloads the audit export from the real server with the session cookie', async function () {
    const info = await (await fetch('/__herald-test-server.json')).json();
    if (!info.orgAdminLogin) return this.skip();
    const client = createHeraldClient({ baseUrl: location.origin });
    await client.signIn(info.orgAdminLogin, info.orgAdminPassword);
    const file = await new AdminApi(client).auditExport('csv');
    expect(file.fileName).to.match(/\.csv$/);
    expect((await file.blob.text()).length).to.be.greaterThan(10);
  });
});
