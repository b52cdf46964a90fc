import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { body, type Browser } from '../../testing/http.js';
import { grant, memberBrowser } from '../../testing/matrix.js';
import { auditLog } from '../audit/schema.js';
import { events } from '../live/schema.js';
import { roleGrants } from './schema.js';

type Role = { id: string; builtinKey: string | null; name: string; permissions: string[]; memberCount: number };

describe('roles and grants (R4)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let deptId: string;
  const role = async (key: string) =>
    (await body<{ items: Role[] }>(await admin.request('/api/v1/roles'))).items.find(
      (r) => r.builtinKey === key || r.name === key,
    )!;
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    deptId = (
      await body(await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }))
    ).id;
  });
  after(() => deps.cleanup());

  test('R4: lists the built-in roles first, with member counts', async () => {
    const { items } = await body<{ items: Role[] }>(await admin.request('/api/v1/roles'));
    assert.deepEqual(
      items.map((r) => r.builtinKey),
      ['super-admin', 'org-admin', 'department-admin', 'sender', 'external-sender', 'auditor', 'knowledge-publisher'],
    );
    assert.equal(items[0]!.memberCount, 1);
  });

  test('R4: custom roles are built from the permission list; built-in roles cannot change', async () => {
    const res = await admin.request('/api/v1/roles', {
      method: 'POST',
      json: { name: 'Notice writer', permissions: ['message.send.internal', 'message.manage'] },
    });
    assert.equal(res.status, 201);
    const custom = await body<Role>(res);
    assert.deepEqual([custom.builtinKey, custom.memberCount], [null, 0]);
    assert.equal(
      (await admin.request('/api/v1/roles', { method: 'POST', json: { name: 'x', permissions: ['fly'] } })).status,
      400,
    );
    assert.equal(
      (
        await body(
          await admin.request('/api/v1/roles', {
            method: 'POST',
            json: { name: 'notice WRITER', permissions: ['data.view'] },
          }),
        )
      ).code,
      'conflict',
    );
    const renamed = await admin.request(`/api/v1/roles/${custom.id}`, {
      method: 'PATCH',
      json: { permissions: ['message.send.internal'] },
    });
    assert.deepEqual((await body<Role>(renamed)).permissions, ['message.send.internal']);
    const sender = await role('sender');
    for (const req of [{ method: 'PATCH', json: { name: 'Mine' } }, { method: 'DELETE' }]) {
      const r = await admin.request(`/api/v1/roles/${sender.id}`, req);
      assert.equal(r.status, 409);
      assert.equal((await body(r)).code, 'conflict');
    }
  });

  test('R4: a grant gives its permissions (scoped when asked), the member hears of it, revoking takes them \
away', async () => {
    const { browser: m, id } = await memberBrowser(app, admin, {
      employeeNo: 'G1',
      name: 'Grantee',
      departmentId: deptId,
    });
    assert.deepEqual(
      (await body(await m.request('/api/v1/me'))).permissions,
      [],
      'least privilege: a new member holds nothing',
    );
    const seq = (await deps.db.select().from(events)).at(-1)?.seq ?? 0;
    const g = await grant(admin, id, (await role('auditor')).id, deptId);
    assert.deepEqual((await body(await m.request('/api/v1/me'))).permissions, ['data.view']);
    assert.equal(
      (await m.request('/api/v1/audit')).status,
      403,
      'a department-scoped data.view does not open the organisation-wide trail',
    );
    const dup = await admin.request(`/api/v1/members/${id}/grants`, {
      method: 'POST',
      json: { roleId: (await role('auditor')).id, departmentId: deptId },
    });
    assert.equal((await body(dup)).code, 'conflict');
    const heard = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.audienceId, id), gt(events.seq, seq)));
    assert.ok(heard.some((e) => e.type === 'me.updated'));
    assert.equal((await role('auditor')).memberCount, 1);
    assert.equal((await admin.request(`/api/v1/members/${id}/grants/${g.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await body(await m.request('/api/v1/me'))).permissions, []);
    const actions = (await deps.db.select().from(auditLog).where(eq(auditLog.targetId, id))).map((a) => a.action);
    assert.ok(actions.includes('grant.create') && actions.includes('grant.delete'));
  });

  test('R4: only a super admin may grant the super-admin role', async () => {
    const { browser: orgAdmin, id } = await memberBrowser(app, admin, {
      employeeNo: 'OA1',
      name: 'Org Admin',
      departmentId: deptId,
    });
    await grant(admin, id, (await role('org-admin')).id);
    const other = await memberBrowser(app, admin, { employeeNo: 'P1', name: 'Plain', departmentId: deptId });
    const superRole = await role('super-admin');
    const refused = await orgAdmin.request(`/api/v1/members/${other.id}/grants`, {
      method: 'POST',
      json: { roleId: superRole.id },
    });
    assert.equal(refused.status, 403);
    const self = await orgAdmin.request(`/api/v1/members/${id}/grants`, {
      method: 'POST',
      json: { roleId: superRole.id },
    });
    assert.equal(self.status, 403, 'nor to themselves');
    assert.equal(
      (
        await orgAdmin.request(`/api/v1/members/${other.id}/grants`, {
          method: 'POST',
          json: { roleId: (await role('sender')).id },
        })
      ).status,
      201,
    );
    const [adminMember] = (await body(await admin.request('/api/v1/members?q=admin'))).items;
    assert.equal(
      (await orgAdmin.request(`/api/v1/members/${adminMember.id}/password`, { method: 'POST' })).status,
      403,
      "an org admin cannot reset the super admin's password",
    );
    assert.equal(
      (await admin.request(`/api/v1/members/${other.id}/grants`, { method: 'POST', json: { roleId: superRole.id } }))
        .status,
      201,
    );
  });

  test('R4: four eyes — an org admin cannot change their own roles; a super admin can', async () => {
    const { browser: orgAdmin, id } = await memberBrowser(app, admin, {
      employeeNo: 'OA2',
      name: 'Org Admin Two',
      departmentId: deptId,
    });
    const orgAdminGrant = await grant(admin, id, (await role('org-admin')).id);
    const res = await orgAdmin.request(`/api/v1/members/${id}/grants`, {
      method: 'POST',
      json: { roleId: (await role('external-sender')).id },
    });
    assert.equal(res.status, 403);
    assert.match((await body(res)).detail, /own roles/);
    assert.equal(
      (await orgAdmin.request(`/api/v1/members/${id}/grants/${orgAdminGrant.id}`, { method: 'DELETE' })).status,
      403,
    );
    const [adminMember] = (await body(await admin.request('/api/v1/members?q=admin'))).items;
    const own = await admin.request(`/api/v1/members/${adminMember.id}/grants`, {
      method: 'POST',
      json: { roleId: (await role('auditor')).id },
    });
    assert.equal(own.status, 201);
  });

  test('R4: a custom role still granted cannot be deleted', async () => {
    const custom = await body<Role>(
      await admin.request('/api/v1/roles', { method: 'POST', json: { name: 'Temp', permissions: ['data.view'] } }),
    );
    const { id } = await memberBrowser(app, admin, { employeeNo: 'T1', name: 'Temp Holder', departmentId: deptId });
    const g = await grant(admin, id, custom.id);
    assert.equal((await body(await admin.request(`/api/v1/roles/${custom.id}`, { method: 'DELETE' }))).code, 'in-use');
    await admin.request(`/api/v1/members/${id}/grants/${g.id}`, { method: 'DELETE' });
    assert.equal((await admin.request(`/api/v1/roles/${custom.id}`, { method: 'DELETE' })).status, 204);
  });

  test('R4: a role with an organisation-wide permission cannot be limited to a department', async () => {
    const { browser: m, id } = await memberBrowser(app, admin, {
      employeeNo: 'SC1',
      name: 'Scoped Org Admin',
      departmentId: deptId,
    });
    const refused = await admin.request(`/api/v1/members/${id}/grants`, {
      method: 'POST',
      json: { roleId: (await role('org-admin')).id, departmentId: deptId },
    });
    assert.equal(refused.status, 400);
    const p = await body(refused);
    assert.equal(p.code, 'validation');
    assert.deepEqual(
      p.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [['departmentId', 'invalid-value']],
    );
    assert.match(p.detail, /org\.admin/);
    assert.equal(
      (
        await admin.request(`/api/v1/members/${id}/grants`, {
          method: 'POST',
          json: { roleId: (await role('sender')).id, departmentId: deptId },
        })
      ).status,
      400,
      'message.send.internal is organisation-wide too',
    );
    assert.deepEqual((await body(await m.request('/api/v1/me'))).permissions, []);
    assert.equal(
      (await m.request('/api/v1/roles', { method: 'POST', json: { name: 'Mine', permissions: ['org.admin'] } })).status,
      403,
    );
    // A role granted with a department cannot later gain an organisation-wide permission.
    const custom = await body<Role>(
      await admin.request('/api/v1/roles', {
        method: 'POST',
        json: { name: 'Scoped viewer', permissions: ['data.view'] },
      }),
    );
    await grant(admin, id, custom.id, deptId);
    const widened = await admin.request(`/api/v1/roles/${custom.id}`, {
      method: 'PATCH',
      json: { permissions: ['data.view', 'org.admin'] },
    });
    assert.equal(widened.status, 409);
    assert.equal((await body(widened)).code, 'conflict');
    assert.deepEqual(
      (
        await body<Role>(
          await admin.request(`/api/v1/roles/${custom.id}`, {
            method: 'PATCH',
            json: { permissions: ['data.view', 'message.manage'] },
          }),
        )
      ).permissions,
      ['data.view', 'message.manage'],
    );
    assert.deepEqual((await body(await m.request('/api/v1/me'))).permissions, ['message.manage', 'data.view']);
    assert.equal(
      (await m.request('/api/v1/roles', { method: 'POST', json: { name: 'Mine', permissions: ['org.admin'] } })).status,
      403,
    );
  });

  test('R4: a department-limited grant of an organisation-wide permission already in the database counts for \
nothing', async () => {
    const { browser: m, id } = await memberBrowser(app, admin, {
      employeeNo: 'SC2',
      name: 'Legacy Grant',
      departmentId: deptId,
    });
    await deps.db.insert(roleGrants).values({
      id: randomUUID(),
      memberId: id,
      roleId: (await role('org-admin')).id,
      departmentId: deptId,
      createdAt: Date.now(),
    });
    assert.deepEqual((await body(await m.request('/api/v1/me'))).permissions, []);
    assert.equal(
      (await m.request('/api/v1/roles', { method: 'POST', json: { name: 'Legacy', permissions: ['org.admin'] } }))
        .status,
      403,
    );
    assert.equal((await m.request('/api/v1/members')).status, 403);
  });
});
