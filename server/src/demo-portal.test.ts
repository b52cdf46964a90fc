import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, jwtVerify } from 'jose';
import { demoPortalPort, startDemoPortal } from './demo-portal.js';
import { demoPortal } from './seed-messages.js';
import { seedDemo } from './seed.js';
import { testDeps } from './testing/deps.js';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

describe('the demo customer portal (npm start, S5–S7)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  before(async () => {
    deps = await testDeps();
    await seedDemo(deps.db, { withRoles: true, withMessages: true, blobs: deps.blobs });
  });
  after(() => deps.cleanup());

  test('HERALD_DEMO_PORTAL_PORT: a port, or nothing when unset, off or invalid', () => {
    assert.equal(demoPortalPort({ HERALD_DEMO_PORTAL_PORT: '4000' }), 4000);
    for (const value of [undefined, '', 'off', 'abc', '70000']) assert.equal(demoPortalPort({ HERALD_DEMO_PORTAL_PORT: value }), null);
  });

  test('runs the host for the demo contact: tokens by POST for contact:<id>, the secret in no page or script', async () => {
    const port = await freePort();
    const child = await startDemoPortal(deps.db, 'http://localhost:3999', deps.logger, { HERALD_DEMO_PORTAL_PORT: String(port) });
    assert.ok(child);
    try {
      const portal = (await demoPortal(deps.db))!;
      assert.deepEqual(portal.app.origins, [`http://127.0.0.1:${port}`, `http://localhost:${port}`], 'origins follow the port');
      const base = `http://127.0.0.1:${port}`;
      let page: Response | undefined;
      for (let i = 0; i < 100 && !page; i++) {
        page = await fetch(`${base}/portal.html`).catch(() => undefined);
        if (!page) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(page!.status, 200);
      const html = await page!.text();
      assert.match(html, /<herald-inbox/);
      assert.match(html, /<herald-urgent-alert/);
      assert.match(page!.headers.get('content-security-policy') ?? '', /script-src 'self' http:\/\/localhost:3999/);
      for (const path of ['/', '/portal.js', '/app.js', '/portal.css']) {
        const body = await (await fetch(`${base}${path}`)).text();
        assert.ok(!body.includes(portal.app.secret), `${path} does not carry the secret`);
      }
      assert.equal((await fetch(`${base}/token`)).status, 404, 'tokens only by POST');
      assert.equal((await fetch(`${base}/token`, { method: 'POST' })).status, 403, 'no Origin: not the portal page');
      assert.equal((await fetch(`${base}/token`, { method: 'POST', headers: { origin: 'http://evil.example' } })).status, 403, 'another site');
      const token = await (await fetch(`${base}/token`, { method: 'POST', headers: { origin: base } })).text();
      const { payload } = await jwtVerify(token, new TextEncoder().encode(portal.app.secret), { issuer: portal.app.id, audience: 'herald' });
      assert.equal(payload.sub, `contact:${portal.contact.id}`);
      assert.ok(decodeJwt(token).exp! - decodeJwt(token).iat! <= 900);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  test('nothing starts without HERALD_DEMO_PORTAL_PORT', async () => {
    assert.equal(await startDemoPortal(deps.db, 'http://localhost:3999', deps.logger, {}), null);
  });
});
