import { expect } from '@open-wc/testing';
import { createHeraldClient } from '@herald/client';
import { fakeJwt, json, problemResponse, stubFetch } from '@herald/client/test-helpers';
import { MessageApi } from './message-api.js';

describe('MessageApi', () => {
  const token = fakeJwt(Math.floor(Date.now() / 1000) + 600);

  it('R8: fetches an attachment and an inline preview with the token in a header, never in the URL', async () => {
    const stub = stubFetch({
      'GET /attachments/a%201': (call) =>
        new Response(new Blob(['x']), {
          headers: {
            'content-disposition': call.url.includes('inline=1')
              ? 'inline'
              : "attachment; filename*=UTF-8''%E8%AE%A1%E5%88%92.pdf",
          },
        }),
    });
    const api = new MessageApi(createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch }));
    const file = await api.attachment('a 1');
    expect(file.fileName).to.equal('计划.pdf');
    expect(await (await api.inlineImage('a 1')).text()).to.equal('x');
    expect(stub.calls.map((c) => c.url)).to.deep.equal([
      'http://herald.test/api/v1/attachments/a%201',
      'http://herald.test/api/v1/attachments/a%201?inline=1',
    ]);
    for (const call of stub.calls) {
      expect(call.url).to.not.contain(token);
      expect(call.headers.get('authorization')).to.equal(`Bearer ${token}`);
    }
  });

  it('R8: sends a reply with its Idempotency-Key', async () => {
    const stub = stubFetch({ 'POST /messages/m1/replies': () => json({ id: 'r1' }, 201) });
    const api = new MessageApi(createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch }));
    await api.reply('m1', { body: { type: 'doc', content: [{ type: 'paragraph' }] } as never }, 'key-1');
    expect(stub.calls[0]!.headers.get('idempotency-key')).to.equal('key-1');
  });

  it('R9: remind-too-soon arrives as a problem with retryAfter; recipients pass state and cursor', async () => {
    const stub = stubFetch({
      'POST /messages/m1/remind': () => problemResponse(409, 'remind-too-soon', { retryAfter: 120 }),
      'GET /messages/m1/recipients': () => json({ counts: {}, items: [], nextCursor: null }),
    });
    const api = new MessageApi(createHeraldClient({ baseUrl: 'http://herald.test', token, fetch: stub.fetch }));
    const error = await api.remind('m1', 'unread').catch((e) => e);
    expect(error.code).to.equal('remind-too-soon');
    expect(error.retryAfter).to.equal(120);
    expect(stub.calls[0]!.body).to.deep.equal({ state: 'unread' });
    await api.recipients('m1', { state: 'unconfirmed', cursor: 'c2', limit: 20 });
    expect(stub.calls[1]!.url).to.equal(
      'http://herald.test/api/v1/messages/m1/recipients?state=unconfirmed&cursor=c2&limit=20',
    );
  });
});
