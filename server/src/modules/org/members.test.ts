import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { Browser, body } from '../../testing/http.js';
import { grant, MEMBER_PASSWORD, memberBrowser } from '../../testing/matrix.js';
import { auditLog } from '../audit/schema.js';
import { roles, sessions } from '../auth/schema.js';
import { events } from '../live/schema.js';
import { members } from './schema.js';

type Member = {
  id: string;
  employeeNo: string;
  name: string;
  email: string | null;
  phone: string | null;
  departmentId: string;
  extraDepartmentIds: string[];
  disabled: boolean;
  mustChangePassword: boolean;
};

describe('members', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  const dept: Record<string, string> = {};
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    const mk = async (name: string, parentId: string | null) =>
      (await body(await admin.request('/api/v1/departments', { method: 'POST', json: { name, parentId } })))
        .id as string;
    dept.hq = await mk('总部', null);
    dept.tech = await mk('技术部', dept.hq);
    dept.fe = await mk('前端组', dept.tech);
    dept.market = await mk('市场部', dept.hq);
    const people: Array<[string, string, string, string?, string?]> = [
      ['E1001', '张三', dept.tech!, 'ZhangSan@Example.com', '138 0013 8000'],
      ['E1002', '李四', dept.fe!],
      ['E1003', '王五', dept.fe!],
      ['E1004', 'Alice Chen', dept.market!, 'alice@example.com', '+8613900139000'],
      ['007', '赵六', dept.market!],
    ];
    for (const [employeeNo, name, departmentId, email, phone] of people) {
      const res = await admin.request('/api/v1/members', {
        method: 'POST',
        json: { employeeNo, name, departmentId, email, phone },
      });
      assert.equal(res.status, 201, await res.clone().text());
    }
  });
  after(() => deps.cleanup());

  const find = async (b: Browser, query: string) => {
    const res = await b.request(`/api/v1/members?${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return body<{ items: Member[]; nextCursor: string | null }>(res);
  };
  const names = async (b: Browser, query: string) => (await find(b, query)).items.map((m) => m.name);

  test('pinyin: `zhangsan` and `zs` both find 张三, as do number, e-mail and phone', async () => {
    for (const q of ['zhangsan', 'zs', 'ZhangSan', '张', 'e1001', 'zhangsan@example', '13800138000']) {
      assert.deepEqual(await names(admin, `q=${encodeURIComponent(q)}`), ['张三'], q);
    }
    assert.deepEqual(await names(admin, 'q=alice%20chen'), ['Alice Chen'], 'every word must match');
    assert.deepEqual(await names(admin, 'q=%25'), [], 'LIKE wildcards are literal');
  });

  test('create stores the e-mail lower-case, the phone without spaces, and answers a one-time password', async () => {
    const [zhang] = (await find(admin, 'q=zhangsan')).items;
    assert.equal(zhang!.email, 'zhangsan@example.com');
    assert.equal(zhang!.phone, '13800138000');
    assert.equal(zhang!.mustChangePassword, true);
    const res = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'E2001', name: '钱八', departmentId: dept.tech },
    });
    const created = await body(res);
    assert.equal(typeof created.initialPassword, 'string');
    const [row] = await deps.db.select().from(members).where(eq(members.id, created.id));
    assert.match(row!.passwordHash!, /^\$argon2id\$/);
    assert.ok(
      !JSON.stringify(await deps.db.select().from(auditLog)).includes(created.initialPassword),
      'the password never reaches the audit trail',
    );
    const again = await admin.request(`/api/v1/members/${created.id}`);
    assert.equal('initialPassword' in (await body(again)), false, 'shown once');
  });

  test('formats are checked; duplicate employee numbers (any case) and e-mails are refused', async () => {
    const bad = [
      { employeeNo: 'E 1', name: 'x' },
      { employeeNo: 'E9', name: 'x', phone: '12345' },
      { employeeNo: 'E9', name: 'x', phone: '2800138000' },
      { employeeNo: 'E9', name: 'x', email: 'not-an-email' },
    ];
    for (const draft of bad) {
      const res = await admin.request('/api/v1/members', {
        method: 'POST',
        json: { ...draft, departmentId: dept.tech },
      });
      assert.equal(res.status, 400, JSON.stringify(draft));
      assert.equal((await body(res)).code, 'validation');
    }
    for (const draft of [
      { employeeNo: 'e1001', name: 'x' },
      { employeeNo: 'E9', name: 'x', email: 'ALICE@example.com' },
    ]) {
      const res = await admin.request('/api/v1/members', {
        method: 'POST',
        json: { ...draft, departmentId: dept.tech },
      });
      assert.equal(res.status, 409, JSON.stringify(draft));
      assert.equal((await body(res)).code, 'conflict');
    }
    assert.equal(
      (
        await admin.request('/api/v1/members', {
          method: 'POST',
          json: { employeeNo: '+86-1', name: 'x', departmentId: dept.tech },
        })
      ).status,
      400,
    );
    const ok = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: '0042', name: 'Lead Zero', departmentId: dept.tech, phone: '+442071838750' },
    });
    assert.equal((await body(ok)).employeeNo, '0042', 'leading zeros kept');
  });

  test('keyset pages by employee number, each member once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Member[]; nextCursor: string | null } = await find(
        admin,
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((m) => m.employeeNo));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes('admin') && seen.includes('007'));
  });

  test('filters by department, with its subtree and extra memberships', async () => {
    const [wang] = (await find(admin, 'q=wangwu')).items;
    await admin.request(`/api/v1/members/${wang!.id}`, {
      method: 'PATCH',
      json: { extraDepartmentIds: [dept.market] },
    });
    assert.deepEqual((await names(admin, `departmentId=${dept.tech}`)).sort(), ['Lead Zero', '张三', '钱八'].sort());
    assert.deepEqual((await names(admin, `departmentId=${dept.tech}&subtree=true`)).length, 5);
    assert.ok((await names(admin, `departmentId=${dept.market}`)).includes('王五'), 'extra department counts');
  });

  test('a department admin cannot see members outside the subtree', async () => {
    const [role] = await deps.db.select().from(roles).where(eq(roles.builtinKey, 'department-admin'));
    const { browser: da, id } = await memberBrowser(app, admin, {
      employeeNo: 'DA1',
      name: 'Dept Admin',
      departmentId: dept.fe!,
    });
    await grant(admin, id, role!.id, dept.tech);
    const visible = (await find(da, 'limit=200')).items.map((m) => m.name);
    assert.ok(visible.includes('张三') && visible.includes('李四'));
    assert.ok(!visible.includes('Alice Chen') && !visible.includes('Super Admin'), visible.join());
    const [alice] = (await find(admin, 'q=alice')).items;
    assert.equal((await da.request(`/api/v1/members/${alice!.id}`)).status, 404);
    assert.equal(
      (await da.request(`/api/v1/members/${alice!.id}`, { method: 'PATCH', json: { name: 'x' } })).status,
      404,
    );
    const outside = await da.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'X1', name: 'x', departmentId: dept.market },
    });
    assert.equal(outside.status, 403);
    const inside = await da.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'X2', name: 'x', departmentId: dept.fe },
    });
    assert.equal(inside.status, 201);
    const moveOut = await da.request(`/api/v1/members/${(await body(inside)).id}`, {
      method: 'PATCH',
      json: { departmentId: dept.market },
    });
    assert.equal(moveOut.status, 403, 'cannot move someone out of the subtree');
  });

  test('R4: a new member holds nothing; the detail lists grants and effective permissions', async () => {
    const [li] = (await find(admin, 'q=lisi')).items;
    const fresh = await body(await admin.request(`/api/v1/members/${li!.id}`));
    assert.deepEqual([fresh.grants, fresh.effectivePermissions], [[], []]);
    const [auditor] = await deps.db.select().from(roles).where(eq(roles.builtinKey, 'department-admin'));
    await grant(admin, li!.id, auditor!.id, dept.fe);
    const detail = await body(await admin.request(`/api/v1/members/${li!.id}`));
    assert.deepEqual(
      detail.grants.map((g: { roleName: string; departmentName: string }) => [g.roleName, g.departmentName]),
      [['Department admin', '前端组']],
    );
    assert.deepEqual(detail.effectivePermissions, [
      { permission: 'message.manage', departmentIds: [dept.fe] },
      { permission: 'department.manage', departmentIds: [dept.fe] },
      { permission: 'data.view', departmentIds: [dept.fe] },
    ]);
  });

  test('reset password forces a change and ends sessions', async () => {
    const { browser: m, id } = await memberBrowser(app, admin, {
      employeeNo: 'R1',
      name: 'Reset Me',
      departmentId: dept.tech!,
    });
    assert.equal((await m.request('/api/v1/me')).status, 200);
    const since = (await deps.db.select().from(events)).length;
    const res = await admin.request(`/api/v1/members/${id}/password`, { method: 'POST' });
    assert.equal(res.status, 200);
    const { temporaryPassword } = await body(res);
    assert.equal((await m.request('/api/v1/me')).status, 401, 'the open session ended');
    assert.equal((await deps.db.select().from(sessions).where(eq(sessions.memberId, id))).length, 0);
    const again = new Browser(app);
    const signIn = await again.signIn('R1', temporaryPassword);
    assert.equal((await body(signIn)).mustChangePassword, true);
    assert.equal((await again.request('/api/v1/members')).status, 403);
    const published = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.audienceId, id), gt(events.seq, since)));
    assert.ok(
      published.some((e) => e.type === 'me.updated'),
      'the member hears of it',
    );
  });

  test('disable and enable (never delete): a disabled member cannot sign in; the change is audited', async () => {
    const { browser: m, id } = await memberBrowser(app, admin, {
      employeeNo: 'D1',
      name: 'Disable Me',
      departmentId: dept.tech!,
    });
    const res = await admin.request(`/api/v1/members/${id}`, { method: 'PATCH', json: { disabled: true } });
    assert.equal((await body(res)).disabled, true);
    assert.equal((await m.request('/api/v1/me')).status, 401);
    assert.equal((await body(await new Browser(app).signIn('D1', MEMBER_PASSWORD))).code, 'subject-disabled');
    assert.deepEqual(await names(admin, 'status=disabled'), ['Disable Me']);
    assert.ok(!(await names(admin, 'status=active&limit=200')).includes('Disable Me'));
    await admin.request(`/api/v1/members/${id}`, { method: 'PATCH', json: { disabled: false } });
    assert.equal((await new Browser(app).signIn('D1', MEMBER_PASSWORD)).status, 200);
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    const disable = trail.find((a) => a.action === 'member.disable');
    assert.deepEqual([(disable!.before as Member).disabled, (disable!.after as Member).disabled], [false, true]);
    assert.ok(trail.some((a) => a.action === 'member.enable'));
    const self = await admin.request(`/api/v1/members/${(await find(admin, 'q=admin')).items[0]!.id}`, {
      method: 'PATCH',
      json: { disabled: true },
    });
    assert.equal(self.status, 409, 'nobody disables themselves');
  });

  test('renaming recomputes the pinyin search text', async () => {
    const [zhao] = (await find(admin, 'q=zhaoliu')).items;
    await admin.request(`/api/v1/members/${zhao!.id}`, { method: 'PATCH', json: { name: '周八' } });
    assert.deepEqual(await names(admin, 'q=zhouba'), ['周八']);
    assert.deepEqual(await names(admin, 'q=zhaoliu'), []);
  });

  test('a department admin cannot take over a member whose rights reach beyond its own (an org admin in its \
subtree)', async () => {
    const role = async (key: string) => (await deps.db.select().from(roles).where(eq(roles.builtinKey, key)))[0]!.id;
    const { browser: da, id: daId } = await memberBrowser(app, admin, {
      employeeNo: 'TK0',
      name: 'Tech Admin',
      departmentId: dept.tech!,
    });
    await grant(admin, daId, await role('department-admin'), dept.tech);
    const { browser: orgAdmin, id: oaId } = await memberBrowser(app, admin, {
      employeeNo: 'TK1',
      name: 'Org Admin In Tech',
      departmentId: dept.fe!,
    });
    await grant(admin, oaId, await role('org-admin'));
    const wide = await memberBrowser(app, admin, { employeeNo: 'TK2', name: 'Wide Sender', departmentId: dept.fe! });
    await grant(admin, wide.id, await role('sender'));
    const above = await memberBrowser(app, admin, { employeeNo: 'TK3', name: 'HQ Dept Admin', departmentId: dept.fe! });
    await grant(admin, above.id, await role('department-admin'), dept.hq);
    const peer = await memberBrowser(app, admin, { employeeNo: 'TK4', name: 'FE Dept Admin', departmentId: dept.fe! });
    await grant(admin, peer.id, await role('department-admin'), dept.fe);

    for (const id of [oaId, wide.id, above.id]) {
      const attempts: Array<[string, { method: string; json?: unknown }]> = [
        [`/api/v1/members/${id}/password`, { method: 'POST' }],
        [`/api/v1/members/${id}`, { method: 'PATCH', json: { disabled: true } }],
        [`/api/v1/members/${id}`, { method: 'PATCH', json: { email: `taken-${id.slice(0, 8)}@evil.example` } }],
        [
          `/api/v1/members/${id}`,
          { method: 'PATCH', json: { departmentId: dept.tech, extraDepartmentIds: [dept.fe] } },
        ],
      ];
      for (const [path, init] of attempts) {
        const res = await da.request(path, init);
        assert.equal(res.status, 403, `${init.method} ${path}`);
        const p = await body(res);
        assert.equal(p.code, 'forbidden');
        assert.match(p.detail, /holds rights beyond your own/);
      }
    }
    const [row] = await deps.db.select().from(members).where(eq(members.id, oaId));
    assert.deepEqual(
      [row!.disabled, row!.mustChangePassword, row!.email, row!.departmentId],
      [false, false, null, dept.fe],
    );
    assert.equal((await orgAdmin.request('/api/v1/me')).status, 200, 'the org admin is still signed in');
    // A member whose rights stay inside the caller's subtree is still the caller's to manage; an org admin manages all.
    assert.equal(
      (await da.request(`/api/v1/members/${peer.id}`, { method: 'PATCH', json: { name: 'FE Lead' } })).status,
      200,
    );
    assert.equal((await da.request(`/api/v1/members/${peer.id}/password`, { method: 'POST' })).status, 200);
    assert.equal((await orgAdmin.request(`/api/v1/members/${wide.id}/password`, { method: 'POST' })).status, 200);
    assert.equal(
      (await orgAdmin.request(`/api/v1/members/${above.id}`, { method: 'PATCH', json: { name: 'HQ Lead' } })).status,
      200,
    );
  });
});
