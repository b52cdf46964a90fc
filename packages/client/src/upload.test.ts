import { expect } from '@open-wc/testing';
import { createHeraldClient } from './client.js';
import { fakeJwt, json, member, stubFetch } from './test-helpers.js';

/** Just enough XMLHttpRequest to see what an upload sends and to answer it. */
class FakeXhr extends EventTarget {
  static sent: FakeXhr[] = [];
  static answer: (xhr: FakeXhr) => void = (xhr) => xhr.respond(201, { id: 'a1' });
  method = '';
  url = '';
  headers = new Headers();
  withCredentials = false;
  responseType = '';
  status = 0;
  statusText = '';
  response: Blob | null = null;
  body: Blob | null = null;
  readonly upload = new EventTarget();
  private responseHeaders = '';
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(key: string, value: string) {
    this.headers.set(key, value);
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  send(body: Blob) {
    this.body = body;
    FakeXhr.sent.push(this);
    setTimeout(() => FakeXhr.answer(this));
  }
  abort() {
    this.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded, total, lengthComputable: true }));
  }
  respond(status: number, body: unknown, type = 'application/json') {
    this.status = status;
    this.response = new Blob([JSON.stringify(body)], { type });
    this.responseHeaders = `content-type: ${type}\r\nx-request-id: r1\r\n`;
    this.dispatchEvent(new Event('load'));
  }
}
const xhr = () => new FakeXhr() as unknown as XMLHttpRequest;

describe('HeraldClient.upload', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    FakeXhr.answer = (x) => x.respond(201, { id: 'a1' });
  });

  it('cookie mode: sends credentials and the CSRF token, reports progress, answers a Response', async () => {
    const stub = stubFetch({ 'GET /me': () => json(member({ csrfToken: 'csrf-7' })) });
    const client = createHeraldClient({ baseUrl: 'http://herald.test', fetch: stub.fetch, xhr });
    await client.me();
    FakeXhr.answer = (x) => {
      x.progress(5, 10);
      x.progress(10, 10);
      x.respond(201, { id: 'a1' });
    };
    const seen: number[] = [];
    const file = new File(['0123456789'], 'a.pdf', { type: 'application/pdf' });
    const response = await client.upload('/attachments?name=a.pdf', file, {
      onProgress: (loaded) => seen.push(loaded),
    });
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({ id: 'a1' });
    expect(response.headers.get('x-request-id')).to.equal('r1');
    const [sent] = FakeXhr.sent;
    expect(sent!.method).to.equal('POST');
    expect(sent!.url).to.equal('http://herald.test/api/v1/attachments?name=a.pdf');
    expect(sent!.withCredentials).to.equal(true);
    expect(sent!.headers.get('x-csrf-token')).to.equal('csrf-7');
    expect(sent!.headers.get('content-type')).to.equal('application/pdf');
    expect(sent!.headers.has('authorization')).to.equal(false);
    expect(sent!.body).to.equal(file);
    expect(seen).to.deep.equal([5, 10]);
  });

  it('token mode: bearer token without cookies, refreshed once on 401 token-expired', async () => {
    const tokens = [
      fakeJwt(Math.floor(Date.now() / 1000) + 600, 'a'),
      fakeJwt(Math.floor(Date.now() / 1000) + 600, 'b'),
    ];
    let asked = 0;
    const client = createHeraldClient({ baseUrl: 'http://herald.test', xhr, tokenProvider: () => tokens[asked++]! });
    FakeXhr.answer = (x) =>
      x.headers.get('authorization') === `Bearer ${tokens[0]}`
        ? x.respond(401, { code: 'token-expired', status: 401 }, 'application/problem+json')
        : x.respond(201, { id: 'a2' });
    const response = await client.upload('/attachments?name=b.bin', new Blob(['x']));
    expect(response.status).to.equal(201);
    expect(
      FakeXhr.sent.map((x) => [x.withCredentials, x.headers.get('authorization'), x.headers.get('content-type')]),
    ).to.deep.equal([
      [false, `Bearer ${tokens[0]}`, 'application/octet-stream'],
      [false, `Bearer ${tokens[1]}`, 'application/octet-stream'],
    ]);
  });

  it('hands back refusals as Responses, rejects AbortError on cancel and a network problem on failure', async () => {
    const client = createHeraldClient({ baseUrl: location.origin, xhr });
    FakeXhr.answer = (x) => x.respond(415, { code: 'file-type-refused', status: 415 }, 'application/problem+json');
    expect((await client.upload('/attachments?name=x.exe', new Blob(['MZ']))).status).to.equal(415);

    FakeXhr.answer = () => undefined; // never answers
    const controller = new AbortController();
    const pending = client.upload('/attachments?name=big.bin', new Blob(['x']), { signal: controller.signal });
    controller.abort();
    expect(await pending.catch((e: Error) => e.name)).to.equal('AbortError');

    FakeXhr.answer = (x) => x.dispatchEvent(new Event('error'));
    const error = await client.upload('/attachments?name=c.bin', new Blob(['x'])).catch((e: { code: string }) => e);
    expect(error).to.have.property('code', 'network');
  });
});
