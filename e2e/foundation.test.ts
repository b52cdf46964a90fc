// Issue #2, user steps 1–3 in a real Chromium: start Herald, sign in on the intranet page with the forced
// first password change (R1), register an embed app, and be a member on a page from another origin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { freePort, signInAsAdmin, startHerald, startProcess, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let embedApp: { id: string; secret: string };
let hostPort: number;
const NEW_PASSWORD = 'Correct-Horse-2026!';

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  hostPort = await freePort();
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('step 1: Herald serves the examples, the widget bundle and the API', async () => {
  const bundle = await fetch(`${herald.url}/widgets/herald.js`);
  assert.equal(bundle.status, 200);
  assert.ok(bundle.headers.get('etag'));
  // Issue 16: one entry per element beside the all-in-one, compressed by what the client accepts.
  const inbox = await fetch(`${herald.url}/widgets/herald-inbox.js`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(inbox.status, 200);
  assert.equal(inbox.headers.get('content-encoding'), 'br');
  assert.match(inbox.headers.get('cache-control')!, /no-cache/);
  const chunk = /from\s*"\.\/(chunks\/[\w.-]+\.js)"/.exec(await inbox.text())?.[1];
  assert.ok(chunk, 'herald-inbox.js imports a shared chunk');
  assert.match((await fetch(`${herald.url}/widgets/${chunk}`)).headers.get('cache-control')!, /immutable/);
  const page = await (await fetch(`${herald.url}/examples/intranet/`)).text();
  assert.match(page, /<herald-provider/);
  assert.equal((await fetch(`${herald.url}/api/v1/openapi.json`)).status, 200);
});

test('loading the bundle only defines the elements: no request, no storage, no error until one is used', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${herald.url}/healthz`);
  await page.evaluate(async (src) => {
    localStorage.clear();
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
  }, `${herald.url}/widgets/herald.js`);
  const defined = await page.evaluate(() =>
    [
      'herald-provider',
      'herald-sign-in',
      'herald-inbox',
      'herald-composer',
      'herald-approval-queue',
      'herald-member-admin',
    ].filter((tag) => customElements.get(tag)),
  );
  assert.equal(defined.length, 6, `defined: ${defined.join(', ')}`);
  await page.waitForTimeout(200);
  // Only the bundle's own modules (its shared chunks, issue 16); no API call, no strings until an element is used.
  assert.deepEqual(
    requests.filter((u) => !u.endsWith('/healthz') && !/\/widgets\/(herald\.js|chunks\/[\w.-]+\.js)$/.test(u)),
    [],
  );
  assert.equal(await page.evaluate(() => localStorage.length + document.cookie.length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('step 2: sign in as the super admin, change the password first (R1), land on the shells', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await signInAsAdmin(page, herald, NEW_PASSWORD, async () => {
    const refused = await page.evaluate(async () => (await fetch('/api/v1/embed-apps')).json());
    assert.equal(refused.code, 'password-change-required', 'the API refuses everything else until the change');
  });

  for (const title of ['Inbox', 'New message']) await page.getByRole('heading', { name: title }).waitFor();
  const identities = page.getByText('Signed in as Super Admin');
  await identities.first().waitFor();
  assert.ok((await identities.count()) >= 4, 'all four shells share the one session');
  for (const tag of ['herald-inbox', 'herald-composer', 'herald-approval-queue', 'herald-member-admin']) {
    assert.equal(await page.locator(tag).count(), 1, tag);
  }
  await page.getByRole('button', { name: 'Sign out' }).waitFor(); // the host page heard herald-session-start

  // Step 3's first half, as the signed-in admin: register the host app's origin as an embed app.
  embedApp = await page.evaluate(async (origin) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch('/api/v1/embed-apps', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      // tokens name staff: a super admin's app
      body: JSON.stringify({ name: 'Host app', origins: [origin], audience: 'members' }),
    });
    return res.json();
  }, `http://127.0.0.1:${hostPort}`);
  assert.ok(embedApp.secret, JSON.stringify(embedApp));
  assert.deepEqual(
    errors.filter((e) => !/40[13]/.test(e)),
    [],
    'no script errors on the page',
  );

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Herald' }).waitFor();
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/me')).status), 401, 'the session is gone');
  await page.close();
});

test('step 3: a page on another origin embeds the widgets with a minted token and is that member', async () => {
  assert.ok(embedApp, 'needs step 2');
  const host = await startProcess(
    ['examples/host-app/server.mjs'],
    {
      PORT: String(hostPort),
      HOST: '127.0.0.1',
      HERALD_URL: herald.url,
      HERALD_EMBED_APP_ID: embedApp.id,
      HERALD_EMBED_SECRET: embedApp.secret,
      HERALD_EMBED_SUBJECT: 'E1001',
    },
    /Host app: (\S+)/,
  );
  try {
    const page = await browser.newPage();
    const meCalls: Array<{ auth: string | undefined; cookie: string | undefined; status: number }> = [];
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname === '/api/v1/me') {
        const h = await r.request().allHeaders();
        meCalls.push({ auth: h.authorization, cookie: h.cookie, status: r.status() });
      }
    });
    await page.goto(`http://127.0.0.1:${hostPort}/`);
    await page.getByText('Signed in as 张三').first().waitFor();
    // The response handler reads headers asynchronously: wait for its record of the successful /me.
    for (let i = 0; i < 100 && !meCalls.some((c) => c.status === 200); i++) await new Promise((r) => setTimeout(r, 50));
    const ok = meCalls.find((c) => c.status === 200)!;
    assert.match(ok.auth ?? '', /^Bearer ey/, 'the widget sends the embed token in a header');
    assert.equal(ok.cookie, undefined, 'and no cookie');
    assert.equal(await page.evaluate(() => document.cookie), '', 'nothing stored in cookies');

    // The same page from an origin the app does not list is refused, and shows nobody.
    const foreign = await browser.newPage();
    const refusal = foreign.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'GET',
    );
    await foreign.goto(`http://localhost:${hostPort}/`);
    const res = await refusal;
    assert.equal(res.status(), 403);
    assert.equal((await res.json()).code, 'origin-not-allowed');
    // Issue 21: each element says why in its own place (no banner above the host's page), naming the site.
    const alert = foreign.locator('herald-inbox').getByRole('alert');
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      new RegExp(`This site \\(http://localhost:${hostPort}\\) is not registered with Herald`),
    );
    assert.match(
      await foreign.locator('herald-composer').getByRole('alert').innerText(),
      /is not registered with Herald/,
    );
    assert.equal(await foreign.getByText('Signed in as').count(), 0);
  } finally {
    await host.stop();
  }
});
