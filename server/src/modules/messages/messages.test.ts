import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { contacts } from '../contacts/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { departments, memberDepartments, members } from '../org/schema.js';
import { messages } from './schema.js';

const doc = (...paragraphs: unknown[][]) => ({
  type: 'doc',
  content: paragraphs.map((content) => ({ type: 'paragraph', content })),
});
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const link = (t: string, href: string) => text(t, [{ type: 'link', attrs: { href } }]);

describe('messages: compose, send, read, edit, recall, delete (R6–R10, R4)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser,
    zhang: Browser,
    li: Browser,
    wang: Browser,
    alice: Browser,
    bob: Browser,
    techAdmin: Browser,
    auditor: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
    zhang = await browserAs(app, deps.db, 'E1001', 'sender'); // 技术部
    li = await browserAs(app, deps.db, 'E1002', null); // 前端组, may not send
    wang = await browserAs(app, deps.db, 'E1003', null); // 前端组
    alice = await browserAs(app, deps.db, 'E1004', null); // 市场部
    bob = await browserAs(app, deps.db, 'E1007', 'external-sender'); // 销售部
    techAdmin = await browserAs(app, deps.db, 'E1006', 'department-admin', '技术部'); // message.manage over 技术部
    auditor = await browserAs(app, deps.db, 'E1008', 'auditor'); // data.view organisation-wide
    // 赵六 (市场部) is also in 前端组: reached twice, delivered once.
    await deps.db.insert(memberDepartments).values({ memberId: ids.E1005!, departmentId: ids['前端组']! });
    ids.contact = newId();
    await deps.db.insert(contacts).values({
      id: ids.contact,
      kind: 'customer',
      name: '王经理',
      company: '甲公司',
      portalEnabled: true,
      searchText: '王经理 wangjingli 甲公司',
      createdAt: 1,
      updatedAt: 1,
    });
  });
  after(() => deps.cleanup());

  const base = () => ({
    kind: 'internal',
    subject: '需求评审',
    body: doc([text('请查看 '), text('附件', [{ type: 'bold' }])]),
    audience: [{ kind: 'member', targetId: ids.E1003 }],
  });
  const send = (b: Browser, patch: Record<string, unknown> = {}, key?: string) =>
    b.request('/api/v1/messages', {
      method: 'POST',
      json: { ...base(), ...patch },
      headers: key ? { 'idempotency-key': key } : {},
    });
  const sent = async (b: Browser, patch: Record<string, unknown> = {}) => {
    const res = await send(b, patch);
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const inbox = async (b: Browser) =>
    (await body(await b.request('/api/v1/mailbox'))).items as Array<{
      message: Record<string, any>;
      state: Record<string, any>;
    }>;
  const fieldCodes = async (res: Response) =>
    ((await body(res)).errors ?? []).map((e: { path: string; code: string }) => `${e.path}:${e.code}`);

  test('R6/R7: departments (with sub-departments), people and groups resolve at send time into one entry per \
person', async () => {
    await deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1008!)); // 周八, 销售部: skipped
    const group = await body(
      await admin.request('/api/v1/groups', {
        method: 'POST',
        json: {
          name: '项目A',
          entries: [
            { kind: 'member', targetId: ids.E1003 },
            { kind: 'department', targetId: ids['销售部'] },
          ],
        },
      }),
    );
    const audience = [
      // 张三 (sender, left out), 李四, 王五, 赵六 (extra)
      { kind: 'department', targetId: ids['技术部'], includeSubdepartments: true },
      { kind: 'member', targetId: ids.E1002 }, // 李四 again
      { kind: 'group', targetId: group.id }, // 王五 again, Bob
    ];
    const preview = await body(
      await zhang.request('/api/v1/messages/audience', { method: 'POST', json: { kind: 'internal', audience } }),
    );
    assert.deepEqual(
      preview.entries.map((e: { count: number }) => e.count),
      [3, 1, 2],
    );
    assert.equal(preview.total, 4);
    // Issue 23: the preview says why 技术部 reaches one fewer than its head count — the sender is left out.
    assert.equal(preview.senderLeftOut, true);
    const others = await body(
      await zhang.request('/api/v1/messages/audience', {
        method: 'POST',
        json: { kind: 'internal', audience: [{ kind: 'member', targetId: ids.E1002 }] },
      }),
    );
    assert.equal(others.senderLeftOut, false);
    const m = await sent(zhang, { audience });
    assert.equal(m.status, 'sent');
    assert.equal(m.recipientCount, 4);
    assert.deepEqual(
      m.audience.map((a: { label: string; count: number }) => [a.label, a.count]),
      [
        ['技术部', 3],
        ['李四', 1],
        ['项目A', 2],
      ],
    );
    const owners = (await deps.db.select({ id: mailbox.ownerId }).from(mailbox).where(eq(mailbox.messageId, m.id)))
      .map((r) => r.id)
      .sort();
    assert.deepEqual(owners, [ids.E1002, ids.E1003, ids.E1005, ids.E1007].sort());
    // Later org changes do not rewrite history.
    await deps.db.update(members).set({ disabled: false }).where(eq(members.id, ids.E1008!));
    assert.equal((await deps.db.select().from(mailbox).where(eq(mailbox.messageId, m.id))).length, 4);
    // Each recipient got a live event, in the same transaction.
    const received = await deps.db.select().from(events).where(eq(events.type, 'message.received'));
    assert.equal(received.filter((e) => (e.payload as { messageId: string }).messageId === m.id).length, 4);
    // The send is on the trail.
    assert.equal(
      (
        await deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'message.send'), eq(auditLog.targetId, m.id)))
      ).length,
      1,
    );
  });

  test('R4/R6: the server refuses kinds the sender may not send and contacts in internal messages', async () => {
    assert.equal((await send(li)).status, 403); // no message.send.internal
    assert.equal(
      (await send(zhang, { kind: 'external', audience: [{ kind: 'contact', targetId: ids.contact }] })).status,
      403,
    );
    const res = await send(bob, {
      audience: [
        { kind: 'contact', targetId: ids.contact },
        { kind: 'department', targetId: 'nope' },
      ],
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await fieldCodes(res), [
      'audience.0.targetId:contact-needs-external',
      'audience.1.targetId:unknown-department',
    ]);
    const ext = await sent(bob, {
      kind: 'external',
      audience: [
        { kind: 'contact', targetId: ids.contact },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    assert.equal(ext.recipientCount, 2);
    const contactEntry = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.messageId, ext.id), eq(mailbox.ownerId, ids.contact!)));
    assert.equal(contactEntry[0]?.ownerKind, 'contact');
    // Only yourself: nobody to deliver to.
    const self = await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1001 }] });
    assert.equal(self.status, 400);
    assert.equal((await body(self)).code, 'no-recipients');
    // Urgent is always urgent priority.
    const urgent = await sent(zhang, { kind: 'urgent', priority: 'normal' });
    assert.equal(urgent.priority, 'urgent');
  });

  test('R8: subject and body are checked; links by scheme, block list, allow list and look-alike hosts', async () => {
    assert.deepEqual(await fieldCodes(await send(zhang, { subject: '  ' })), ['subject:required']);
    assert.deepEqual(await fieldCodes(await send(zhang, { subject: 'x'.repeat(201) })), ['subject:too-long']);
    assert.equal(
      (await send(zhang, { body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } })).status,
      400,
    );
    const bad = await send(zhang, { body: doc([link('点我', 'javascript:alert(1)')]) });
    assert.equal(bad.status, 400);
    assert.match((await fieldCodes(bad)).join(), /link-scheme/);
    assert.equal(
      (
        await admin.request('/api/v1/settings/messaging', {
          method: 'PUT',
          json: { linkBlocklist: ['Evil.example'], linkAllowlist: ['example.com'] },
        })
      ).status,
      200,
    );
    assert.match(
      (await fieldCodes(await send(zhang, { body: doc([link('x', 'https://cdn.evil.example/a')]) }))).join(),
      /link-blocked/,
    );
    const m = await sent(zhang, {
      body: doc([
        link('ok', 'https://docs.example.com/a'),
        link('other', 'https://other.org/'),
        link('paypal', 'https://pаypal.com/'),
      ]),
    });
    assert.deepEqual(
      m.links.map((l: { flag: string | null }) => l.flag),
      [null, 'unlisted', 'lookalike'],
    );
    const marks = m.body.content[0].content.map(
      (n: { marks: Array<{ attrs: { flag: string | null } }> }) => n.marks[0]!.attrs.flag,
    );
    assert.deepEqual(marks, [null, 'unlisted', 'lookalike']);
    await admin.request('/api/v1/settings/messaging', {
      method: 'PUT',
      json: { linkBlocklist: [], linkAllowlist: [] },
    });
  });

  test("R8: @mentions carry the member's current name; an unknown member is refused", async () => {
    const m = await sent(zhang, {
      body: doc([
        text('请 '),
        { type: 'mention', attrs: { id: ids.E1003, label: '<img src=x onerror=alert(1)>' } },
        text(' 看一下'),
      ]),
    });
    assert.equal(m.body.content[0].content[1].attrs.label, '王五');
    assert.deepEqual(
      await fieldCodes(await send(zhang, { body: doc([{ type: 'mention', attrs: { id: 'ghost', label: 'x' } }]) })),
      ['body:unknown-member'],
    );
  });

  test('R10: a retried send with the same Idempotency-Key answers the first message; another body with that key is \
refused', async () => {
    const key = `key-${newId()}`;
    const [a, b] = await Promise.all([send(zhang, {}, key), send(zhang, {}, key)]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    const [ma, mb] = [await body(a), await body(b)];
    assert.equal(ma.id, mb.id);
    assert.equal((a.status === 200 ? a : b).headers.get('idempotency-replayed'), 'true');
    assert.equal((await deps.db.select().from(messages).where(eq(messages.idempotencyKey, key))).length, 1);
    const other = await send(zhang, { subject: '另一条' }, key);
    assert.equal(other.status, 422);
    assert.equal((await body(other)).code, 'idempotency-key-reused');
  });

  test('R9: expiry, receipts and task progress; the sender sees who read, confirmed and how far each got', async () => {
    const dueAt = Date.now() + 86_400_000;
    const m = await sent(zhang, {
      receiptRequired: true,
      expiresInMinutes: 60,
      dueAt,
      audience: [{ kind: 'department', targetId: ids['前端组'] }],
    });
    assert.ok(m.expiresAt >= m.deliveredAt + 3_600_000 - 1);
    assert.equal(m.expiresInMinutes, 60);
    assert.equal((await send(zhang, { expiresInMinutes: 5, expiresAt: Date.now() + 1000 })).status, 400);
    assert.equal((await send(zhang, { dueAt: Date.now() - 1000 })).status, 400);

    assert.equal((await wang.request(`/api/v1/mailbox/${m.id}/confirm`, { method: 'POST' })).status, 200);
    const progress = await wang.request(`/api/v1/mailbox/${m.id}/progress`, {
      method: 'PUT',
      json: { progress: 'in-progress', note: '进行中' },
    });
    assert.equal((await body(progress)).progress, 'in-progress');
    assert.equal((await li.request(`/api/v1/mailbox/${m.id}/read`, { method: 'POST' })).status, 200);
    const receipts = await body(await zhang.request(`/api/v1/messages/${m.id}/recipients`));
    assert.deepEqual(receipts.counts, {
      total: 3,
      read: 2,
      unread: 1,
      confirmed: 1,
      unconfirmed: 2,
      progress: { 'not-started': 2, 'in-progress': 1, done: 0 },
    });
    const wangRow = receipts.items.find((r: { id: string }) => r.id === ids.E1003);
    assert.equal(wangRow.progressNote, '进行中');
    const unconfirmed = await body(await zhang.request(`/api/v1/messages/${m.id}/recipients?state=unconfirmed`));
    assert.equal(unconfirmed.items.length, 2);
    // A recipient does not see the others' receipts; the auditor (data.view) does.
    assert.equal((await wang.request(`/api/v1/messages/${m.id}/recipients`)).status, 403);
    assert.equal((await auditor.request(`/api/v1/messages/${m.id}/recipients`)).status, 200);
    // Progress only on task-like messages; confirmation only where asked.
    const plain = await sent(zhang);
    assert.equal((await wang.request(`/api/v1/mailbox/${plain.id}/confirm`, { method: 'POST' })).status, 409);
    assert.equal(
      (await wang.request(`/api/v1/mailbox/${plain.id}/progress`, { method: 'PUT', json: { progress: 'done' } }))
        .status,
      409,
    );

    // After expiry the content is gone for recipients; the sender keeps the record.
    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(messages.id, m.id));
    const seen = await body(await wang.request(`/api/v1/messages/${m.id}`));
    assert.equal(seen.expired, true);
    assert.equal(seen.subject, '');
    assert.deepEqual(seen.body.content.length, 1);
    assert.equal((await body(await zhang.request(`/api/v1/messages/${m.id}`))).subject, '需求评审');
  });

  test("IDOR: only the sender, recipients and those who oversee the sender's department can see a \
message", async () => {
    const m = await sent(zhang);
    assert.equal((await wang.request(`/api/v1/messages/${m.id}`)).status, 200);
    assert.equal((await alice.request(`/api/v1/messages/${m.id}`)).status, 404);
    assert.equal((await alice.request(`/api/v1/mailbox/${m.id}/read`, { method: 'POST' })).status, 404);
    assert.equal((await alice.request(`/api/v1/messages/${m.id}/thread`)).status, 404);
    assert.equal(
      (await alice.request(`/api/v1/messages/${m.id}/replies`, { method: 'POST', json: { body: doc([text('hi')]) } }))
        .status,
      404,
    );
    assert.equal((await auditor.request(`/api/v1/messages/${m.id}`)).status, 200);
    assert.equal((await techAdmin.request(`/api/v1/messages/${m.id}`)).status, 200); // message.manage over 技术部
    const fromSales = await sent(bob, { audience: [{ kind: 'member', targetId: ids.E1004 }] });
    assert.equal((await techAdmin.request(`/api/v1/messages/${fromSales.id}`)).status, 404); // 销售部 is outside its scope
    assert.ok((await inbox(wang)).some((i) => i.message.id === m.id));
    assert.ok(!(await inbox(alice)).some((i) => i.message.id === m.id));
  });

  test('R4: edit keeps revisions; recipients see "edited"; only the sender or a manager in scope may \
edit', async () => {
    const m = await sent(zhang);
    assert.equal(
      (await wang.request(`/api/v1/messages/${m.id}`, { method: 'PATCH', json: { subject: '改' } })).status,
      403,
    );
    const edited = await body(
      await zhang.request(`/api/v1/messages/${m.id}`, {
        method: 'PATCH',
        json: { subject: '需求评审（改期）', body: doc([text('改到周五')]) },
      }),
    );
    assert.equal(edited.revision, 2);
    assert.ok(edited.editedAt);
    const byManager = await techAdmin.request(`/api/v1/messages/${m.id}`, {
      method: 'PATCH',
      json: { subject: '需求评审（第三版）' },
    });
    assert.equal(byManager.status, 200);
    const seen = await body(await wang.request(`/api/v1/messages/${m.id}`));
    assert.equal(seen.subject, '需求评审（第三版）');
    assert.equal(seen.can.viewRevisions, false);
    assert.equal((await wang.request(`/api/v1/messages/${m.id}/revisions`)).status, 403);
    const revisions = await body(await zhang.request(`/api/v1/messages/${m.id}/revisions`));
    assert.deepEqual(
      revisions.items.map((r: { subject: string }) => r.subject),
      ['需求评审', '需求评审（改期）', '需求评审（第三版）'],
    );
    assert.equal(
      (
        await deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'message.edit'), eq(auditLog.targetId, m.id)))
      ).length,
      2,
    );
    const updates = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'message.updated'), eq(events.audienceId, ids.E1003!)));
    assert.ok(updates.some((e) => (e.payload as { messageId: string }).messageId === m.id));
  });

  test('R4: recall within the window; recipients see "recalled" without content; managers may recall \
later', async () => {
    const m = await sent(zhang);
    assert.equal((await wang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' })).status, 403);
    const recalled = await body(await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' }));
    assert.ok(recalled.recalledAt);
    const seen = await body(await wang.request(`/api/v1/messages/${m.id}`));
    assert.ok(seen.recalledAt);
    assert.equal(seen.subject, '');
    assert.equal(seen.can.reply, false);
    assert.equal((await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' })).status, 409);
    assert.equal(
      (await zhang.request(`/api/v1/messages/${m.id}`, { method: 'PATCH', json: { subject: 'x' } })).status,
      409,
    );

    const old = await sent(zhang);
    await deps.db
      .update(messages)
      .set({ deliveredAt: Date.now() - 25 * 3_600_000 })
      .where(eq(messages.id, old.id));
    const late = await zhang.request(`/api/v1/messages/${old.id}/recall`, { method: 'POST' });
    assert.equal((await body(late)).code, 'recall-window-passed');
    assert.equal((await techAdmin.request(`/api/v1/messages/${old.id}/recall`, { method: 'POST' })).status, 200);
  });

  test('R4: delete removes it for everyone but keeps the record for data.view and the trail', async () => {
    const m = await sent(zhang);
    assert.equal((await wang.request(`/api/v1/messages/${m.id}`, { method: 'DELETE' })).status, 403);
    assert.equal((await zhang.request(`/api/v1/messages/${m.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await wang.request(`/api/v1/messages/${m.id}`)).status, 404);
    assert.equal((await zhang.request(`/api/v1/messages/${m.id}`)).status, 404);
    assert.ok(!(await inbox(wang)).some((i) => i.message.id === m.id));
    assert.ok((await body(await auditor.request(`/api/v1/messages/${m.id}`))).deletedAt);
    assert.equal(
      (
        await deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'message.delete'), eq(auditLog.targetId, m.id)))
      ).length,
      1,
    );
  });

  test('threads: a reply reaches everyone in the thread but the replier; a contact thread needs external rights to \
answer', async () => {
    const m = await sent(zhang, {
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const reply = await wang.request(`/api/v1/messages/${m.id}/replies`, {
      method: 'POST',
      json: { body: doc([text('收到')]) },
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    const r = await body(reply);
    assert.equal(r.subject, 'Re: 需求评审');
    assert.equal(r.threadId, m.id);
    const owners = (await deps.db.select({ id: mailbox.ownerId }).from(mailbox).where(eq(mailbox.messageId, r.id)))
      .map((x) => x.id)
      .sort();
    assert.deepEqual(owners, [ids.E1001, ids.E1004].sort());
    const thread = await body(await alice.request(`/api/v1/messages/${r.id}/thread`));
    assert.deepEqual(
      thread.items.map((x: { id: string }) => x.id),
      [m.id, r.id],
    );

    const ext = await sent(bob, {
      kind: 'external',
      audience: [
        { kind: 'contact', targetId: ids.contact },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    assert.equal(
      (await alice.request(`/api/v1/messages/${ext.id}/replies`, { method: 'POST', json: { body: doc([text('hi')]) } }))
        .status,
      403,
    );
  });

  test("R8: a message carries the sender's own uploads; recipients download them; someone else's upload id is \
refused", async () => {
    const upload = async (b: Browser, name: string, bytes: string) =>
      body(
        await b.request(`/api/v1/attachments?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          body: bytes,
          headers: { 'content-type': 'application/octet-stream' },
        }),
      );
    const mine = await upload(zhang, '会议纪要.txt', '第一条\n第二条\n');
    const theirs = await upload(bob, 'bob.txt', 'secret');
    const refused = await send(zhang, { attachmentIds: [theirs.id] });
    assert.deepEqual(await fieldCodes(refused), ['attachmentIds.0:unknown-attachment']);
    const m = await sent(zhang, { attachmentIds: [mine.id] });
    assert.deepEqual(
      m.attachments.map((a: { name: string; contentType: string }) => [a.name, a.contentType]),
      [['会议纪要.txt', 'text/plain; charset=utf-8']],
    );
    const download = await wang.request(`/api/v1/attachments/${mine.id}`);
    assert.equal(download.status, 200);
    assert.equal(await download.text(), '第一条\n第二条\n');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await alice.request(`/api/v1/attachments/${mine.id}`)).status, 404);
    // The same upload cannot ride on a second message.
    assert.deepEqual(await fieldCodes(await send(zhang, { attachmentIds: [mine.id] })), [
      'attachmentIds.0:unknown-attachment',
    ]);
    await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' });
    assert.equal((await wang.request(`/api/v1/attachments/${mine.id}`)).status, 404);
    assert.deepEqual((await body(await wang.request(`/api/v1/messages/${m.id}`))).attachments, []);
  });

  test('S5–S7: an external contact in the customer portal reads, confirms, downloads and replies; nothing \
else', async () => {
    const ORIGIN = 'https://portal.example.com';
    const appRes = await body(
      await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Portal', origins: [ORIGIN] } }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appRes.id })
      .setIssuer(appRes.id)
      .setAudience('herald')
      .setSubject(`contact:${ids.contact}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(appRes.secret));
    const portal = (path: string, init: RequestInit & { json?: unknown } = {}) =>
      app.request(path, {
        ...init,
        body: init.json !== undefined ? JSON.stringify(init.json) : (init.body ?? null),
        headers: {
          authorization: `Bearer ${token}`,
          origin: ORIGIN,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
      });
    const file = await body(
      await bob.request('/api/v1/attachments?name=quote.csv', { method: 'POST', body: '项目,金额\nA,100\n' }),
    );
    const m = await sent(bob, {
      kind: 'external',
      subject: '报价单',
      receiptRequired: true,
      attachmentIds: [file.id],
      audience: [
        { kind: 'contact', targetId: ids.contact },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const box = await body(await portal('/api/v1/mailbox'));
    assert.equal(box.items[0].message.id, m.id, 'newest first');
    assert.equal((await portal(`/api/v1/mailbox/${m.id}/confirm`, { method: 'POST' })).status, 200);
    assert.equal(await (await portal(`/api/v1/attachments/${file.id}`)).text(), '项目,金额\nA,100\n');
    const reply = await portal(`/api/v1/messages/${m.id}/replies`, {
      method: 'POST',
      json: { body: doc([text('条款确认，谢谢')]) },
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    const r = await body(reply);
    assert.deepEqual(r.sender, { kind: 'contact', id: ids.contact, name: '王经理' });
    const owners = (await deps.db.select({ id: mailbox.ownerId }).from(mailbox).where(eq(mailbox.messageId, r.id)))
      .map((x) => x.id)
      .sort();
    assert.deepEqual(owners, [ids.E1004, ids.E1007].sort());
    assert.equal(
      (await body(await bob.request(`/api/v1/messages/${m.id}/recipients?state=confirmed`))).items[0].name,
      '王经理',
    );
    // A contact starts no conversations, sees no directory and nothing it was not sent.
    assert.equal(
      (
        await portal('/api/v1/messages', {
          method: 'POST',
          json: { ...base(), kind: 'external', audience: [{ kind: 'member', targetId: ids.E1004 }] },
        })
      ).status,
      403,
    );
    assert.equal((await portal('/api/v1/directory?q=li')).status, 403);
    const internal = await sent(zhang);
    assert.equal((await portal(`/api/v1/messages/${internal.id}`)).status, 404);
    // It sees its own place among the recipients, not the organisation's people and departments, nor its messaging
    // settings (link lists, recall window: issue 13).
    assert.deepEqual(
      (await body(await portal(`/api/v1/messages/${m.id}`))).audience.map((a: { kind: string }) => a.kind),
      ['contact'],
    );
    assert.equal((await portal('/api/v1/settings/messaging')).status, 403);
  });

  test('threads close with their first message: no reply after a recall, and replies hide the recalled \
subject', async () => {
    const m = await sent(zhang, {
      subject: '机密主题',
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const r = await body(
      await wang.request(`/api/v1/messages/${m.id}/replies`, { method: 'POST', json: { body: doc([text('收到')]) } }),
    );
    await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' });
    const again = await alice.request(`/api/v1/messages/${r.id}/replies`, {
      method: 'POST',
      json: { body: doc([text('还在吗')]) },
    });
    assert.equal((await body(again)).code, 'message-recalled');
    assert.deepEqual(
      (await body(await alice.request(`/api/v1/messages/${r.id}/thread`))).items.map(
        (x: { subject: string }) => x.subject,
      ),
      ['', ''],
    );
    // the first sender keeps it
    assert.equal((await body(await zhang.request(`/api/v1/messages/${r.id}`))).subject, 'Re: 机密主题');
  });

  test('replies skip people disabled since; edits refuse mentions of disabled members', async () => {
    const m = await sent(zhang, {
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    await deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1004!));
    try {
      const r = await body(
        await wang.request(`/api/v1/messages/${m.id}/replies`, { method: 'POST', json: { body: doc([text('好')]) } }),
      );
      assert.equal(r.recipientCount, 1); // 张三 only
      const edit = await zhang.request(`/api/v1/messages/${m.id}`, {
        method: 'PATCH',
        json: { body: doc([{ type: 'mention', attrs: { id: ids.E1004, label: 'x' } }]) },
      });
      assert.deepEqual(await fieldCodes(edit), ['body:unknown-member']);
    } finally {
      await deps.db.update(members).set({ disabled: false }).where(eq(members.id, ids.E1004!));
    }
  });

  test("R4: a department-scoped manager cannot change a super admin's message sent from inside its \
subtree", async () => {
    await deps.db.update(members).set({ departmentId: ids['前端组'] }).where(eq(members.employeeNo, 'admin'));
    try {
      const m = await sent(admin, { subject: '全员通知' });
      assert.equal(
        (await techAdmin.request(`/api/v1/messages/${m.id}`, { method: 'PATCH', json: { subject: '伪造' } })).status,
        403,
      );
      assert.equal((await techAdmin.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' })).status, 403);
    } finally {
      await deps.db.update(members).set({ departmentId: null }).where(eq(members.employeeNo, 'admin'));
    }
  });

  test('drafts: saved, listed newest first, private, and removed when the message is sent', async () => {
    const d = await body(
      await zhang.request('/api/v1/drafts', { method: 'POST', json: { data: { subject: '草稿' } } }),
    );
    assert.equal(
      (await zhang.request(`/api/v1/drafts/${d.id}`, { method: 'PUT', json: { data: { subject: '草稿2' } } })).status,
      200,
    );
    assert.equal((await body(await zhang.request('/api/v1/drafts'))).items[0].data.subject, '草稿2');
    assert.equal((await wang.request(`/api/v1/drafts/${d.id}`, { method: 'PUT', json: { data: {} } })).status, 404);
    assert.equal(
      (await zhang.request('/api/v1/drafts', { method: 'POST', json: { data: { big: 'x'.repeat(600_000) } } })).status,
      413,
    );
    const deep = await zhang.request('/api/v1/drafts', {
      method: 'POST',
      body: `{"data":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(deep.status, 400);
    await sent(zhang, { draftId: d.id });
    assert.ok(!(await body(await zhang.request('/api/v1/drafts'))).items.some((x: { id: string }) => x.id === d.id));
  });

  test('directory: one search over members (pinyin), departments with head counts, groups, and contacts for external \
senders', async () => {
    const find = async (b: Browser, q: string, kinds?: string) =>
      (await body(await b.request(`/api/v1/directory?q=${encodeURIComponent(q)}${kinds ? `&kinds=${kinds}` : ''}`)))
        .items as Array<Record<string, any>>;
    assert.deepEqual(
      (await find(zhang, 'wangwu')).map((i) => [i.kind, i.name]),
      [['member', '王五']],
    );
    const tech = (await find(zhang, '技术', 'department'))[0]!;
    assert.deepEqual([tech.name, tech.memberCount, tech.memberCountWithSubdepartments], ['技术部', 1, 4]);
    assert.deepEqual((await find(zhang, 'wangjingli')).length, 0);
    assert.deepEqual(
      (await find(bob, 'wangjingli')).map((i) => [i.kind, i.name, i.detail]),
      [['contact', '王经理', '甲公司']],
    );
  });
});
