// The RPC proxy builds the requests Hono's `hc` built (issue 16: it replaced `hc` to shrink the first load).
import { expect } from '@open-wc/testing';
import { rpc } from './rpc.js';

type Seen = { url: string; init: RequestInit };

function recorder(): { api: ReturnType<typeof rpc>; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchImpl = (async (url: string, init: RequestInit = {}) => {
    seen.push({ url, init });
    return new Response('{}', { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { api: rpc('https://h.example/api/v1', fetchImpl), seen };
}

describe('rpc (the typed route client)', () => {
  it('a path, its :param (the whole segment) and a query with undefined left out and arrays repeated', async () => {
    const { api, seen } = recorder();
    await api.messages[':id'].recipients.$get({
      param: { id: 'm1' },
      query: { state: 'unread', department: undefined as never },
    });
    const signal = new AbortController().signal;
    await api.mailbox.$get({ query: { tag: ['a', 'b'], limit: '5' } } as never, { init: { signal } });
    expect(seen[0]!.url).to.equal('https://h.example/api/v1/messages/m1/recipients?state=unread');
    expect(seen[0]!.init.method).to.equal('GET');
    expect(seen[0]!.init.body).to.equal(undefined);
    expect(seen[1]!.url).to.equal('https://h.example/api/v1/mailbox?tag=a&tag=b&limit=5');
    expect(seen[1]!.init.signal).to.equal(signal);
  });

  it('a JSON body with its content type; the method from $post / $patch / $delete', async () => {
    const { api, seen } = recorder();
    await api.auth['sign-in'].$post({ json: { login: 'ada', password: 'pw' } });
    await api.tags[':id'].$delete({ param: { id: 't 1' } });
    expect(seen[0]!.url).to.equal('https://h.example/api/v1/auth/sign-in');
    expect(seen[0]!.init.method).to.equal('POST');
    expect(new Headers(seen[0]!.init.headers).get('content-type')).to.equal('application/json');
    expect(JSON.parse(seen[0]!.init.body as string)).to.deep.equal({ login: 'ada', password: 'pw' });
    expect(seen[1]!.init.method).to.equal('DELETE');
    expect(seen[1]!.url).to.equal('https://h.example/api/v1/tags/t 1');
  });

  it("a param value is taken as it is (no '$' replacement patterns); the caller's headers stay", async () => {
    const { api, seen } = recorder();
    await api.tags[':id'].$delete({ param: { id: "a$&b$'c" } });
    await api.auth['sign-in'].$post({ json: { login: 'a', password: 'b' } }, { init: { headers: { 'x-trace': '1' } } });
    expect(seen[0]!.url).to.equal("https://h.example/api/v1/tags/a$&b$'c");
    const headers = new Headers(seen[1]!.init.headers);
    expect([headers.get('x-trace'), headers.get('content-type')]).to.deep.equal(['1', 'application/json']);
  });
});
