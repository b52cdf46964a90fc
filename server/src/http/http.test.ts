import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createApp } from '../app.js';
import { chooseEncoding } from './static.js';
import { testDeps } from '../testing/deps.js';
import { body } from '../testing/http.js';
import { listenOnLoopback } from '../testing/bench.js';
import { request as httpRequest } from 'node:http';

describe('HTTP conventions', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let widgets: string;
  before(async () => {
    deps = await testDeps();
    widgets = mkdtempSync(join(tmpdir(), 'herald-widgets-'));
    writeFileSync(join(widgets, 'herald.js'), 'customElements.define("x-y", class extends HTMLElement {});\n');
    app = createApp({ ...deps, widgetsDir: widgets });
  });
  after(() => deps.cleanup());

  test('the OpenAPI document is valid OpenAPI 3.1 and lists the routes', async () => {
    const res = await app.request('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    const doc = await res.json();
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/v1/auth/sign-in',
      '/api/v1/me',
      '/api/v1/embed-apps',
      '/api/v1/api-keys',
      '/api/v1/live',
    ]) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    assert.ok(doc.components.schemas.Problem);
  });

  test('the reference page is served under a strict CSP', async () => {
    const res = await app.request('/api/v1/reference');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /openapi\.json/);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/);
  });

  test('the example pages are served under a strict CSP; folders redirect to their index', async () => {
    const res = await app.request('/examples/intranet/');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<herald-provider/);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/);
    const bare = await app.request('/examples/intranet');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/examples/intranet/');
    assert.equal((await app.request('/examples/../server/package.json')).status, 404);
    assert.equal(
      (await app.request('/examples/intranet/missing.js')).headers.get('content-type'),
      'application/problem+json',
    );
  });

  test('unknown routes answer problem+json 404 with a request id', async () => {
    const res = await app.request('/api/v1/nothing-here', { headers: { 'x-request-id': 'req-123' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.headers.get('x-request-id'), 'req-123');
    const p = await body(res);
    assert.deepEqual(
      [p.type, p.code, p.status, p.requestId],
      ['urn:herald:problem:not-found', 'not-found', 404, 'req-123'],
    );
  });

  test('validation errors name each bad field', async () => {
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '' }),
    });
    assert.equal(res.status, 400);
    const p = await body(res);
    assert.equal(p.code, 'validation');
    assert.deepEqual(p.errors.map((e: { path: string }) => e.path).sort(), ['login', 'password']);
  });

  test('an oversized JSON body is refused with 413 before anything reads it whole', async () => {
    const big = JSON.stringify({ login: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assert.equal(res.status, 413);
    assert.equal((await body(res)).code, 'payload-too-large');
  });

  test('over HTTP, a JSON body is limited by its declared length, and a body nobody reads still gets its answer \
(issue 15)', async () => {
    // app.ts lets a body declared within the limit through untouched (asking for `c.req.raw.body` made every JSON write
    // over @hono/node-server a full fetch Request); one declared too large, or chunked, goes through hono's bodyLimit.
    // Each way must still be limited, read when a route reads it, and answered when no route does.
    const server = await listenOnLoopback(app);
    const post = (path: string, headers: Record<string, string>, text: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}${path}`,
          // A connection each, so that one request's refused body cannot touch the next one's.
          { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, agent: false },
          (res) => {
            let answer = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (answer += d));
            res.on('end', () => resolve({ status: res.statusCode!, text: answer }));
          },
        );
        req.on('error', reject);
        req.end(text);
      });
    const declared = (text: string) => ({ 'content-length': String(Buffer.byteLength(text)) });
    const chunked = { 'transfer-encoding': 'chunked' };
    try {
      const big = JSON.stringify({ login: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
      const refused = await post('/api/v1/auth/sign-in', declared(big), big);
      assert.equal(refused.status, 413);
      assert.equal(JSON.parse(refused.text).code, 'payload-too-large');
      const refusedChunks = await post('/api/v1/auth/sign-in', chunked, big);
      assert.equal(refusedChunks.status, 413);
      assert.equal(JSON.parse(refusedChunks.text).code, 'payload-too-large');
      // Within the limit, both ways, the body is read and checked: a wrong password, not a refused body.
      const small = JSON.stringify({ login: 'nobody', password: 'not-the-password-1' });
      for (const headers of [declared(small), chunked]) {
        const res = await post('/api/v1/auth/sign-in', headers, small);
        assert.equal(res.status, 401, res.text);
        assert.equal(JSON.parse(res.text).code, 'invalid-credentials');
      }
      // Refused before anything reads it (no session): the client still reads the 401, whole.
      const unread = JSON.stringify({ kind: 'internal', subject: 'x'.repeat(900 * 1024) });
      for (const headers of [declared(unread), chunked]) {
        const res = await post('/api/v1/messages', headers, unread);
        assert.equal(res.status, 401, res.text);
        assert.equal(JSON.parse(res.text).code, 'unauthenticated');
      }
    } finally {
      server.close();
    }
  });

  test('malformed JSON is a validation problem, not a crash', async () => {
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":',
    });
    assert.equal(res.status, 400);
    assert.equal((await body(res)).code, 'validation');
  });

  test('the widget bundle is served with an ETag, revalidation and CORS for module scripts', async () => {
    const res = await app.request('/widgets/herald.js');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /javascript/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control')!, /no-cache/);
    const etag = res.headers.get('etag')!;
    assert.ok(etag);
    const again = await app.request('/widgets/herald.js', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const traversal = await app.request('/widgets/..%2f..%2fpackage.json');
    assert.equal(traversal.status, 404);
    // A chunk gone with a new build: a cross-origin host reads the 404, not a CORS failure (review of issue 16).
    const gone = await app.request('/widgets/chunks/list-GONE1234.js');
    assert.equal(gone.status, 404);
    assert.equal(gone.headers.get('access-control-allow-origin'), '*');
  });

  test("lazily loaded chunks are served as themselves, even when one build gave them the bundle's mtime", async () => {
    const chunk = join(widgets, 'rich-editor-abc123.js');
    writeFileSync(chunk, 'export const editor = 1;\n');
    const { mtime } = statSync(join(widgets, 'herald.js'));
    utimesSync(chunk, mtime, mtime);
    assert.equal(await (await app.request('/widgets/rich-editor-abc123.js')).text(), 'export const editor = 1;\n');
    assert.match(await (await app.request('/widgets/herald.js')).text(), /customElements\.define/);
  });

  test('issue 16: entries are compressed by Accept-Encoding (brotli first), each encoding with its own \
ETag', async () => {
    const plain = await (await app.request('/widgets/herald.js')).text();
    const br = await app.request('/widgets/herald.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    assert.match(br.headers.get('cache-control')!, /no-cache/);
    assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), plain);
    const gz = await app.request('/widgets/herald.js', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), plain);
    assert.notEqual(gz.headers.get('etag'), br.headers.get('etag'));
    const none = await app.request('/widgets/herald.js', { headers: { 'accept-encoding': 'identity' } });
    assert.equal(none.headers.get('content-encoding'), null);
    // A revalidation names the representation it holds.
    const again = await app.request('/widgets/herald.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! },
    });
    assert.equal(again.status, 304);
    const other = await app.request('/widgets/herald.js', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': br.headers.get('etag')! },
    });
    assert.equal(other.status, 200);
  });

  test("issue 16: content-hashed chunks are immutable for a year; the build's precompressed file is served as it \
is", async () => {
    mkdirSync(join(widgets, 'chunks'), { recursive: true });
    const chunk = join(widgets, 'chunks', 'inbox-Ab12_cD.js');
    writeFileSync(chunk, 'export const inbox = 1;\n');
    // Different text from the chunk on purpose: proves the response comes from the .gz the build wrote.
    writeFileSync(`${chunk}.gz`, gzipSync('export const inbox = "precompressed";\n'));
    const res = await app.request('/widgets/chunks/inbox-Ab12_cD.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(
      gunzipSync(Buffer.from(await res.arrayBuffer())).toString(),
      'export const inbox = "precompressed";\n',
    );
    const plain = await app.request('/widgets/chunks/inbox-Ab12_cD.js');
    assert.equal(await plain.text(), 'export const inbox = 1;\n');
    // The compressed copies are not files of their own, and nothing outside the build's folders is reached.
    assert.equal((await app.request('/widgets/chunks/inbox-Ab12_cD.js.gz')).status, 404);
    assert.equal((await app.request('/widgets/chunks/..%2f..%2fpackage.json')).status, 404);
    assert.equal((await app.request('/widgets/other/herald.js')).status, 404);
    assert.equal((await app.request('/widgets/chunks')).status, 404);
  });

  test('issue 16: Accept-Encoding is read with its q-values', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0, identity'), 'identity');
    assert.equal(chooseEncoding(undefined), 'identity');
    assert.equal(chooseEncoding('deflate'), 'identity');
  });
});
