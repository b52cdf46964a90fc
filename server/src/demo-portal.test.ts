import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, jwtVerify } from 'jose';
import { eq } from 'drizzle-orm';
import { demoPortalPort, startDemoPortal } from './demo-portal.js';
import type { Actor } from './modules/auth/actor.js';
import type { RichDoc } from './modules/messages/content/index.js';
import { sendMessage } from './modules/messages/send.js';
import { NotifyWorker } from './modules/notify/worker.js';
import { notifySettings } from './modules/notify/settings.js';
import { members } from './modules/org/schema.js';
import { textDoc } from './testing/demo.js';
import { demoPortal } from './seed-messages.js';
import { seedDemo } from './seed.js';
import { testDeps } from './testing/deps.js';

const freePort = () =>
  new Promise<number>((resolve) => {
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
    for (const value of [undefined, '', 'off', 'abc', '70000'])
      assert.equal(demoPortalPort({ HERALD_DEMO_PORTAL_PORT: value }), null);
  });

  test('runs the host for the demo contact: tokens by POST for contact:<id>, the secret in no page or \
script', async () => {
    const port = await freePort();
    const child = await startDemoPortal(deps.db, 'http://localhost:3999', deps.logger, {
      HERALD_DEMO_PORTAL_PORT: String(port),
    });
    assert.ok(child);
    try {
      const portal = (await demoPortal(deps.db))!;
      assert.deepEqual(
        portal.app.origins,
        [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
        'origins follow the port',
      );
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
      assert.equal(
        (await fetch(`${base}/token`, { method: 'POST', headers: { origin: 'http://evil.example' } })).status,
        403,
        'another site',
      );
      const token = await (await fetch(`${base}/token`, { method: 'POST', headers: { origin: base } })).text();
      const { payload } = await jwtVerify(token, new TextEncoder().encode(portal.app.secret), {
        issuer: portal.app.id,
        audience: 'herald',
      });
      assert.equal(payload.sub, `contact:${portal.contact.id}`);
      assert.ok(decodeJwt(token).exp! - decodeJwt(token).iat! <= 900);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  test("R9: the demo host receives urgent messages' webhooks, checks their signature and lists them \
(escaped)", async () => {
    const port = await freePort();
    const child = await startDemoPortal(deps.db, 'http://localhost:3999', deps.logger, {
      HERALD_DEMO_PORTAL_PORT: String(port),
    });
    assert.ok(child);
    const worker = new NotifyWorker(deps.db);
    try {
      const settings = await notifySettings(deps.db);
      assert.equal(settings.webhook.url, `http://127.0.0.1:${port}/herald-webhook`);
      assert.equal(settings.webhook.enabled, true);
      const base = `http://127.0.0.1:${port}`;
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`${base}/notifications.html`).then(
          (r) => r.ok,
          () => false,
        );
        if (!ready) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(
        (await fetch(`${base}/herald-webhook`, { method: 'POST', body: '{}' })).status,
        401,
        'unsigned: refused',
      );
      assert.equal(
        (await fetch(`${base}/herald-webhook`, { method: 'POST', body: 'x'.repeat(100_000) })).status,
        413,
        'too large',
      );
      // A client that goes away mid-body does not take the host down.
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('POST /herald-webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"id":');
      await new Promise((r) => setTimeout(r, 50));
      socket.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await fetch(`${base}/notifications.html`)).status, 200, 'still serving');
      // Signed, but not a notification: refused, and the host stays up.
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v1=${createHmac('sha256', settings.webhook.secret).update(`${ts}.null`).digest('hex')}`;
      assert.equal(
        (
          await fetch(`${base}/herald-webhook`, {
            method: 'POST',
            body: 'null',
            headers: { 'herald-timestamp': ts, 'herald-signature': signature },
          })
        ).status,
        400,
      );
      assert.equal((await fetch(`${base}/notifications.html`)).status, 200, 'still serving after a signed null');

      const [sender] = await deps.db.select().from(members).where(eq(members.employeeNo, 'E1001'));
      const [recipient] = await deps.db.select().from(members).where(eq(members.employeeNo, 'E1002'));
      const actor: Actor = {
        kind: 'member',
        subject: { kind: 'member', id: sender!.id, employeeNo: 'E1001', name: sender!.name, email: null, locale: null },
        grants: [{ permission: 'message.send.internal', departmentId: null }],
        mustChangePassword: false,
        via: 'session',
        sessionId: 's',
        csrfToken: 'c',
      };
      await sendMessage(
        deps.db,
        actor,
        {
          kind: 'urgent',
          subject: '<b>机房</b>断电',
          body: textDoc('请确认') as RichDoc,
          audience: [{ kind: 'member', targetId: recipient!.id }],
        },
        undefined,
        { ip: null, userAgent: null, requestId: null },
      );
      const result = await worker.runOnce();
      assert.equal(result.sent >= 1, true, JSON.stringify(result));
      const page = await (await fetch(`${base}/notifications.html`)).text();
      assert.match(page, /&lt;b&gt;机房&lt;\/b&gt;断电/);
      assert.ok(!page.includes('<b>机房'), 'the subject is escaped');
    } finally {
      await worker.stop();
      child.kill();
      await once(child, 'exit');
    }
  });

  test('nothing starts without HERALD_DEMO_PORTAL_PORT', async () => {
    assert.equal(await startDemoPortal(deps.db, 'http://localhost:3999', deps.logger, {}), null);
  });
});
