// Issue 16 item 5 in Chromium: the React 19 and Vue 3 example hosts, built from the packed @herald/elements (see
// example-hosts.ts), each on its own origin with its own token endpoint. A member is signed in through the host's
// minted token, the inbox lists a message sent to them, the typed event reaches the host's code, and leaving the
// route (unmounting the provider) closes the live stream — counted from Chromium's own network events.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { buildExampleHost, packedElements, previewExampleHost } from './example-hosts.js';
import { apiSession, freePorts, startHerald, textBody, withBrowser } from './support.js';

type Host = { url: string; dir: string; stop: () => Promise<void> };
let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
const hosts: Partial<Record<'react' | 'vue', Host>> = {};
const subject = `Framework hosts ${Date.now()}`;

before(async () => {
  packedElements();
  const [heraldPort, reactPort, vuePort] = await freePorts(3);
  const heraldUrl = `http://localhost:${heraldPort}`;
  // Herald starts while both examples install and build (they only need its URL).
  const [started, reactDir, vueDir] = await Promise.all([
    withBrowser(startHerald({ port: heraldPort })),
    buildExampleHost('react', heraldUrl),
    buildExampleHost('vue', heraldUrl),
  ]);
  [herald, browser] = started;
  const urls = { react: `http://127.0.0.1:${reactPort}`, vue: `http://127.0.0.1:${vuePort}` };
  const admin = await apiSession(herald.url, 'admin', herald.adminPassword);
  const newPassword = 'Kite-Harbour-2026!';
  await admin.call('POST', '/auth/password', { currentPassword: herald.adminPassword, newPassword });
  const embed = await (
    await apiSession(herald.url, 'admin', newPassword)
  ).call<{ id: string; secret: string }>('POST', '/embed-apps', {
    name: 'Framework hosts',
    origins: Object.values(urls),
    audience: 'members',
  });
  for (const [name, dir, port] of [
    ['react', reactDir, reactPort],
    ['vue', vueDir, vuePort],
  ] as const) {
    const preview = await previewExampleHost(dir, port!, embed, 'E1001');
    hosts[name] = { url: urls[name], dir, stop: preview.stop };
  }
  // Bob (E1007) sends Zhang San (E1001, the hosts' user) a message, server to server with an embed token.
  const bob = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: embed.id })
    .setIssuer(embed.id)
    .setAudience('herald')
    .setSubject('E1007')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(embed.secret));
  const call = async (path: string, init: RequestInit = {}) => {
    const headers = { authorization: `Bearer ${bob}`, ...init.headers };
    const res = await fetch(`${herald.url}/api/v1${path}`, { ...init, headers });
    assert.ok(res.ok, `${path}: ${res.status}`);
    return res.json() as Promise<any>;
  };
  const { items } = await call('/directory?kinds=member&q=E1001');
  await call('/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      kind: 'internal',
      subject,
      audience: [{ kind: 'member', targetId: items[0].id }],
      body: textBody('hello'),
    }),
  });
});

after(async () => {
  await browser?.close();
  for (const host of Object.values(hosts)) {
    await host.stop();
    rmSync(host.dir, { recursive: true, force: true });
  }
  await herald?.cleanup();
});

/** Open `GET /api/v1/live` requests of a page, from Chromium's network events (sent, not yet finished or failed). */
async function liveStreams(page: Page): Promise<() => number> {
  const cdp = await page.context().newCDPSession(page);
  const open = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (new URL(e.request.url).pathname === '/api/v1/live') open.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => open.delete(e.requestId));
  cdp.on('Network.loadingFailed', (e) => open.delete(e.requestId));
  await cdp.send('Network.enable');
  return () => open.size;
}

async function until(what: string, check: () => boolean) {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(check(), what);
}

for (const name of ['react', 'vue'] as const) {
  test(
    `issue 16: the ${name} host (installed tarball) lists the inbox, hears the typed event, closes the live ` +
      'stream on leaving the route',
    async () => {
      const host = hosts[name]!;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const streams = await liveStreams(page);
      const logged: string[] = [];
      page.on('console', (m) => logged.push(m.text()));
      page.on('pageerror', (e) => logged.push(String(e)));
      await page.goto(`${host.url}/#/messages`);
      const row = page.locator('herald-inbox').getByRole('option', { name: new RegExp(subject) });
      await row.waitFor({ timeout: 30_000 }).catch(async (e) => {
        throw new Error(
          `${e}\ninbox says: ${await page.evaluate(() => {
            type Provider = HTMLElement & { tokenProvider?: unknown };
            const provider = document.querySelector<Provider>('herald-provider');
            return (
              `${typeof provider?.tokenProvider} ${provider?.getAttributeNames()} ` +
              `${document.querySelector('herald-inbox')?.shadowRoot?.textContent?.slice(0, 300)}`
            );
          })}\nconsole: ${logged.join('\n')}`,
        );
      });
      await until('one live stream while the inbox is shown', () => streams() === 1);
      await row.click();
      await page.getByRole('status').filter({ hasText: 'Opened message' }).waitFor();

      // Another route unmounts the provider: its stream closes. Back again: one stream, not two.
      await page.getByRole('link', { name: 'About' }).click();
      await page.getByRole('heading', { name: 'About Acme' }).waitFor();
      await until('no live stream after leaving the route', () => streams() === 0);
      await page.getByRole('link', { name: 'Messages' }).click();
      await row.waitFor({ timeout: 30_000 });
      await until('one live stream after coming back', () => streams() === 1);
      await page.close();
    },
  );
}
