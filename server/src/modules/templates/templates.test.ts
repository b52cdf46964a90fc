import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { departments, members } from '../org/schema.js';

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const textOf = (d: any): string =>
  typeof d?.text === 'string' ? d.text : Array.isArray(d?.content) ? d.content.map(textOf).join('\n') : '';

describe('issue 19: message templates', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let li: Browser; // 李四, 前端组 (inside 技术部), sender
  let alice: Browser; // Alice Chen, 市场部, department admin of 市场部 (message.manage there)
  let wang: Browser; // 王五, 前端组, sender
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    li = await browserAs(app, deps.db, 'E1002', 'sender');
    alice = await browserAs(app, deps.db, 'E1004', 'department-admin', '市场部');
    wang = await browserAs(app, deps.db, 'E1003', 'sender');
    for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
  });
  after(() => deps.cleanup());

  const create = (who: Browser, json: Record<string, unknown>) =>
    who.request('/api/v1/templates', {
      method: 'POST',
      json: { kind: 'internal', subject: '通知', body: doc('内容'), ...json },
    });

  test('issue 19: an organisation template limited to a department reaches its subtree only', async () => {
    const res = await create(admin, {
      scope: 'organisation',
      name: '技术部周会通知',
      subject: '{{name}}，周会改期',
      body: doc('{{name}}您好：本周周会改到 {{date}} 下午。'),
      priority: 'high',
      receiptRequired: true,
      dueInMinutes: 1440,
      departmentIds: [ids['技术部']],
      audience: [{ kind: 'department', targetId: ids['技术部'] }],
    });
    const t = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(t));
    assert.deepEqual(t.audience, [
      { kind: 'department', targetId: ids['技术部'], includeSubdepartments: true, label: '技术部' },
    ]);
    ids.techTemplate = t.id;
    const seen = await body<any>(await li.request('/api/v1/templates'));
    assert.ok(
      seen.items.some((x: any) => x.id === t.id),
      '李四 in 前端组 sees 技术部 templates',
    );
    assert.equal(seen.items.find((x: any) => x.id === t.id).can.edit, false);
    const notSeen = await body<any>(await alice.request('/api/v1/templates'));
    assert.ok(!notSeen.items.some((x: any) => x.id === t.id), 'Alice in 市场部 does not');
    assert.equal((await alice.request(`/api/v1/templates/${t.id}`)).status, 404);
    assert.equal((await alice.request(`/api/v1/templates/${t.id}`, { method: 'DELETE' })).status, 404);
  });

  test('issue 19: message.manage limited to a department manages only templates limited inside it', async () => {
    const everyone = await create(alice, { scope: 'organisation', name: '全员通知' });
    assert.equal(everyone.status, 403);
    assert.equal((await body<any>(everyone)).code, 'forbidden');
    const elsewhere = await create(alice, {
      scope: 'organisation',
      name: '技术部通知',
      departmentIds: [ids['技术部']],
    });
    assert.equal(elsewhere.status, 403);
    const own = await create(alice, { scope: 'organisation', name: '市场部考勤变更', departmentIds: [ids['市场部']] });
    assert.equal(own.status, 201);
    const t = await body<any>(own);
    assert.equal(t.can.edit, true);
    // A member without message.manage saves no organisation template.
    assert.equal((await create(li, { scope: 'organisation', name: '越权' })).status, 403);
    const renamed = await alice.request(`/api/v1/templates/${t.id}`, { method: 'PATCH', json: { name: '市场部考勤' } });
    assert.equal(renamed.status, 200);
    const widened = await alice.request(`/api/v1/templates/${t.id}`, { method: 'PATCH', json: { departmentIds: [] } });
    assert.equal(widened.status, 403, 'nor widens one beyond its reach');
    const unknown = await create(admin, { scope: 'organisation', name: 'x', departmentIds: ['nope'] });
    assert.equal(unknown.status, 400);
    assert.equal((await body<any>(unknown)).errors[0].code, 'unknown-department');
  });

  test('issue 19: a personal template is its owner’s alone, found by pinyin initials, audited', async () => {
    const res = await create(li, { scope: 'personal', name: '停电通知', subject: '停电通知', kind: 'internal' });
    const t = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(t));
    const found = await body<any>(await li.request('/api/v1/templates?q=tdtz'));
    assert.deepEqual(
      found.items.map((x: any) => x.name),
      ['停电通知'],
    );
    const full = await body<any>(await li.request('/api/v1/templates?q=tingdian&scope=personal'));
    assert.equal(full.items.length, 1);
    assert.equal((await wang.request(`/api/v1/templates/${t.id}`)).status, 404, 'another member never sees it');
    assert.equal((await admin.request(`/api/v1/templates/${t.id}`)).status, 404, 'nor does an admin');
    const patch = await wang.request(`/api/v1/templates/${t.id}`, { method: 'PATCH', json: { name: 'x' } });
    assert.equal(patch.status, 404);
    const bad = await create(li, { scope: 'personal', name: 'y', departmentIds: [ids['技术部']] });
    assert.equal(bad.status, 400);
    assert.equal((await li.request(`/api/v1/templates/${t.id}`, { method: 'DELETE' })).status, 204);
    const audit = await deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'template'), eq(auditLog.targetId, t.id)));
    assert.deepEqual(audit.map((a) => a.action).sort(), ['template.create', 'template.delete']);
  });

  test('issue 19: a template body is checked like a message body; bad input is problem+json', async () => {
    const link = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }],
        },
      ],
    };
    const res = await create(li, { scope: 'personal', name: '坏链接', body: link });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    const extra = await create(li, { scope: 'personal', name: '多余', colour: 'red' });
    assert.equal(extra.status, 400);
    assert.equal((await body<any>(extra)).errors[0].code, 'unknown-field');
    // (As the admin: 李四 may not put a contact into a template at all, see the R7 test.)
    const contactInInternal = await create(admin, {
      scope: 'personal',
      name: '外部',
      audience: [{ kind: 'contact', targetId: 'x' }],
    });
    assert.equal(contactInInternal.status, 400);
  });

  test('issue 19: placeholders are filled for each recipient; the sender sees them as written', async () => {
    const sent = await li.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '{{name}}，考勤变更',
        body: doc('{{name}}您好：', '自 {{date}} 起执行，{{ due }} 前确认。'),
        audience: [
          { kind: 'member', targetId: ids.E1003 },
          { kind: 'member', targetId: ids.E1001 },
        ],
        dueAt: Date.UTC(2030, 0, 15, 4),
      },
    });
    const m = await body<any>(sent);
    assert.equal(sent.status, 201, JSON.stringify(m));
    const mine = await body<any>(await wang.request(`/api/v1/messages/${m.id}`));
    assert.equal(mine.subject, '王五，考勤变更');
    const text = textOf(mine.body);
    assert.match(text, /^王五您好：/);
    assert.match(text, /自 \d{4}-\d{2}-\d{2} 起执行，2030-01-1[45] 前确认。/);
    const list = await body<any>(await wang.request('/api/v1/mailbox?limit=5'));
    const row = list.items.find((i: any) => i.message.id === m.id);
    assert.equal(row.message.subject, '王五，考勤变更');
    assert.match(row.message.snippet, /^王五您好：/);
    const senderView = await body<any>(await li.request(`/api/v1/messages/${m.id}`));
    assert.equal(senderView.subject, '{{name}}，考勤变更');
    assert.match(textOf(senderView.body), /\{\{name\}\}您好/);
  });

  test('issue 19, R7: contacts in a template need who may reach them; others see them unnamed', async () => {
    const contact = await body(
      await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: 'SECRET-CUSTOMER Ltd', email: 'secret@example.com' },
      }),
    );
    assert.equal((await li.request(`/api/v1/contacts/${contact.id}`)).status, 403, '李四 may not see contacts');
    const withContact = {
      scope: 'personal',
      name: 'to a customer',
      subject: 'Hello',
      body: doc('Hi'),
      kind: 'external',
      audience: [{ kind: 'contact', targetId: contact.id }],
    };
    const refused = await li.request('/api/v1/templates', { method: 'POST', json: withContact });
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), /SECRET/, 'the refusal names nobody');
    // An organisation template an admin made with a contact: members without the right see that there is one, not who.
    const org = await body(
      await admin.request('/api/v1/templates', {
        method: 'POST',
        json: { ...withContact, scope: 'organisation', name: 'customer notice' },
      }),
    );
    assert.equal(org.audience[0].label, 'SECRET-CUSTOMER Ltd', 'the admin sees the name');
    const seen = await body(await li.request(`/api/v1/templates/${org.id}`));
    assert.deepEqual(
      seen.audience.map((a: { kind: string; label: string }) => [a.kind, a.label]),
      [['contact', '']],
    );
  });

  test('issue 19: an unknown scope is refused', async () => {
    const list = await admin.request('/api/v1/templates?scope=organisation');
    assert.equal(list.status, 200);
    assert.equal((await li.request('/api/v1/templates?scope=nope')).status, 400);
  });
});
