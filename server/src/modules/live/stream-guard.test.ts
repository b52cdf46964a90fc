// Issue 15: an open live stream ends once its owner may no longer have it — a sign-out, a disabled member, a password
// change, a revoked grant, an embed app disabled, an expired token — in this process and in another process on the
// same database (`testing/second-process.ts`), over real HTTP. Each test waits for the positive signal (the stream's
// end, or an event it still receives); none sleeps.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, mock, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { secondProcess } from '../../testing/second-process.js';
import { readSse } from '../../testing/sse.js';
import { browserAs } from '../imports/testing.js';
import { until } from '../../testing/until.js';
import { fingerprint } from './stream-guard.js';
import { publishEvent } from './service.js';
import { execute } from '../../db/prepared.js';

type Listening = { server: ServerType; url: string };
const listen = (app: ReturnType<typeof createApp>) =>
  new Promise<Listening>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });

let deps: Awaited<ReturnType<typeof testDeps>>;
let second: ReturnType<typeof secondProcess>;
let appA: ReturnType<typeof createApp>;
let a: Listening;
let b: Listening;
let admin: Browser;

before(async () => {
  deps = await testDeps({ HERALD_LIVE_POLL_MS: '25' });
  await seedDemo(deps.db);
  appA = createApp(deps);
  second = secondProcess(deps);
  a = await listen(appA);
  b = await listen(second.app);
  admin = await adminBrowser(appA, deps.db);
});
after(() => {
  for (const { server } of [a, b]) {
    (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    server.close();
  }
  second.close();
  deps.cleanup();
});

/** A stream opened over HTTP, read up to its `ready`. */
async function open(at: Listening, headers: Record<string, string>) {
  const res = await fetch(`${at.url}/api/v1/live`, { headers });
  if (res.status !== 200) assert.fail(`${res.status}: ${await res.text()}`);
  const stream = readSse(res);
  assert.equal((await stream.nextEvent())?.event, 'ready');
  return stream;
}
type Stream = Awaited<ReturnType<typeof open>>;

/** Resolves once the server has ended the stream (whatever events came first). */
async function ended(stream: Stream): Promise<void> {
  while (await stream.nextEvent(10_000)) {
    /* events before the end, e.g. me.updated */
  }
}

/** The stream is still open: an event published to its owner now reaches it. */
async function stillDelivers(stream: Stream, memberId: string) {
  const marker = `t${Math.random()}`;
  const to = [{ kind: 'member' as const, id: memberId }];
  await deps.db.transaction((tx) => publishEvent(tx, to, 'test.still-open', { marker }));
  for (;;) {
    const e = await stream.nextEvent(10_000);
    assert.ok(e, 'the stream went on');
    if (e.event === 'test.still-open' && JSON.parse(e.data!).marker === marker) return;
  }
}

const cookieOf = (browser: Browser) => ({ cookie: browser.cookie });
const memberId = async (employeeNo: string) =>
  (await execute(deps.db, 'select id from members where employee_no = ?', [employeeNo])).rows[0]![0] as string;
const embedApp = async (name: string) =>
  body(
    await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: {
        name,
        origins: ['https://guard.example'],
        audience: 'members',
        tokenMaxAgeSeconds: 3600,
      },
    }),
  );
/** An embed token of `app` for a member, as the host's back end signs it. */
const tokenFor = (app: Record<string, any>, employeeNo: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: app.id })
    .setIssuer(app.id)
    .setAudience('herald')
    .setSubject(employeeNo)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(app.secret));
const embedded = (token: string) => ({ authorization: `Bearer ${token}`, origin: 'https://guard.example' });

test("issue 15: a sign-out ends the session's open streams, in this process and another", async () => {
  const member = await browserAs(appA, deps.db, 'E1006', null);
  const here = await open(a, cookieOf(member));
  const there = await open(b, cookieOf(member));
  assert.equal((await member.request('/api/v1/auth/sign-out', { method: 'POST' })).status, 204);
  await ended(here);
  await ended(there);
});

test('issue 15: disabling a member ends their open streams, cookie and embed token, in both processes', async () => {
  const member = await browserAs(appA, deps.db, 'E1004', null);
  const token = await tokenFor(await embedApp('Guard: disable'), 'E1004');
  const streams = [
    await open(a, cookieOf(member)),
    await open(b, cookieOf(member)),
    await open(a, embedded(token)),
    await open(b, embedded(token)),
  ];
  const bystander = await browserAs(appA, deps.db, 'E1008', null);
  const unaffected = await open(b, cookieOf(bystander));
  const id = await memberId('E1004');
  const off = await admin.request(`/api/v1/members/${id}`, { method: 'PATCH', json: { disabled: true } });
  assert.equal(off.status, 200);
  for (const stream of streams) await ended(stream);
  await stillDelivers(unaffected, await memberId('E1008'));
  await unaffected.cancel();
});

test("issue 15: a password change ends the streams of the member's other sessions; its own goes on", async () => {
  const changing = await browserAs(appA, deps.db, 'E1005', null);
  const other = await browserAs(appA, deps.db, 'E1005', null); // a second sign-in of the same member
  const own = await open(a, cookieOf(changing));
  const others = [await open(a, cookieOf(other)), await open(b, cookieOf(other))];
  const res = await changing.request('/api/v1/auth/password', {
    method: 'POST',
    json: {
      currentPassword: 'role-test-pass-2026',
      newPassword: 'a-Brand-new-pass-2026!',
    },
  });
  assert.equal(res.status, 200);
  for (const stream of others) await ended(stream);
  await stillDelivers(own, await memberId('E1005'));
  await own.cancel();
});

test("issue 15: a revoked grant ends the holder's open streams in both processes", async () => {
  const holder = await browserAs(appA, deps.db, 'E1003', 'sender');
  const streams = [await open(a, cookieOf(holder)), await open(b, cookieOf(holder))];
  const id = await memberId('E1003');
  const detail = await body(await admin.request(`/api/v1/members/${id}`));
  assert.ok((detail.grants as unknown[]).length > 0);
  for (const grant of detail.grants as Array<{ id: string }>) {
    assert.equal((await admin.request(`/api/v1/members/${id}/grants/${grant.id}`, { method: 'DELETE' })).status, 204);
  }
  for (const stream of streams) await ended(stream);
  // Reconnecting is allowed (a stream needs no grant) and runs as who the member is now.
  const again = await open(b, cookieOf(holder));
  await stillDelivers(again, id);
  await again.cancel();
});

test('issue 15: an embed app disabled ends its streams in the other process', async () => {
  const app = await embedApp('Guard: app off');
  const stream = await open(b, embedded(await tokenFor(app, 'E1007')));
  const off = await admin.request(`/api/v1/embed-apps/${app.id}`, { method: 'PATCH', json: { disabled: true } });
  assert.equal(off.status, 200);
  await ended(stream);
});

test("issue 15: an embed token's stream ends when the token expires (fake clock)", async () => {
  const token = await tokenFor(await embedApp('Guard: expiry'), 'E1002');
  const stream = await open(a, embedded(token));
  const member = await browserAs(appA, deps.db, 'E1001', null);
  const session = await open(a, cookieOf(member)); // a session lasts longer than the hour
  mock.timers.enable({ apis: ['Date'], now: Date.now() + 3_600_000 + 31_000 }); // past exp and its grace
  try {
    await ended(stream);
    await stillDelivers(session, await memberId('E1001'));
  } finally {
    mock.timers.reset();
  }
  await session.cancel();
});

test('issue 15: a token in its 30 s grace past exp holds its stream until a request is refused (D2)', async () => {
  const app = await embedApp('Guard: grace');
  const at = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: app.id })
    .setIssuer(app.id)
    .setAudience('herald')
    .setSubject('E1002')
    .setIssuedAt(at - 70)
    .setExpirationTime(at - 10)
    .sign(new TextEncoder().encode(app.secret));
  assert.equal((await fetch(`${a.url}/api/v1/me`, { headers: embedded(token) })).status, 200, 'a request is accepted');
  const stream = await open(a, embedded(token));
  const id = await memberId('E1002');
  // Two deliveries: each needs a poll of the hub, and every poll runs the guard's expiry check first.
  await stillDelivers(stream, id);
  await stillDelivers(stream, id);
  mock.timers.enable({ apis: ['Date'], now: (at - 10 + 30) * 1000 });
  try {
    assert.equal((await fetch(`${a.url}/api/v1/me`, { headers: embedded(token) })).status, 401, 'now refused');
    await ended(stream);
  } finally {
    mock.timers.reset();
  }
});

test('issue 15: a replaced embed app secret ends the streams of tokens signed with the old one (D3)', async () => {
  const app = await embedApp('Guard: secret');
  const stream = await open(b, embedded(await tokenFor(app, 'E1002')));
  assert.equal((await admin.request(`/api/v1/embed-apps/${app.id}/secret`, { method: 'POST' })).status, 200);
  await ended(stream);
});

test('issue 15: a database failure while re-checking an embed token keeps the stream and asks again (D4)', async () => {
  const app = await body(
    await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: {
        name: 'Guard: failure',
        origins: ['https://guard.example'],
        audience: 'contacts',
        tokenMaxAgeSeconds: 3600,
      },
    }),
  );
  const id = `guard-contact-${Math.random()}`;
  await execute(
    deps.db,
    `insert into contacts (id, kind, name, portal_enabled, created_at, updated_at)
    values (?, 'customer', 'Dana', true, 1, 1)`,
    [id],
  );
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: app.id })
    .setIssuer(app.id)
    .setAudience('herald')
    .setSubject(`contact:${id}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(app.secret));
  const stream = await open(a, embedded(token));
  const errors = mock.method(deps.logger, 'error');
  const failedOnce = () => errors.mock.calls.some((c) => String(c.arguments[1]).includes('re-checking an embed token'));
  try {
    // The contact's row cannot be read for a while; the epoch moves meanwhile (a member renamed).
    await execute(deps.db, 'alter table contacts rename to contacts_away');
    await execute(deps.db, "update members set name = 'Renamed while failing' where employee_no = 'E1008'");
    await until(failedOnce, 'the failed re-check is logged');
  } finally {
    await execute(deps.db, 'alter table contacts_away rename to contacts');
    errors.mock.restore();
  }
  const marker = `t${Math.random()}`;
  await deps.db.transaction((tx) => publishEvent(tx, [{ kind: 'contact', id }], 'test.still-open', { marker }));
  for (;;) {
    const e = await stream.nextEvent(10_000);
    assert.ok(e, 'the stream went on after the failure');
    if (e.event === 'test.still-open' && JSON.parse(e.data!).marker === marker) break;
  }
  // Still guarded: a refusal now ends it.
  await execute(deps.db, 'update contacts set disabled = true where id = ?', [id]);
  await ended(stream);
});

test('issue 15: the same grants in another order make the same fingerprint (D5)', () => {
  const grants = [
    { permission: 'message.send.internal', departmentId: null },
    { permission: 'org.admin', departmentId: 'd1' },
  ];
  const actor = (g: typeof grants) =>
    ({
      kind: 'member',
      via: 'embed',
      appId: 'x',
      mustChangePassword: false,
      grants: g,
      subject: { kind: 'member', id: 'm', employeeNo: 'E1', name: 'M', email: null, locale: null },
    }) as unknown as Parameters<typeof fingerprint>[0];
  assert.equal(fingerprint(actor(grants)), fingerprint(actor([...grants].reverse())));
});
