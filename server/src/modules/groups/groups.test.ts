import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { contacts } from '../contacts/schema.js';
import { browserAs } from '../imports/testing.js';
import { departments, memberDepartments, members } from '../org/schema.js';

describe('groups: named recipient sets, temporary groups (S9)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
    ids.contact = newId();
    await deps.db
      .insert(contacts)
      .values({ id: ids.contact, kind: 'customer', name: '王经理', createdAt: 1, updatedAt: 1 });
    // 赵六 (市场部) also belongs to 前端组: reached twice, counted once.
    await deps.db.insert(memberDepartments).values({ memberId: ids.E1005!, departmentId: ids['前端组']! });
  });
  after(() => deps.cleanup());

  const create = (b: Browser, json: unknown) => b.request('/api/v1/groups', { method: 'POST', json });

  test('memberCount is resolved at read time: de-duplicated, sub-departments when asked, disabled members left \
out', async () => {
    const res = await create(admin, {
      name: '项目A',
      description: '跨部门项目',
      entries: [
        { kind: 'department', targetId: ids['技术部'], includeSubdepartments: true }, // 张三, 李四, 王五 (+ 赵六 via 前端组)
        { kind: 'member', targetId: ids.E1002 }, // 李四 again
        { kind: 'member', targetId: ids.E1004 }, // Alice
        { kind: 'contact', targetId: ids.contact },
      ],
    });
    const g = await body(res);
    assert.equal(res.status, 201, JSON.stringify(g));
    assert.deepEqual([g.entryCount, g.memberCount, g.contactCount, g.ended], [4, 5, 1, false]);
    assert.deepEqual(
      g.entries.map((e: { name: string }) => e.name).sort(),
      ['Alice Chen', '技术部', '李四', '王经理'].sort(),
    );

    const flat = await body(
      await create(admin, {
        name: '技术部本部',
        entries: [{ kind: 'department', targetId: ids['技术部'], includeSubdepartments: false }],
      }),
    );
    assert.equal(flat.memberCount, 1, 'only 张三 sits in 技术部 itself');

    await deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1003!));
    const again = await body(await admin.request(`/api/v1/groups/${g.id}`));
    assert.equal(again.memberCount, 4, 'a disabled member is no recipient');
    await deps.db.update(members).set({ disabled: false }).where(eq(members.id, ids.E1003!));
    assert.ok(
      (await deps.db.select().from(auditLog).where(eq(auditLog.targetId, g.id))).some(
        (a) => a.action === 'group.create',
      ),
    );
  });

  test('S9: a temporary group leaves the listing once it ends, unless includeEnded', async () => {
    const crisis = await body(
      await create(admin, {
        name: '故障应急组',
        endsAt: Date.now() + 60_000,
        entries: [{ kind: 'member', targetId: ids.E1001 }],
      }),
    );
    const names = async (q = '') =>
      (await body(await admin.request(`/api/v1/groups?${q}`))).items.map((g: { name: string }) => g.name);
    assert.ok((await names()).includes('故障应急组'));
    await admin.request(`/api/v1/groups/${crisis.id}`, { method: 'PATCH', json: { endsAt: Date.now() - 1 } });
    assert.ok(!(await names()).includes('故障应急组'));
    const all = (await body(await admin.request('/api/v1/groups?includeEnded=true'))).items;
    assert.equal(all.find((g: { name: string }) => g.name === '故障应急组').ended, true);
    assert.deepEqual(await names(`q=${encodeURIComponent('应急')}`), []);
    assert.deepEqual(await names(`q=${encodeURIComponent('应急')}&includeEnded=true`), ['故障应急组']);
  });

  test('PATCH replaces entries; DELETE removes the group; unknown targets are named', async () => {
    const g = await body(await create(admin, { name: '临时', entries: [{ kind: 'member', targetId: ids.E1001 }] }));
    const patched = await body(
      await admin.request(`/api/v1/groups/${g.id}`, {
        method: 'PATCH',
        json: {
          name: '临时2',
          entries: [
            { kind: 'member', targetId: ids.E1007 },
            { kind: 'member', targetId: ids.E1008 },
          ],
        },
      }),
    );
    assert.deepEqual([patched.name, patched.memberCount], ['临时2', 2]);
    const bad = await admin.request(`/api/v1/groups/${g.id}`, {
      method: 'PATCH',
      json: { entries: [{ kind: 'department', targetId: 'nope' }] },
    });
    assert.equal(bad.status, 400);
    assert.equal((await body(bad)).errors[0].path, 'entries.0.targetId');
    assert.equal((await admin.request(`/api/v1/groups/${g.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await admin.request(`/api/v1/groups/${g.id}`)).status, 404);
  });

  test('who may: any member reads; org.admin and department.manage create; a department admin changes only their own \
groups; contacts need message.send.external', async () => {
    const sender = await browserAs(app, deps.db, 'E1008', 'sender');
    assert.equal((await sender.request('/api/v1/groups')).status, 200);
    assert.equal((await create(sender, { name: 'x', entries: [] })).status, 403);
    const deptAdmin = await browserAs(app, deps.db, 'E1002', 'department-admin', '技术部');
    const own = await create(deptAdmin, {
      name: '前端周会',
      entries: [{ kind: 'department', targetId: ids['前端组'] }],
    });
    assert.equal(own.status, 201);
    const byAdmin = await body(await create(admin, { name: '管理层', entries: [] }));
    assert.equal(
      (await deptAdmin.request(`/api/v1/groups/${byAdmin.id}`, { method: 'PATCH', json: { name: 'mine' } })).status,
      403,
    );
    assert.equal(
      (
        await deptAdmin.request(`/api/v1/groups/${(await body(own)).id}`, {
          method: 'PATCH',
          json: { name: '前端例会' },
        })
      ).status,
      200,
    );
    assert.equal(
      (await create(deptAdmin, { name: '客户群', entries: [{ kind: 'contact', targetId: ids.contact }] })).status,
      403,
    );
  });

  test("a department admin's group reaches only their subtree; names of contacts stay with those who may see \
them", async () => {
    const deptAdmin = await browserAs(app, deps.db, 'E1002', 'department-admin', '技术部');
    const outside = await create(deptAdmin, {
      name: '跨部门',
      entries: [
        { kind: 'department', targetId: ids['市场部'] },
        { kind: 'member', targetId: ids.E1007 },
      ],
    });
    assert.equal(outside.status, 403);
    assert.deepEqual(
      (await body(outside)).errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [
        ['entries.0.targetId', 'out-of-scope'],
        ['entries.1.targetId', 'out-of-scope'],
      ],
    );
    assert.equal(
      (await create(deptAdmin, { name: '技术例会', entries: [{ kind: 'member', targetId: ids.E1003 }] })).status,
      201,
    );

    const withContact = await body(
      await create(admin, {
        name: '客户沟通',
        entries: [
          { kind: 'contact', targetId: ids.contact },
          { kind: 'member', targetId: ids.E1001 },
        ],
      }),
    );
    const sender = await browserAs(app, deps.db, 'E1008', 'sender');
    const seen = await body(await sender.request(`/api/v1/groups/${withContact.id}`));
    assert.deepEqual(
      seen.entries.map((e: { kind: string; name: string }) => [e.kind, e.name]),
      [
        ['contact', ''],
        ['member', '张三'],
      ],
    );
    const byAdmin = await body(await admin.request(`/api/v1/groups/${withContact.id}`));
    assert.equal(byAdmin.entries.find((e: { kind: string }) => e.kind === 'contact').name, '王经理');
  });
});
