// Issue 13: an organisation admin must not become super admin through an embed app or an API key. Embed apps speak
// only for their audience (R4, R7), checked on every token against the app's registrant's rights as they are now.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { departments, members } from '../org/schema.js';
import { roleGrants, roles } from '../auth/schema.js';
import { newId } from '../../lib/ids.js';

const ORIGIN = 'https://intranet.example.com';

describe('embed app audiences (issue 13, R4)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};
  let orgAdmin: Browser;

  const register = (who: Browser, json: Record<string, unknown>) =>
    who.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Host', origins: [ORIGIN], ...json } });
  type App = { id: string; secret: string };
  const mint = (app: App, sub: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: app.id })
      .setIssuer(app.id)
      .setAudience('herald')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(app.secret));
  const me = async (app: App, sub: string) =>
    demo.app.request('/api/v1/me', { headers: { authorization: `Bearer ${await mint(app, sub)}`, origin: ORIGIN } });
  const reasonOf = async (res: Response) => {
    assert.equal(res.status, 403);
    return (await body(res)).reason as string;
  };
  const departmentId = async (name: string) =>
    (await demo.deps.db.select().from(departments).where(eq(departments.name, name)))[0]!.id;
  const grantRole = async (employeeNo: string, key: string) => {
    const [role] = await demo.deps.db.select().from(roles).where(eq(roles.builtinKey, key));
    const grant = {
      id: newId(),
      memberId: ids[employeeNo]!,
      roleId: role!.id,
      departmentId: null,
      createdAt: Date.now(),
    };
    await demo.deps.db.insert(roleGrants).values(grant);
    return grant.id;
  };

  before(async () => {
    demo = await demoApp(ids);
    orgAdmin = await demo.as('E1006', 'org-admin');
  });
  after(() => demo.deps.cleanup());

  test("an org admin registers contacts-only apps; an app that speaks for members is a super admin's", async () => {
    const created = await register(orgAdmin, { name: 'Portal' });
    assert.equal(created.status, 201);
    const own = await body(created);
    assert.equal(own.audience, 'contacts', 'contacts-only unless said otherwise');
    for (const audience of ['members', 'both']) {
      const res = await register(orgAdmin, { audience });
      assert.equal(await reasonOf(res), 'members-app-super-admin-only', audience);
    }
    const membersApp = await body<App>(await register(demo.admin, { audience: 'members' }));
    // Nor may the org admin take it over: re-key it (the secret names anyone), widen or re-point it.
    assert.equal(
      await reasonOf(await orgAdmin.request(`/api/v1/embed-apps/${membersApp.id}/secret`, { method: 'POST' })),
      'members-app-super-admin-only',
    );
    assert.equal(
      await reasonOf(
        await orgAdmin.request(`/api/v1/embed-apps/${membersApp.id}`, {
          method: 'PATCH',
          json: { origins: ['https://evil.example'] },
        }),
      ),
      'members-app-super-admin-only',
    );
    assert.equal(
      await reasonOf(
        await orgAdmin.request(`/api/v1/embed-apps/${own.id}`, { method: 'PATCH', json: { audience: 'both' } }),
      ),
      'members-app-super-admin-only',
    );
    assert.equal(
      (await orgAdmin.request(`/api/v1/embed-apps/${own.id}/secret`, { method: 'POST' })).status,
      200,
      'its own contacts app it may re-key',
    );
    const entry = await body(
      await demo.admin.request(`/api/v1/audit?action=embed-app.create&targetId=${membersApp.id}`),
    );
    const detail = await body(await demo.admin.request(`/api/v1/audit/${entry.items[0].id}`));
    assert.equal(detail.after.audience, 'members', 'the audience is on the record');
  });

  test('a contacts-only app cannot name a member, not even the super admin: the attack of issue 13', async () => {
    const app = await body<App>(await register(orgAdmin, { name: 'Sneaky' }));
    assert.equal(await reasonOf(await me(app, 'admin')), 'outside-app-audience');
    assert.equal(await reasonOf(await me(app, 'E1001')), 'outside-app-audience');
  });

  test('no app speaks for a super admin, whoever registered it', async () => {
    const app = await body<App>(await register(demo.admin, { audience: 'both' }));
    assert.equal(await reasonOf(await me(app, 'admin')), 'super-admin');
    assert.equal((await me(app, 'E1002')).status, 200);
  });

  test('an app limited to departments speaks only for members there (sub-departments included)', async () => {
    const app = await body<App>(
      await register(demo.admin, { audience: 'members', departmentIds: [await departmentId('技术部')] }),
    );
    assert.equal((await me(app, 'E1002')).status, 200, '李四 is in 前端组, under 技术部');
    assert.equal(await reasonOf(await me(app, 'E1004')), 'outside-app-departments', 'Alice is in 市场部');
    const contactsOnly = await register(demo.admin, {
      audience: 'contacts',
      departmentIds: [await departmentId('技术部')],
    });
    assert.equal(contactsOnly.status, 400, 'departments limit members only');
  });

  test("a member holding more than the app's registrant holds now is refused: a later grant does not widen an old \
app", async () => {
    // 周八 is made a super admin, registers an app for members, then loses the super-admin role.
    const superGrant = await grantRole('E1008', 'super-admin');
    const zhou = await demo.as('E1008');
    const app = await body<App>(await register(zhou, { audience: 'members' }));
    assert.equal((await me(app, 'E1003')).status, 200, 'while the registrant holds everything');
    await demo.deps.db.delete(roleGrants).where(eq(roleGrants.id, superGrant));
    assert.equal((await me(app, 'E1003')).status, 200, '王五 (sender) holds nothing 周八 (external sender) does not');
    await grantRole('E1003', 'org-admin');
    assert.equal(await reasonOf(await me(app, 'E1003')), 'exceeds-registrant', 'org.admin granted later');
    await demo.deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1008!));
    assert.equal(await reasonOf(await me(app, 'E1005')), 'registrant-inactive');
  });
});
