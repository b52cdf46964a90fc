import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';

describe('R7: external contacts', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let sales: Browser;
  let otherSales: Browser;
  let wang: Record<string, any>;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    sales = await browserAs(app, deps.db, 'E1007', 'external-sender');
    otherSales = await browserAs(app, deps.db, 'E1004', 'external-sender');
  });
  after(() => deps.cleanup());

  test('R7: an external sender adds a contact and owns it; the change is audited', async () => {
    const res = await sales.request('/api/v1/contacts', {
      method: 'POST',
      json: {
        kind: 'customer',
        name: '王经理',
        company: '华东科技有限公司',
        title: '采购经理',
        email: 'Wang@Customer.example',
        phone: '139 0013 9000',
        tags: ['重点客户', '华东', '重点客户'],
      },
    });
    wang = await body(res);
    assert.equal(res.status, 201, JSON.stringify(wang));
    assert.equal(wang.email, 'wang@customer.example');
    assert.equal(wang.phone, '13900139000');
    assert.deepEqual(wang.tags, ['重点客户', '华东']);
    assert.equal(wang.ownerName, 'Bob Li');
    assert.equal(wang.portalEnabled, false);
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contact.create'), eq(auditLog.targetId, wang.id)));
    assert.equal(audit.length, 1);

    await otherSales.request('/api/v1/contacts', {
      method: 'POST',
      json: { kind: 'partner', name: 'Sam Lee', company: 'Supply Co', tags: ['supplier'] },
    });
    const dup = await otherSales.request('/api/v1/contacts', {
      method: 'POST',
      json: { kind: 'customer', name: '另一个王', email: 'wang@customer.example' },
    });
    assert.equal(dup.status, 409);
    const bad = await sales.request('/api/v1/contacts', {
      method: 'POST',
      json: { kind: 'customer', name: 'X', phone: '12345' },
    });
    assert.equal(bad.status, 400);
    assert.equal((await body(bad)).errors[0].path, 'phone');
  });

  test('R7: search by name, pinyin (full and initials), company, e-mail, phone, kind and tag', async () => {
    const names = async (q: string) =>
      (await body(await otherSales.request(`/api/v1/contacts?${q}`))).items.map((c: { name: string }) => c.name);
    assert.deepEqual(await names('q=wangjingli'), ['王经理']);
    assert.deepEqual(await names('q=wjl'), ['王经理']);
    assert.deepEqual(await names('q=华东科技'), ['王经理']);
    assert.deepEqual(await names('q=huadong'), ['王经理'], 'the company is searchable in pinyin too');
    assert.deepEqual(await names('q=13900139'), ['王经理']);
    assert.deepEqual(await names('q=supply'), ['Sam Lee']);
    assert.deepEqual(await names('kind=partner'), ['Sam Lee']);
    assert.deepEqual(await names(`tag=${encodeURIComponent('重点客户')}`), ['王经理']);
    assert.deepEqual(await names('q=%25'), [], 'wildcards are matched literally');
    assert.deepEqual(
      await names(`q=${encodeURIComponent('wjl 华东')}`),
      ['王经理'],
      'every word must match, in any order',
    );
    assert.deepEqual(await names(`q=${encodeURIComponent('wjl supply')}`), []);
    const paged = await body(await otherSales.request('/api/v1/contacts?limit=1'));
    assert.equal(paged.items.length, 1);
    const next = await body(await otherSales.request(`/api/v1/contacts?limit=1&cursor=${paged.nextCursor}`));
    assert.notEqual(next.items[0].id, paged.items[0].id);
    assert.deepEqual((await body(await sales.request('/api/v1/contacts/tags'))).items, [
      'supplier',
      '华东',
      '重点客户',
    ]);
  });

  test('R7: only the owner or an org admin edits; only an org admin grants portal access or changes the \
owner', async () => {
    assert.equal(
      (await otherSales.request(`/api/v1/contacts/${wang.id}`, { method: 'PATCH', json: { title: '总监' } })).status,
      403,
    );
    assert.equal(
      (await sales.request(`/api/v1/contacts/${wang.id}`, { method: 'PATCH', json: { portalEnabled: true } })).status,
      403,
    );
    const edited = await body(
      await sales.request(`/api/v1/contacts/${wang.id}`, {
        method: 'PATCH',
        json: { title: '采购总监', tags: ['华东'] },
      }),
    );
    assert.deepEqual([edited.title, edited.tags], ['采购总监', ['华东']]);
    const granted = await body(
      await admin.request(`/api/v1/contacts/${wang.id}`, { method: 'PATCH', json: { portalEnabled: true } }),
    );
    assert.equal(granted.portalEnabled, true);
    const internalOnly = await browserAs(app, deps.db, 'E1008', 'sender');
    assert.equal(
      (await internalOnly.request('/api/v1/contacts')).status,
      403,
      'internal senders do not see the directory',
    );
  });

  test("R7: a contact's embed token works only while portal access is on and the contact is enabled", async () => {
    const created = await body(
      await admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Portal', origins: ['https://portal.example.com'] },
      }),
    );
    const mint = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: created.id })
        .setIssuer(created.id)
        .setAudience('herald')
        .setSubject(`contact:${wang.id}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(created.secret));
    const me = async () => app.request('/api/v1/me', { headers: { authorization: `Bearer ${await mint()}` } });
    assert.equal((await me()).status, 200);
    await admin.request(`/api/v1/contacts/${wang.id}`, { method: 'PATCH', json: { portalEnabled: false } });
    assert.equal((await me()).status, 403);
    await admin.request(`/api/v1/contacts/${wang.id}`, {
      method: 'PATCH',
      json: { portalEnabled: true, disabled: true },
    });
    const disabled = await me();
    assert.equal((await body(disabled)).code, 'subject-disabled');
  });

  test('R7: two contacts created at the same moment with one e-mail: exactly one is kept', async () => {
    const make = (name: string) =>
      admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name, email: 'Same.Person@Example.com' },
      });
    const statuses = (await Promise.all([make('Twin A'), make('Twin B'), make('Twin C')])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409]);
  });

  test('R7: disabling replaces deletion; disabled contacts leave the default list', async () => {
    const active = (await body(await sales.request('/api/v1/contacts'))).items.map((c: { id: string }) => c.id);
    assert.ok(!active.includes(wang.id));
    const disabled = (await body(await sales.request('/api/v1/contacts?status=disabled'))).items.map(
      (c: { id: string }) => c.id,
    );
    assert.deepEqual(disabled, [wang.id]);
    assert.equal((await sales.request(`/api/v1/contacts/${wang.id}`)).status, 200);
    assert.equal((await sales.request('/api/v1/contacts/nope')).status, 404);
  });
});
