import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps, TEST_ADMIN_PASSWORD } from '../../testing/deps.js';
import { Browser, body } from '../../testing/http.js';
import { seedDemo } from '../../seed.js';
import { members } from '../org/schema.js';
import { auditLog } from '../audit/schema.js';
import { signInThrottle } from './schema.js';
import { hashPassword } from './passwords.js';

const NEW_PASSWORD = 'Ahoy-brand-new-2026';

describe('sign-in, sessions and the forced password change (R1)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    await deps.db
      .update(members)
      .set({ passwordHash: await hashPassword('zhang-pass-2026') })
      .where(eq(members.employeeNo, 'E1001'));
  });
  after(() => deps.cleanup());
  beforeEach(async () => {
    await deps.db.delete(signInThrottle);
  });

  test('stores passwords as argon2id with m ≥ 19 MiB, t = 2, p = 1', async () => {
    const [admin] = await deps.db.select().from(members).where(eq(members.employeeNo, 'admin'));
    assert.match(admin!.passwordHash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('R1: the super admin must change the password before anything else works', async () => {
    const b = new Browser(app);
    const res = await b.signIn('admin', TEST_ADMIN_PASSWORD);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie')!, /herald_session=[^;]+;.*HttpOnly/i);
    assert.match(res.headers.get('set-cookie')!, /SameSite=Lax/i);
    const me = await body(res);
    assert.equal(me.mustChangePassword, true);
    assert.equal(me.subject.employeeNo, 'admin');

    const blocked = await b.request('/api/v1/embed-apps');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.headers.get('content-type'), 'application/problem+json');
    assert.equal((await body(blocked)).code, 'password-change-required');
    assert.equal((await b.request('/api/v1/me')).status, 200, 'GET /me still answers');

    const weak = await b.request('/api/v1/auth/password', {
      method: 'POST',
      json: { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'aaaaaaaaaaaa' },
    });
    assert.equal((await body(weak)).code, 'password-too-weak');
    const wrong = await b.request('/api/v1/auth/password', {
      method: 'POST',
      json: { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD },
    });
    assert.equal((await body(wrong)).code, 'wrong-password');
    const changed = await b.request('/api/v1/auth/password', {
      method: 'POST',
      json: { currentPassword: TEST_ADMIN_PASSWORD, newPassword: NEW_PASSWORD },
    });
    assert.equal(changed.status, 200);
    assert.equal((await body(changed)).mustChangePassword, false);
    assert.equal((await b.request('/api/v1/embed-apps')).status, 200, 'the same session now works');

    const again = new Browser(app);
    assert.equal((await again.signIn('admin', TEST_ADMIN_PASSWORD)).status, 401, 'the one-time password is gone');
    assert.equal((await body(await again.signIn('admin', NEW_PASSWORD))).mustChangePassword, false);
    const actions = (await deps.db.select().from(auditLog)).map((a) => a.action);
    assert.ok(actions.includes('auth.password-change'));
  });

  test('signs in by employee number (any case) or e-mail, and GET /me reports the member', async () => {
    for (const login of ['E1001', 'e1001', 'ZhangSan@Example.com']) {
      const b = new Browser(app);
      assert.equal((await b.signIn(login, 'zhang-pass-2026')).status, 200, login);
      const me = await body(await b.request('/api/v1/me'));
      assert.equal(me.subject.name, '张三');
      assert.deepEqual(me.permissions, [], 'a new member holds no permission until granted (least privilege)');
      assert.equal(me.via, 'session');
    }
  });

  test('wrong password and unknown account get the same answer', async () => {
    const a = await new Browser(app).signIn('E1001', 'wrong-password-1');
    const b = await new Browser(app).signIn('nobody', 'wrong-password-1');
    assert.equal(a.status, 401);
    assert.deepEqual([(await body(a)).code, (await body(b)).code], ['invalid-credentials', 'invalid-credentials']);
  });

  test('a disabled member cannot sign in, and an open session stops working', async () => {
    const b = new Browser(app);
    await b.signIn('E1001', 'zhang-pass-2026');
    await deps.db.update(members).set({ disabled: true }).where(eq(members.employeeNo, 'E1001'));
    try {
      assert.equal((await b.request('/api/v1/me')).status, 401);
      const res = await new Browser(app).signIn('E1001', 'zhang-pass-2026');
      assert.equal((await body(res)).code, 'subject-disabled');
    } finally {
      await deps.db.update(members).set({ disabled: false }).where(eq(members.employeeNo, 'E1001'));
    }
  });

  test('cookie-authenticated writes need the CSRF token', async () => {
    const b = new Browser(app);
    await b.signIn('E1001', 'zhang-pass-2026');
    const csrf = b.csrf;
    b.csrf = '';
    const res = await b.request('/api/v1/auth/sign-out', { method: 'POST' });
    assert.equal(res.status, 403);
    assert.equal((await body(res)).code, 'csrf-failed');
    b.csrf = csrf;
    assert.equal((await b.request('/api/v1/auth/sign-out', { method: 'POST' })).status, 204);
    assert.equal((await b.request('/api/v1/me')).status, 401, 'signed out');
  });

  test('issue 23: GET /me?optional=true answers nobody with 200 (a cold page logs no failed request); a bad token is \
still refused', async () => {
    const b = new Browser(app);
    assert.equal((await b.request('/api/v1/me')).status, 401, 'plain /me still refuses nobody');
    const probe = await b.request('/api/v1/me?optional=true');
    assert.equal(probe.status, 200);
    assert.deepEqual(await body(probe), {
      subject: null,
      permissions: [],
      mustChangePassword: false,
      csrfToken: null,
      via: 'anonymous',
    });
    await b.signIn('E1001', 'zhang-pass-2026');
    const signedIn = await b.request('/api/v1/me?optional=true');
    assert.equal(signedIn.status, 200);
    assert.equal((await body(signedIn)).subject.employeeNo, 'E1001');
    const bad = await app.request('/api/v1/me?optional=true', { headers: { authorization: 'Bearer not-a-token' } });
    assert.equal(bad.status, 401, 'a credential that fails is never "nobody"');
  });

  test('rate-limits failed sign-ins per account with a clear retry time', async () => {
    const b = new Browser(app, '198.51.100.1');
    for (let i = 0; i < 4; i++) assert.equal((await b.signIn('E1002', 'bad-password-x')).status, 401);
    const fifth = await b.signIn('E1002', 'bad-password-x');
    assert.equal(fifth.status, 401, 'the fifth failure still answers, then locks');
    const locked = await new Browser(app, '198.51.100.2').signIn('E1002', 'bad-password-x');
    assert.equal(locked.status, 429);
    const p = await body(locked);
    assert.equal(p.code, 'too-many-attempts');
    assert.ok(p.retryAfter >= 29 && p.retryAfter <= 30, `retryAfter ${p.retryAfter}`);
    assert.equal(locked.headers.get('retry-after'), String(p.retryAfter));
    assert.match(p.detail, /Try again in \d+ s/);
  });

  test('rate-limits failed sign-ins per address across accounts', async () => {
    const b = new Browser(app, '198.51.100.9');
    for (let i = 0; i < 30; i++) await b.signIn(`someone-${i}`, 'bad-password-x');
    const res = await b.signIn('E1001', 'zhang-pass-2026');
    assert.equal(res.status, 429, 'even the right password waits while the address is locked');
    assert.equal((await new Browser(app, '198.51.100.10').signIn('E1001', 'zhang-pass-2026')).status, 200);
  });

  test('anonymous calls to protected routes are refused with problem+json', async () => {
    const res = await app.request('/api/v1/me');
    assert.equal(res.status, 401);
    assert.equal((await body(res)).code, 'unauthenticated');
  });
});
