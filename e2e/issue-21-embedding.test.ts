// Issue 21 in a real Chromium: a React 19 host on its own origin that loads Herald's script only after its first
// render (injected from an effect), under the strict CSP docs/elements.md documents — with an image preview, and not
// one CSP violation. The React page is bundled here with vite (react/react-dom are root devDependencies) and served,
// with its token endpoint, by a tiny loopback server.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import {
  apiSession,
  freePort,
  intranetAs,
  memberWithPassword,
  ROOT,
  startHerald,
  textBody,
  withBrowser,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let host: Server;
let hostUrl: string;
let appJs: string;
const work = mkdtempSync(join(tmpdir(), 'herald-react-host-'));
let mint: (sub: string) => Promise<string>;
let tokenStatus = 200;
let previewSubject = '';
let downUrl = '';
let loaderJs = '';

// The app: `?via=global` registers the token provider as window.heraldTokenProvider (the documented way for a late
// script), `?via=prop` only passes it as a JSX prop (what React 19 cannot hand to an element not yet defined).
const APP = `
import { createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
const herald = document.querySelector('meta[name="herald"]').content;
const via = new URLSearchParams(location.search).get('via');
async function getToken() {
  const res = await fetch('/token', { method: 'POST' });
  if (!res.ok) throw Object.assign(new Error('token endpoint ' + res.status), { status: res.status });
  return res.text();
}
window.heraldErrors = [];
window.addEventListener('herald-error', (e) => window.heraldErrors.push(e.detail.code));
function App() {
  useEffect(() => {
    window.definedAtFirstRender = !!customElements.get('herald-provider');
    if (via === 'global') window.heraldTokenProvider = getToken;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = herald + '/widgets/herald.js';
    document.head.append(script);
  }, []);
  return h('herald-provider', { api: herald, 'sign-in': 'off', locale: 'en', tokenProvider: getToken },
    h('herald-unread-badge'), h('herald-inbox'));
}
createRoot(document.getElementById('root')).render(h(App));
`;

/** The policy docs/elements.md ("Content Security Policy") tells a host to send. */
const policy = (heraldUrl: string) =>
  [
    "default-src 'self'",
    `script-src 'self' ${heraldUrl}`,
    `connect-src 'self' ${heraldUrl}`,
    "img-src 'self' blob:",
    "media-src 'self' blob:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  // The React page, bundled once (production React: no dev-only eval).
  writeFileSync(join(work, 'app.jsx'), APP);
  await build({
    root: work,
    logLevel: 'silent',
    configFile: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: { alias: { react: join(ROOT, 'node_modules/react'), 'react-dom': join(ROOT, 'node_modules/react-dom') } },
    build: {
      outDir: join(work, 'dist'),
      write: true,
      minify: false,
      lib: { entry: join(work, 'app.jsx'), formats: ['es'], fileName: () => 'app.js' },
    },
  });
  appJs = readFileSync(join(work, 'dist/app.js'), 'utf8');

  const [port, down] = [await freePort(), await freePort()];
  hostUrl = `http://127.0.0.1:${port}`;
  downUrl = `http://127.0.0.1:${down}`;
  // The loader of docs/elements.md ("When the script itself cannot load"), word for word but for Herald's origin.
  const docs = readFileSync(join(ROOT, 'docs/elements.md'), 'utf8');
  loaderJs = /\/\/ herald-loader\.js[^\n]*\n([\s\S]*?)```/
    .exec(docs)![1]!
    .replace("'https://herald.example.com'", `'${downUrl}'`);
  const admin = await apiSession(herald.url, 'admin', herald.adminPassword);
  await admin.call('POST', '/auth/password', {
    currentPassword: herald.adminPassword,
    newPassword: 'Kite-Harbour-2026!',
  });
  const app = await (
    await apiSession(herald.url, 'admin', 'Kite-Harbour-2026!')
  ).call<{ id: string; secret: string }>('POST', '/embed-apps', {
    name: 'React host',
    origins: [hostUrl],
    audience: 'members',
  });
  const key = new TextEncoder().encode(app.secret);
  mint = (sub) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: app.id })
      .setIssuer(app.id)
      .setAudience('herald')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  host = createServer(async (req, res) => {
    if (req.url === '/token' && req.method === 'POST') {
      if (tokenStatus !== 200) return void res.writeHead(tokenStatus).end('down');
      return void res
        .writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' })
        .end(await mint('E1001'));
    }
    if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(appJs);
    if (req.url === '/herald-loader.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(loaderJs);
    if (req.url === '/down.html') {
      // Herald "down": its origin is a port nobody listens on.
      return void res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': policy(downUrl),
        })
        .end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" ` +
            `src="/herald-loader.js"></script></head>
          <body><h1>Acme</h1><herald-provider api="${downUrl}` +
            `"><herald-inbox></herald-inbox></herald-provider></body></html>`,
        );
    }
    if (req.url?.startsWith('/?') || req.url === '/') {
      return void res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': policy(herald.url),
      }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="herald" content="${herald.url}">
          <script type="module" src="/app.js"></script></head><body><div id="root"></div></body></html>`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => host.listen(port, '127.0.0.1', r));
});
after(async () => {
  await browser?.close();
  host?.close();
  await herald?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** A page that counts CSP violations (the event is composed: it reaches the document from inside shadow roots). */
async function hostPage(query: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      true,
    );
  });
  await page.goto(`${hostUrl}/${query}`);
  return {
    page,
    violations: async () => [
      ...console,
      ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
    ],
  };
}

test('issue 21: React 19 loads Herald after its first render; the documented global hands over the token \
provider', async () => {
  const { page, violations } = await hostPage('?via=global');
  await page.locator('herald-inbox').getByText('Signed in as').first().waitFor({ timeout: 30_000 });
  assert.equal(
    await page.evaluate(() => (window as unknown as { definedAtFirstRender: boolean }).definedAtFirstRender),
    false,
    "Herald was not defined at React's first render",
  );
  assert.deepEqual(await page.evaluate(() => (window as unknown as { heraldErrors: string[] }).heraldErrors), []);
  assert.deepEqual(await violations(), []);
  await page.close();
});

test('issue 21: with only the JSX prop (React 19 drops it), the cause is named; the documented event then \
recovers', async () => {
  const { page, violations } = await hostPage('?via=prop');
  const inbox = page.locator('herald-inbox');
  await inbox
    .getByText("This page turned Herald's sign-in off but gives Herald no sign-in token")
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.evaluate(() => (window as unknown as { heraldErrors: string[] }).heraldErrors), [
    'no-token-provider',
  ]);
  assert.equal(await inbox.getByText('Loading messages…').count(), 0, 'no endless spinner');
  // What a React app does once it has the function at hand, at any time after Herald loaded.
  // (A string: tsx would wrap a function's inner functions in a helper the page does not have.)
  await page.evaluate(`window.dispatchEvent(new CustomEvent('herald-token-provider', {
    detail: { tokenProvider: async () => (await fetch('/token', { method: 'POST' })).text() },
  }))`);
  await inbox.getByText('Signed in as').first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await violations(), [], 'and nothing was sent to Herald without a token: no CORS error either');
  await page.close();
});

test('issue 21: the token endpoint failing is named with its status and recovers without a reload', async () => {
  tokenStatus = 500;
  try {
    const { page } = await hostPage('?via=global');
    const inbox = page.locator('herald-inbox');
    await inbox.getByText("This page's own token service (not Herald) answered HTTP 500").waitFor({ timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { heraldErrors: string[] }).heraldErrors), [
      'token-provider-failed',
    ]);
    tokenStatus = 200;
    // The backoff's first retries come within seconds; "Try again now" is the user's shortcut, not needed here.
    await inbox.getByText('Signed in as').first().waitFor({ timeout: 30_000 });
    await page.close();
  } finally {
    tokenStatus = 200;
  }
});

test('issue 21: an image preview (a blob: URL) shows under the documented CSP with zero violations', async () => {
  // Bob (E1007) sends Zhang San (E1001, the host's user) a message with a PNG; server to server with an embed token.
  const bobToken = await mint('E1007');
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/6gF3VQAAAABJRU5ErkJggg==',
    'base64',
  );
  const call = async (path: string, init: RequestInit) => {
    const res = await fetch(`${herald.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bobToken}`, ...init.headers },
    });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<any>;
  };
  const attachment = await call('/attachments?name=dot.png', {
    method: 'POST',
    body: png,
    headers: { 'content-type': 'image/png' },
  });
  const { items } = await call('/directory?kinds=member&q=E1001', { method: 'GET' });
  const subject = (previewSubject = `CSP preview ${Date.now()}`);
  await call('/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      kind: 'internal',
      subject,
      audience: [{ kind: 'member', targetId: items[0].id }],
      body: textBody('see the picture'),
      attachmentIds: [attachment.id],
    }),
  });
  const { page, violations } = await hostPage('?via=global');
  // What the page asked Herald for and what failed, told when the preview does not show.
  const traffic: string[] = [];
  page.on('response', (r) => traffic.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
  page.on('requestfailed', (r) => traffic.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
  page.on('console', (m) => m.type() === 'error' && traffic.push(`console: ${m.text()}`));
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('option', { name: new RegExp(subject) }).click({ timeout: 30_000 });
  const img = inbox.locator('herald-message-view img[src^="blob:"]');
  await img.waitFor({ timeout: 30_000 }).catch(async (error: Error) => {
    const view = await inbox
      .locator('herald-message-view')
      .evaluate((el) => el.shadowRoot?.textContent ?? '(not rendered)', undefined, { timeout: 1000 })
      .catch(() => '(none)');
    throw new Error(`${error.message}\nreading pane: ${view?.replace(/\s+/g, ' ')}\n${traffic.join('\n')}`);
  });
  await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
  assert.equal(
    await img.evaluate((el) => (el as HTMLImageElement).naturalWidth),
    1,
    'the preview is drawn, not a broken image',
  );
  assert.deepEqual(await violations(), []);
  await page.close();
});

test("issue 21: the intranet example as Herald serves it shows the same preview with zero violations of Herald's \
CSP", async () => {
  assert.ok(previewSubject, 'runs after the preview test');
  const admin = await apiSession(herald.url, 'admin', 'Kite-Harbour-2026!');
  await memberWithPassword(herald.url, admin, 'E1001', 'Lotus-Pond-2026!');
  const violations: string[] = [];
  const page = await intranetAs(browser, herald.url, 'E1001', 'Lotus-Pond-2026!');
  // From here on (the preview): Chromium reports each violation on the console, and the composed event too.
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.evaluate(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy: ' + ` +
      `e.violatedDirective + ' ' + e.blockedURI), true)`,
  );
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('option', { name: new RegExp(previewSubject) }).click({ timeout: 30_000 });
  const img = inbox.locator('herald-message-view img[src^="blob:"]');
  await img.waitFor({ timeout: 30_000 });
  await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
  assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 1);
  assert.deepEqual(violations, []);
  await page.context().close();
});

test('issue 21: when herald.js itself cannot load, the documented loader says so where the inbox would \
be', async () => {
  const page = await browser.newPage();
  await page.goto(`${hostUrl}/down.html`);
  await page
    .locator('herald-inbox')
    .getByRole('alert')
    .getByText('Messages are unavailable right now.')
    .waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('heading', { name: 'Acme' }).count(), 1, "the host's own page is untouched");
  await page.close();
});
