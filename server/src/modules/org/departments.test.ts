import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { body, type Browser } from '../../testing/http.js';
import { grant, memberBrowser } from '../../testing/matrix.js';
import { auditLog } from '../audit/schema.js';
import { memberDepartments, members } from './schema.js';

type Dept = {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  sortOrder: number;
  headMemberId: string | null;
  headName: string | null;
  memberCount: number;
};

describe('departments and positions (R2)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  before(async () => {
    deps = await testDeps();
    const app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
  });
  after(() => deps.cleanup());

  const create = async (name: string, parentId: string | null, index?: number) => {
    const res = await admin.request('/api/v1/departments', {
      method: 'POST',
      json: { name, parentId, ...(index === undefined ? {} : { index }) },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body<Dept>(res);
  };
  const list = async () => (await body<{ items: Dept[] }>(await admin.request('/api/v1/departments'))).items;
  const patch = (id: string, json: unknown) => admin.request(`/api/v1/departments/${id}`, { method: 'PATCH', json });

  test('R2: builds a tree listed parents first, siblings in the order asked for', async () => {
    const hq = await create('总部', null);
    const tech = await create('技术部', hq.id);
    const sales = await create('销售部', hq.id);
    const market = await create('市场部', hq.id, 0);
    await create('前端组', tech.id);
    assert.equal(tech.path, `${hq.path}${tech.id}/`);
    const names = (await list()).map((d) => d.name);
    assert.deepEqual(names, ['总部', '市场部', '技术部', '前端组', '销售部']);
    const dup = await admin.request('/api/v1/departments', {
      method: 'POST',
      json: { name: '技术部', parentId: hq.id },
    });
    assert.equal((await body(dup)).code, 'conflict', 'siblings cannot share a name');
    assert.ok(sales.id && market.id);
  });

  test('R2: moving a department into its own subtree is refused', async () => {
    const all = await list();
    const tech = all.find((d) => d.name === '技术部')!;
    const frontEnd = all.find((d) => d.name === '前端组')!;
    for (const target of [tech.id, frontEnd.id]) {
      const res = await patch(tech.id, { parentId: target });
      assert.equal(res.status, 400);
      assert.equal((await body(res)).code, 'invalid-move');
    }
  });

  test('R2: moving a department carries its whole subtree and renumbers siblings', async () => {
    const all = await list();
    const [hq, tech, frontEnd, sales] = ['总部', '技术部', '前端组', '销售部'].map((n) =>
      all.find((d) => d.name === n)!,
    );
    const res = await patch(tech!.id, { parentId: sales!.id });
    assert.equal(res.status, 200);
    const after = await list();
    const moved = after.find((d) => d.id === frontEnd!.id)!;
    assert.equal(moved.path, `${sales!.path}${tech!.id}/${frontEnd!.id}/`, 'the grandchild path follows');
    assert.deepEqual(
      after.filter((d) => d.parentId === hq!.id).map((d) => [d.name, d.sortOrder]),
      [
        ['市场部', 0],
        ['销售部', 1],
      ],
    );
    // and back, as the first child of HQ
    assert.equal((await patch(tech!.id, { parentId: hq!.id, index: 0 })).status, 200);
    assert.deepEqual(
      (await list()).filter((d) => d.parentId === hq!.id).map((d) => [d.name, d.sortOrder]),
      [
        ['技术部', 0],
        ['市场部', 1],
        ['销售部', 2],
      ],
    );
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'department.move')).limit(1);
    assert.ok(entry?.before && entry.after, 'the move is audited with before and after');
  });

  test('R2: reorders, renames and sets a head', async () => {
    const all = await list();
    const sales = all.find((d) => d.name === '销售部')!;
    const res = await patch(sales.id, { index: 0, name: 'Sales', headMemberId: await adminId() });
    assert.equal(res.status, 200);
    const d = await body<Dept>(res);
    assert.deepEqual([d.name, d.sortOrder, d.headName], ['Sales', 0, 'Super Admin']);
  });

  const adminId = async () => (await deps.db.select().from(members).where(eq(members.employeeNo, 'admin')))[0]!.id;

  test('R2: a department with members is deleted only after moving them (primary and extra)', async () => {
    const all = await list();
    const market = all.find((d) => d.name === '市场部')!;
    const sales = all.find((d) => d.name === 'Sales')!;
    const tech = all.find((d) => d.name === '技术部')!;
    const m1 = await body(
      await admin.request('/api/v1/members', {
        method: 'POST',
        json: { employeeNo: 'M1', name: '赵六', departmentId: market.id },
      }),
    );
    const m2 = await body(
      await admin.request('/api/v1/members', {
        method: 'POST',
        json: { employeeNo: 'M2', name: '孙七', departmentId: tech.id, extraDepartmentIds: [market.id] },
      }),
    );
    assert.equal((await list()).find((d) => d.id === market.id)!.memberCount, 1, 'counts primary members only');
    const refused = await admin.request(`/api/v1/departments/${market.id}`, { method: 'DELETE' });
    assert.equal(refused.status, 409);
    assert.equal((await body(refused)).code, 'department-not-empty');
    const notEmptyTree = await admin.request(`/api/v1/departments/${tech.id}`, { method: 'DELETE' });
    assert.equal((await body(notEmptyTree)).code, 'department-not-empty', 'sub-departments block it too');

    const ok = await admin.request(`/api/v1/departments/${market.id}?moveMembersTo=${sales.id}`, { method: 'DELETE' });
    assert.equal(ok.status, 204);
    const [moved] = await deps.db.select().from(members).where(eq(members.id, m1.id));
    assert.equal(moved!.departmentId, sales.id);
    const extras = await deps.db.select().from(memberDepartments).where(eq(memberDepartments.memberId, m2.id));
    assert.deepEqual(
      extras.map((e) => e.departmentId),
      [sales.id],
    );
    assert.equal(
      (await list()).some((d) => d.id === market.id),
      false,
    );
  });

  test('R2: positions CRUD; a position in use cannot be deleted', async () => {
    const created = await admin.request('/api/v1/positions', { method: 'POST', json: { name: '经理', level: 3 } });
    assert.equal(created.status, 201);
    const p = await body(created);
    const dup = await admin.request('/api/v1/positions', { method: 'POST', json: { name: '经理', level: 2 } });
    assert.equal((await body(dup)).code, 'conflict');
    assert.equal(
      (await body(await admin.request(`/api/v1/positions/${p.id}`, { method: 'PATCH', json: { level: 4 } }))).level,
      4,
    );
    const tech = (await list()).find((d) => d.name === '技术部')!;
    await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'M3', name: 'Pat', departmentId: tech.id, positionId: p.id },
    });
    const inUse = await admin.request(`/api/v1/positions/${p.id}`, { method: 'DELETE' });
    assert.equal(inUse.status, 409);
    assert.equal((await body(inUse)).code, 'in-use');
    const spare = await body(
      await admin.request('/api/v1/positions', { method: 'POST', json: { name: '实习生', level: 0 } }),
    );
    assert.equal((await admin.request(`/api/v1/positions/${spare.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await body(await admin.request('/api/v1/positions'))).items.map((x: { name: string }) => x.name),
      ['经理'],
    );
  });
});

describe('department scope (R2)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
  });
  after(() => deps.cleanup());

  test('R2: a department admin changes only the departments below the root of its subtree', async () => {
    const mk = async (name: string, parentId: string | null) =>
      (await body(await admin.request('/api/v1/departments', { method: 'POST', json: { name, parentId } })))
        .id as string;
    const hq = await mk('总部', null);
    const tech = await mk('技术部', hq);
    const fe = await mk('前端组', tech);
    const market = await mk('市场部', hq);
    const roles = (await body(await admin.request('/api/v1/roles'))).items as Array<{ id: string; builtinKey: string }>;
    const { browser: da, id } = await memberBrowser(app, admin, {
      employeeNo: 'DA',
      name: 'Tech Admin',
      departmentId: tech,
    });
    await grant(admin, id, roles.find((r) => r.builtinKey === 'department-admin')!.id, tech);

    const child = await da.request('/api/v1/departments', { method: 'POST', json: { name: '后端组', parentId: tech } });
    assert.equal(child.status, 201, 'creates inside its subtree');
    const childId = (await body(child)).id;
    assert.equal(
      (await da.request(`/api/v1/departments/${fe}`, { method: 'PATCH', json: { name: 'Web' } })).status,
      200,
    );
    assert.equal(
      (await da.request(`/api/v1/departments/${childId}`, { method: 'PATCH', json: { parentId: fe } })).status,
      200,
      'moves within the subtree',
    );
    assert.equal(
      (await da.request(`/api/v1/departments/${tech}`, { method: 'PATCH', json: { name: 'R&D' } })).status,
      403,
      'not the root itself',
    );
    assert.equal(
      (await da.request(`/api/v1/departments/${childId}`, { method: 'PATCH', json: { parentId: market } })).status,
      403,
      'not out of the subtree',
    );
    assert.equal(
      (await da.request('/api/v1/departments', { method: 'POST', json: { name: 'x', parentId: market } })).status,
      403,
    );
    assert.equal(
      (await da.request('/api/v1/departments', { method: 'POST', json: { name: 'x', parentId: null } })).status,
      403,
    );
    assert.equal((await da.request(`/api/v1/departments/${market}`, { method: 'DELETE' })).status, 403);
    assert.equal((await da.request(`/api/v1/departments/${childId}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await da.request('/api/v1/positions', { method: 'POST', json: { name: 'p', level: 1 } })).status,
      403,
      "positions are the organisation admin's",
    );
  });

  test('GET /departments says which departments the caller may manage', async () => {
    const all = async (b: Browser) =>
      (await body<{ items: Array<Dept & { manageable: boolean }> }>(await b.request('/api/v1/departments'))).items;
    const adminView = await all(admin);
    assert.ok(adminView.length >= 4 && adminView.every((d) => d.manageable === true), 'org.admin: all');
    const byName = (name: string) => adminView.find((d) => d.name === name)!;
    const tech = byName('技术部');
    const roles = (await body(await admin.request('/api/v1/roles'))).items as Array<{ id: string; builtinKey: string }>;
    const { browser: da, id } = await memberBrowser(app, admin, {
      employeeNo: 'DA2',
      name: 'Tech Admin 2',
      departmentId: tech.id,
    });
    await grant(admin, id, roles.find((r) => r.builtinKey === 'department-admin')!.id, tech.id);
    const scoped = await all(da);
    assert.equal(scoped.length, adminView.length, 'everyone still sees the whole tree');
    const manageable = scoped
      .filter((d) => d.manageable)
      .map((d) => d.id)
      .sort();
    assert.deepEqual(
      manageable,
      adminView
        .filter((d) => d.path.startsWith(tech.path))
        .map((d) => d.id)
        .sort(),
      'the granted subtree, its root included',
    );
    assert.ok(manageable.includes(tech.id));
    assert.equal(scoped.find((d) => d.name === '市场部')!.manageable, false);
    assert.equal(scoped.find((d) => d.name === '总部')!.manageable, false);
    const { browser: plain } = await memberBrowser(app, admin, {
      employeeNo: 'PL2',
      name: 'Plain',
      departmentId: tech.id,
    });
    const plainView = await all(plain);
    assert.equal(plainView.length, adminView.length, 'everyone sees the whole tree');
    assert.ok(
      plainView.every((d) => d.manageable === false),
      'no manage permission: none',
    );
  });
});

describe('concurrent department moves', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  before(async () => {
    deps = await testDeps();
    admin = await adminBrowser(createApp(deps), deps.db);
  });
  after(() => deps.cleanup());

  const mk = async (name: string, parentId: string | null) => {
    const res = await admin.request('/api/v1/departments', { method: 'POST', json: { name, parentId } });
    assert.equal(res.status, 201, await res.clone().text());
    return body<Dept>(res);
  };

  test('two crossing moves sent together (A under B, B under A): one succeeds, the other is 400 invalid-move, the tree \
stays intact', async () => {
    const root = await mk('Root', null);
    const a = await mk('A', root.id);
    const b = await mk('B', root.id);
    const a1 = await mk('A1', a.id);
    const b1 = await mk('B1', b.id);
    const [ra, rb] = await Promise.all([
      admin.request(`/api/v1/departments/${a.id}`, { method: 'PATCH', json: { parentId: b.id } }),
      admin.request(`/api/v1/departments/${b.id}`, { method: 'PATCH', json: { parentId: a.id } }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [200, 400], `${await ra.clone().text()} ${await rb.clone().text()}`);
    const loser = ra.status === 400 ? ra : rb;
    assert.equal((await body(loser)).code, 'invalid-move');

    const items = (await body<{ items: Dept[] }>(await admin.request('/api/v1/departments'))).items;
    for (const d of [root, a, b, a1, b1])
      assert.ok(
        items.some((x) => x.id === d.id),
        `${d.name} is still listed`,
      );
    const byId = new Map(items.map((d) => [d.id, d]));
    for (const d of items) {
      const expected = d.parentId ? `${byId.get(d.parentId)!.path}${d.id}/` : `/${d.id}/`;
      assert.equal(d.path, expected, `${d.name}'s path follows its parent`);
    }
  });

  test("a department created under a parent that is moved at the same time gets the parent's final path", async () => {
    const x = await mk('X', null);
    const y = await mk('Y', null);
    const [created, moved] = await Promise.all([
      admin.request('/api/v1/departments', { method: 'POST', json: { name: 'X1', parentId: x.id } }),
      admin.request(`/api/v1/departments/${x.id}`, { method: 'PATCH', json: { parentId: y.id } }),
    ]);
    assert.equal(moved.status, 200);
    assert.equal(created.status, 201);
    const items = (await body<{ items: Dept[] }>(await admin.request('/api/v1/departments'))).items;
    const x1 = items.find((d) => d.name === 'X1')!;
    assert.equal(x1.path, `/${y.id}/${x.id}/${x1.id}/`);
  });
});
