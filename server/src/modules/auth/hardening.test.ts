// Issue 13: weak passwords, throttling that could be sidestepped, and the smaller holes the hostile insider found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { demoApp } from '../../testing/demo.js';
import { Browser, body } from '../../testing/http.js';
import { newId } from '../../lib/ids.js';
import { contacts } from '../contacts/schema.js';
import { departments, members } from '../org/schema.js';
import { hashPassword, isCommonPassword } from './passwords.js';

describe('hardening against a hostile insider (issue 13)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};

  before(async () => {
    demo = await demoApp(ids);
    const hash = await hashPassword('Quiet-lantern-4821');
    await demo.deps.db
      .update(members)
      .set({ passwordHash: hash, mustChangePassword: false })
      .where(eq(members.employeeNo, 'E1005'));
    await demo.deps.db
      .update(members)
      .set({ passwordHash: hash, mustChangePassword: false })
      .where(eq(members.employeeNo, 'E1007'));
  });
  after(() => demo.deps.cleanup());

  test('common passwords are refused with their reason; the list holds at least 10,000', async () => {
    for (const pw of ['1234567890', 'password12', 'PASSWORD12', 'qwertyuiop', 'iloveyou123'])
      assert.equal(isCommonPassword(pw), true, pw);
    // Dressed up (review): digits and symbols around a common word, leetspeak, full-width letters, digit runs.
    for (const pw of [
      'Password123!',
      'P@ssw0rd123',
      'Summer2024!',
      'changeme123',
      '\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff4412',
      '0987654321',
    ])
      assert.equal(isCommonPassword(pw), true, pw);
    for (const pw of ['Quiet-lantern-4821', 'correct horse battery staple', 'Dragon-fly-over-the-lake-42'])
      assert.equal(isCommonPassword(pw), false, pw);
    const b = new Browser(demo.app, '198.51.100.77');
    assert.equal((await b.signIn('E1007', 'Quiet-lantern-4821')).status, 200);
    for (const newPassword of ['1234567890', 'password12']) {
      const res = await b.request('/api/v1/auth/password', {
        method: 'POST',
        json: { currentPassword: 'Quiet-lantern-4821', newPassword },
      });
      assert.equal(res.status, 400, newPassword);
      const p = await body(res);
      assert.deepEqual([p.code, p.reason], ['password-too-weak', 'common'], newPassword);
    }
    const personal = await body(
      await b.request('/api/v1/auth/password', {
        method: 'POST',
        json: { currentPassword: 'Quiet-lantern-4821', newPassword: 'bob@example-2026' },
      }),
    );
    assert.equal(personal.reason, 'personal');
    const ok = await b.request('/api/v1/auth/password', {
      method: 'POST',
      json: { currentPassword: 'Quiet-lantern-4821', newPassword: 'Amber-orchard-9153' },
    });
    assert.equal(ok.status, 200);
  });

  test('failures count per member whichever sign-in name is typed: a lock by employee number holds for the e-mail \
too', async () => {
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await new Browser(demo.app, `198.51.100.${100 + i}`).signIn('E1005', 'wrong-guess-xx')).status,
        401,
      );
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await new Browser(demo.app, `198.51.100.${110 + i}`).signIn('ZHAOLIU@example.com', 'wrong-guess-xx')).status,
        401,
      );
    const locked = await new Browser(demo.app, '198.51.100.120').signIn('zhaoliu@example.com', 'Quiet-lantern-4821');
    assert.equal(locked.status, 429, 'five failures in all, by two names: the right password waits too');
    assert.equal((await new Browser(demo.app, '198.51.100.121').signIn('E1005', 'Quiet-lantern-4821')).status, 429);
  });

  test('a burst of parallel guesses is counted before any password is checked: at most the free five get an \
answer', async () => {
    const hash = await hashPassword('Copper-canyon-5512');
    await demo.deps.db
      .update(members)
      .set({ passwordHash: hash, mustChangePassword: false })
      .where(eq(members.employeeNo, 'E1003'));
    const guesses = Array.from({ length: 30 }, (_, i) =>
      new Browser(demo.app, `198.51.100.${140 + (i % 20)}`).signIn(
        'E1003',
        i === 29 ? 'Copper-canyon-5512' : `guess-${i}-xxxx`,
      ),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401 || s === 200).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 429).length, 25);
  });

  test('wrong current passwords on a password change count as failures, and lock the change', async () => {
    const b = new Browser(demo.app, '198.51.100.130');
    const hash = await hashPassword('Silver-harbor-7730');
    await demo.deps.db.update(members).set({ passwordHash: hash }).where(eq(members.employeeNo, 'E1008'));
    assert.equal((await b.signIn('E1008', 'Silver-harbor-7730')).status, 200);
    const change = (currentPassword: string) =>
      b.request('/api/v1/auth/password', {
        method: 'POST',
        json: { currentPassword, newPassword: 'Violet-meadow-2284' },
      });
    for (let i = 0; i < 5; i++) assert.equal((await body(await change(`guess-number-${i}`))).code, 'wrong-password');
    const res = await change('Silver-harbor-7730');
    assert.equal(res.status, 429, 'a stolen session cannot guess the password at leisure');
    assert.equal(
      (await new Browser(demo.app, '198.51.100.131').signIn('E1008', 'Silver-harbor-7730')).status,
      429,
      'sign-in shares the count',
    );
  });

  test('API keys parse exactly and are never accepted from a browser', async () => {
    const { key } = await body(
      await demo.admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'HR system', permissions: ['data.view'] },
      }),
    );
    const me = (authorization: string, origin?: string) =>
      demo.app.request('/api/v1/me', { headers: { authorization, ...(origin ? { origin } : {}) } });
    assert.equal((await me(`Bearer ${key}`)).status, 200);
    for (const variant of [`${key}.x`, `${key}x`, `x${key}`, key.replace('.', '..')]) {
      assert.equal((await me(`Bearer ${variant}`)).status, 401, variant);
    }
    const fromBrowser = await me(`Bearer ${key}`, 'https://evil.example');
    assert.equal(fromBrowser.status, 403);
    assert.equal((await body(fromBrowser)).code, 'origin-not-allowed');
  });

  test("a contact's token does not read the messaging settings", async () => {
    const app = await body(
      await demo.admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Portal', origins: ['https://portal.example.com'] },
      }),
    );
    const contact = { id: newId() };
    await demo.deps.db
      .insert(contacts)
      .values({ id: contact.id, kind: 'customer', name: 'Dana', portalEnabled: true, createdAt: 1, updatedAt: 1 });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: app.id })
      .setIssuer(app.id)
      .setAudience('herald')
      .setSubject(`contact:${contact.id}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(app.secret));
    const res = await demo.app.request('/api/v1/settings/messaging', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 403);
  });

  test('a department admin makes only someone in its subtree the head of a department it manages', async () => {
    const zhang = await demo.as('E1001', 'department-admin', '技术部');
    const [frontEnd] = await demo.deps.db.select().from(departments).where(eq(departments.name, '前端组'));
    const outsider = await zhang.request(`/api/v1/departments/${frontEnd!.id}`, {
      method: 'PATCH',
      json: { headMemberId: ids.E1004 },
    });
    assert.equal(outsider.status, 400, 'Alice is in 市场部');
    assert.deepEqual(
      (await body(outsider)).errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
      ['headMemberId out-of-scope'],
    );
    assert.equal(
      (
        await zhang.request(`/api/v1/departments/${frontEnd!.id}`, {
          method: 'PATCH',
          json: { headMemberId: ids.E1003 },
        })
      ).status,
      200,
    );
  });

  test('an org admin cannot take over the account of someone holding a right it lacks (reset, disable, \
edit)', async () => {
    const orgAdmin = await demo.as('E1002', 'org-admin');
    const created = await body(
      await demo.admin.request('/api/v1/roles', {
        method: 'POST',
        json: { name: 'Flow keepers', permissions: ['approval.admin'] },
      }),
    );
    await demo.admin.request(`/api/v1/members/${ids.E1004}/grants`, { method: 'POST', json: { roleId: created.id } });
    for (const [method, path, json] of [
      ['POST', `/api/v1/members/${ids.E1004}/password`, undefined],
      ['PATCH', `/api/v1/members/${ids.E1004}`, { disabled: true }],
    ] as const) {
      const res = await orgAdmin.request(path, { method, ...(json ? { json } : {}) });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await body(res)).reason, 'beyond-own-rights');
    }
    assert.equal(
      (await orgAdmin.request(`/api/v1/members/${ids.E1003}/password`, { method: 'POST' })).status,
      200,
      'a sender it may reset',
    );
  });

  test('an example path with a NUL character is 404, not 500', async () => {
    for (const path of ['/examples/intranet/%00', '/examples/intranet/a%00b.html', '/examples/intranet/%0a']) {
      const res = await demo.app.request(path);
      assert.equal(res.status, 404, path);
    }
  });
});
