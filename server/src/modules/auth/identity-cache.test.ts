// Issue 15: who is calling is cached per process; a change to who someone is or what they may do takes effect at
// once, in this process and in another one on the same database (a second app on its own connections to the file).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { eq } from 'drizzle-orm';
import { members } from '../org/schema.js';
import { createApp } from '../../app.js';
import { secondProcess } from '../../testing/second-process.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, Browser } from '../../testing/http.js';
import { browserAs } from '../imports/testing.js';
import { countStatements } from '../../testing/bench.js';
import { sqliteOnly } from '../../testing/engine-only.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let second: ReturnType<typeof secondProcess>;
let appA: ReturnType<typeof createApp>;
let appB: ReturnType<typeof createApp>;
let admin: Browser;

before(async () => {
  deps = await testDeps();
  await seedDemo(deps.db);
  appA = createApp(deps);
  second = secondProcess(deps);
  appB = second.app;
  admin = await adminBrowser(appA, deps.db);
});
after(() => {
  second.close();
  deps.cleanup();
});

/** The same signed-in browser (cookie and CSRF token) calling the other process. */
const inOtherProcess = (b: Browser) => Object.assign(new Browser(appB), { cookie: b.cookie, csrf: b.csrf });
const me = async (b: Browser) => b.request('/api/v1/me');
/** An embed token of `app` (as the host's back end signs it) for a member. */
const tokenFor = (app: Record<string, any>, employeeNo: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: app.id })
    .setIssuer(app.id)
    .setAudience('herald')
    .setSubject(employeeNo)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(app.secret));
const patch = (path: string, json: unknown) => admin.request(path, { method: 'PATCH', json });
const permissions = async (b: Browser) => (await body(await me(b))).permissions as string[];
const memberId = async (employeeNo: string) =>
  (await deps.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, employeeNo)))[0]!.id;

test('issue 15: a revoked grant takes effect at once, in this process and another', async () => {
  const a = await browserAs(appA, deps.db, 'E1003', 'sender');
  const b = inOtherProcess(a);
  assert.ok((await permissions(a)).includes('message.send.internal'));
  assert.ok((await permissions(b)).includes('message.send.internal'), 'both processes have the caller cached');
  const id = await memberId('E1003');
  const detail = await body(await admin.request(`/api/v1/members/${id}`));
  for (const grant of detail.grants as Array<{ id: string }>) {
    assert.equal((await admin.request(`/api/v1/members/${id}/grants/${grant.id}`, { method: 'DELETE' })).status, 204);
  }
  assert.ok(!(await permissions(a)).includes('message.send.internal'));
  assert.ok(!(await permissions(b)).includes('message.send.internal'));
  const send = await b.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: 'after revoke',
      audience: [{ kind: 'member', targetId: id }],
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] },
    },
  });
  assert.equal(send.status, 403, 'the other process refuses the send the grant no longer allows');
});

test('issue 15: a disabled member is refused at once, cookie and embed token, in both processes', async () => {
  const a = await browserAs(appA, deps.db, 'E1004', 'sender');
  const b = inOtherProcess(a);
  const embed = await body(
    await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: {
        name: 'Cache test',
        origins: ['https://cache.example'],
        audience: 'members',
        tokenMaxAgeSeconds: 3600,
      },
    }),
  );
  const token = await tokenFor(embed, 'E1004');
  const bearer = { headers: { authorization: `Bearer ${token}` } };
  for (const app of [appA, appB]) assert.equal((await app.request('/api/v1/me', bearer)).status, 200);
  assert.equal((await me(a)).status, 200);
  assert.equal((await me(b)).status, 200);

  const id = await memberId('E1004');
  assert.equal((await patch(`/api/v1/members/${id}`, { disabled: true })).status, 200);
  assert.equal((await me(a)).status, 401);
  assert.equal((await me(b)).status, 401);
  for (const app of [appA, appB]) {
    const res = await app.request('/api/v1/me', bearer);
    assert.equal(res.status, 403);
    assert.equal((await body(res)).code, 'subject-disabled');
  }
});

test("issue 15: a password change ends the member's other sessions at once, in both processes", async () => {
  const changing = await browserAs(appA, deps.db, 'E1005', 'sender');
  const other = await browserAs(appA, deps.db, 'E1005', null); // a second sign-in of the same member
  const otherB = inOtherProcess(other);
  assert.equal((await me(other)).status, 200);
  assert.equal((await me(otherB)).status, 200);
  const res = await changing.request('/api/v1/auth/password', {
    method: 'POST',
    json: {
      currentPassword: 'role-test-pass-2026',
      newPassword: 'a-Brand-new-pass-2026!',
    },
  });
  assert.equal(res.status, 200);
  assert.equal((await me(other)).status, 401);
  assert.equal((await me(otherB)).status, 401);
  assert.equal((await me(changing)).status, 200, 'the session that changed it goes on');
});

test('issue 15: a sign-out ends the session at once, in both processes', async () => {
  const a = await browserAs(appA, deps.db, 'E1006', null);
  const b = inOtherProcess(a);
  assert.equal((await me(a)).status, 200);
  assert.equal((await me(b)).status, 200);
  const cookie = a.cookie;
  assert.equal((await a.request('/api/v1/auth/sign-out', { method: 'POST' })).status, 204);
  const stale = Object.assign(new Browser(appA), { cookie });
  assert.equal((await me(stale)).status, 401);
  assert.equal((await me(b)).status, 401);
});

test('issue 15: a revoked API key is refused at once in the other process', async () => {
  const created = await body(
    await admin.request('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'cache', permissions: ['message.send.internal'] },
    }),
  );
  const call = (app: ReturnType<typeof createApp>) =>
    app.request('/api/v1/me', { headers: { authorization: `Bearer ${created.key}` } });
  assert.equal((await call(appA)).status, 200);
  assert.equal((await call(appB)).status, 200);
  assert.equal((await admin.request(`/api/v1/api-keys/${created.id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await call(appA)).status, 401);
  assert.equal((await call(appB)).status, 401);
});

test('issue 15: an embed app disabled, or given a new origin, counts at once in the other process', async () => {
  const embed = await body(
    await admin.request('/api/v1/embed-apps', {
      method: 'POST',
      json: {
        name: 'Origins test',
        origins: ['https://one.example'],
        audience: 'members',
        tokenMaxAgeSeconds: 3600,
      },
    }),
  );
  const token = await tokenFor(embed, 'E1007');
  const from = (origin: string) => ({ headers: { authorization: `Bearer ${token}`, origin } });
  const first = await appB.request('/api/v1/me', from('https://one.example'));
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('access-control-allow-origin'), 'https://one.example');
  assert.equal((await appB.request('/api/v1/me', from('https://two.example'))).status, 403);

  const origins = ['https://one.example', 'https://two.example'];
  const patched = await patch(`/api/v1/embed-apps/${embed.id}`, { origins });
  assert.equal(patched.status, 200);
  const second = await appB.request('/api/v1/me', from('https://two.example'));
  assert.equal(second.status, 200);
  assert.equal(second.headers.get('access-control-allow-origin'), 'https://two.example');

  assert.equal((await patch(`/api/v1/embed-apps/${embed.id}`, { disabled: true })).status, 200);
  const refused = await appB.request('/api/v1/me', from('https://one.example'));
  assert.equal(refused.status, 401);
  assert.equal((await body(refused)).code, 'token-invalid');
});

test(
  'issue 15: a session this process has not kept costs one statement: the epoch and the session in one read',
  sqliteOnly('counts the statements the embedded pool prepares'),
  async () => {
    const statements = countStatements();
    const a = await browserAs(appA, deps.db, 'E1008', null);
    const b = inOtherProcess(a); // B has never seen this session
    let before = statements();
    assert.equal((await me(b)).status, 200);
    assert.equal(statements() - before, 1, 'a miss: epoch and session together');
    before = statements();
    assert.equal((await me(b)).status, 200);
    assert.equal(statements() - before, 1, 'kept: the epoch alone');
    // A change elsewhere moves the epoch: the kept answer is dropped and the session read again, still correct.
    await patch(`/api/v1/members/${await memberId('E1008')}`, { name: '周八 (renamed)' });
    const renamed = await body(await me(b));
    assert.equal((renamed.subject as { name: string }).name, '周八 (renamed)');
    // A signed-out session read together with the epoch is anonymous.
    assert.equal((await a.request('/api/v1/auth/sign-out', { method: 'POST' })).status, 204);
    assert.equal((await me(inOtherProcess(a))).status, 401);
  },
);
