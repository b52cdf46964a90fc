import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { newId } from '../../lib/ids.js';
import { onPrepare } from '../../testing/bench.js';
import { demoApp, textDoc } from '../../testing/demo.js';
import { sqliteOnly } from '../../testing/engine-only.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { contacts } from '../contacts/schema.js';
import { departments } from '../org/schema.js';

const ORIGIN = 'https://portal.example.com';

describe('issue 19 #7: the knowledge space (S4 知识库)', () => {
  let env: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};
  let sun: Browser; // 孙七, 人事部: knowledge publisher for the whole organisation
  let li: Browser; // 李四, 前端组: knowledge publisher for 技术部 only
  let wang: Browser; // 王五, 前端组: sender, no knowledge.publish
  let alice: Browser; // Alice Chen, 市场部: sender
  let zhang: Browser; // 张三, 技术部
  let holidayId: string; // 孙七 → 总部 (everyone)
  let techId: string; // 王五 → 技术部, with a file

  const send = async (who: Browser, json: Record<string, unknown>) => {
    const res = await who.request('/api/v1/messages', { method: 'POST', json: { kind: 'internal', ...json } });
    const m = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(m));
    return (m.message ?? m).id as string;
  };
  const publish = (who: Browser, json: Record<string, unknown>) =>
    who.request('/api/v1/knowledge', { method: 'POST', json });
  const list = async (who: Browser, query = '') => {
    const res = await who.request(`/api/v1/knowledge${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await body<any>(res)).items as any[];
  };

  before(async () => {
    env = await demoApp(ids);
    for (const d of await env.deps.db.select().from(departments)) ids[d.name] = d.id;
    await env.as('E1006', 'sender');
    sun = await env.as('E1006', 'knowledge-publisher');
    await env.as('E1002', 'sender');
    li = await env.as('E1002', 'knowledge-publisher', '技术部');
    wang = await env.as('E1003', 'sender');
    alice = await env.as('E1004', 'sender');
    zhang = await env.as('E1001', 'sender');
    holidayId = await send(sun, {
      subject: '关于春节放假安排的通知',
      body: textDoc('春节放假时间为 2 月 5 日至 2 月 11 日，请提前安排值班。'),
      audience: [{ kind: 'department', targetId: ids['总部'] }],
    });
    const file = await wang.request('/api/v1/attachments?name=' + encodeURIComponent('评审清单.txt'), {
      method: 'POST',
      body: '评审清单：登录流程、消息提醒',
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(file.status, 201, await file.clone().text());
    techId = await send(wang, {
      subject: '前端评审经验总结',
      body: textDoc('评审要点：登录流程和移动端适配。'),
      audience: [{ kind: 'department', targetId: ids['技术部'] }],
      attachmentIds: [(await body<any>(file)).id],
    });
  });
  after(() => env.deps.cleanup());

  test('issue 19 #7: without knowledge.publish, publishing is 403 and the reading pane offers nothing', async () => {
    const res = await publish(wang, { messageId: techId, departmentIds: [ids['技术部']] });
    assert.equal(res.status, 403);
    assert.equal((await body<any>(res)).code, 'forbidden');
    const cap = await body<any>(await wang.request(`/api/v1/knowledge/messages/${techId}`));
    assert.deepEqual(cap.can, { publish: false, unpublish: false });
  });

  test('issue 19 #7: published to everyone, a member created later finds it by a 2-character word', async () => {
    const cap = await body<any>(await sun.request(`/api/v1/knowledge/messages/${holidayId}`));
    assert.deepEqual(cap, { item: null, can: { publish: true, unpublish: false } });
    const tagRes = await env.admin.request('/api/v1/tags', {
      method: 'POST',
      json: { scope: 'organisation', name: '制度通知' },
    });
    const notices = await body<any>(tagRes);
    assert.equal(tagRes.status, 201, JSON.stringify(notices));
    const tagIds = [notices.id];
    const res = await publish(sun, { messageId: holidayId, everyone: true, tagIds });
    const item = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(item));
    assert.equal(item.subject, '关于春节放假安排的通知');
    assert.equal(item.everyone, true);
    assert.equal((await publish(sun, { messageId: holidayId, everyone: true })).status, 409, 'published once');

    // A colleague who joins after it was published and sent: no mailbox entry, yet finds it.
    const created = await body<any>(
      await env.admin.request('/api/v1/members', {
        method: 'POST',
        json: { employeeNo: 'E2001', name: '新同事', departmentId: ids['销售部'] },
      }),
    );
    const newcomer = await env.as('E2001');
    const found = await list(newcomer, `?q=${encodeURIComponent('放假')}`);
    assert.deepEqual(
      found.map((i) => i.id),
      [item.id],
    );
    assert.equal((await list(newcomer, `?q=${encodeURIComponent('春节放假安排')}`)).length, 1, 'trigram search');
    assert.equal((await list(newcomer, `?q=${encodeURIComponent('报销')}`)).length, 0);
    assert.equal((await list(newcomer, `?tagId=${notices.id}`)).length, 1, 'found by tag');
    const counted = await body<any>(await newcomer.request('/api/v1/knowledge/tags'));
    assert.deepEqual(
      counted.items.map((t: any) => [t.id, t.count]),
      [[notices.id, 1]],
      'the tag list counts the items the reader finds',
    );
    const read = await body<any>(await newcomer.request(`/api/v1/knowledge/${item.id}`));
    assert.equal(read.can.unpublish, false);
    assert.match(JSON.stringify(read.body), /春节放假时间/);
    // The newcomer still has no mailbox access to the message itself.
    assert.equal((await newcomer.request(`/api/v1/messages/${holidayId}`)).status, 404);
    assert.ok(created.id);
    const [entry] = await env.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.publish'), eq(auditLog.targetId, holidayId)));
    assert.ok(entry, 'publishing is audited');
  });

  test('issue 19 #7: a department publication reaches its subtree only, files through the item', async () => {
    // 李四's grant covers 技术部: everyone and 市场部 are out of reach (403), 技术部 works for a received message.
    assert.equal((await publish(li, { messageId: techId, everyone: true })).status, 403);
    assert.equal((await publish(li, { messageId: techId, departmentIds: [ids['市场部']] })).status, 403);
    const bad = await publish(li, { messageId: techId, departmentIds: ['no-such'] });
    assert.equal(bad.status, 400);
    const res = await publish(li, { messageId: techId, departmentIds: [ids['技术部']] });
    const item = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(item));
    assert.equal(item.attachments.length, 1);
    const file = item.attachments[0];

    // 张三 in 技术部 finds it; Alice in 市场部 does not, and gets 404 for the item and its file.
    assert.ok((await list(zhang, `?q=${encodeURIComponent('评审')}`)).some((i) => i.id === item.id));
    assert.ok(!(await list(alice)).some((i) => i.id === item.id));
    assert.equal((await alice.request(`/api/v1/knowledge/${item.id}`)).status, 404);
    assert.equal((await alice.request(`/api/v1/knowledge/${item.id}/attachments/${file.id}`)).status, 404);
    assert.equal((await alice.request(`/api/v1/knowledge/${item.id}`, { method: 'DELETE' })).status, 404);

    // A newcomer in 前端组 (below 技术部) downloads the file through the item, not through a mailbox entry.
    await env.admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'E2002', name: '实习生', departmentId: ids['前端组'] },
    });
    const intern = await env.as('E2002');
    assert.equal((await intern.request(`/api/v1/attachments/${file.id}`)).status, 404, 'no mailbox access');
    const download = await intern.request(`/api/v1/knowledge/${item.id}/attachments/${file.id}`);
    assert.equal(download.status, 200);
    assert.equal(await download.text(), '评审清单：登录流程、消息提醒');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    // Another message's file is not reachable through this item.
    assert.equal((await intern.request(`/api/v1/knowledge/${item.id}/attachments/${ids.E1001}`)).status, 404);
    // Someone in reach but not its publisher cannot unpublish it.
    assert.equal((await zhang.request(`/api/v1/knowledge/${item.id}`, { method: 'DELETE' })).status, 403);
  });

  test('issue 19 #7: a recall unpublishes (audited); an expiring message cannot be published', async () => {
    const id = await send(li, {
      subject: '组件库升级说明',
      body: textDoc('组件库升级到 v3。'),
      audience: [{ kind: 'department', targetId: ids['前端组'] }],
    });
    const item = await body<any>(await publish(li, { messageId: id, departmentIds: [ids['前端组']] }));
    assert.ok(item.id);
    assert.equal((await li.request(`/api/v1/messages/${id}/recall`, { method: 'POST' })).status, 200);
    assert.equal((await wang.request(`/api/v1/knowledge/${item.id}`)).status, 404);
    const entries = await env.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.unpublish'), eq(auditLog.targetId, id)));
    assert.deepEqual(entries[0]?.after, { reason: 'recalled' });

    const expiring = await send(li, {
      subject: '今日临时通知',
      body: textDoc('今天下午停电。'),
      expiresInMinutes: 60,
      audience: [{ kind: 'department', targetId: ids['前端组'] }],
    });
    const refused = await publish(li, { messageId: expiring, departmentIds: [ids['前端组']] });
    assert.equal(refused.status, 409);
    // A message the publisher neither sent nor received: 404, its existence is not told.
    const other = await send(alice, {
      subject: '市场部内部',
      body: textDoc('内部'),
      audience: [{ kind: 'department', targetId: ids['市场部'] }],
    });
    assert.equal((await publish(li, { messageId: other, departmentIds: [ids['技术部']] })).status, 404);
  });

  test('issue 19 #7: the publisher unpublishes (audited); it is gone for everyone', async () => {
    const id = await send(li, {
      subject: '代码规范 v2',
      body: textDoc('新的代码规范。'),
      audience: [{ kind: 'department', targetId: ids['技术部'] }],
    });
    const item = await body<any>(await publish(li, { messageId: id, departmentIds: [ids['技术部']] }));
    assert.equal(item.can.unpublish, true);
    const cap = await body<any>(await li.request(`/api/v1/knowledge/messages/${id}`));
    assert.deepEqual(cap.can, { publish: false, unpublish: true });
    assert.equal((await li.request(`/api/v1/knowledge/${item.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await zhang.request(`/api/v1/knowledge/${item.id}`)).status, 404);
    const [entry] = await env.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.unpublish'), eq(auditLog.targetId, id)));
    assert.ok(entry);
  });

  test('issue 19 #7: a member reads the knowledge space with an embed token; a contact is refused', async () => {
    const created = await body<any>(
      await env.admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Knowledge portal', origins: [ORIGIN], audience: 'both' },
      }),
    );
    const mint = (sub: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: created.id })
        .setIssuer(created.id)
        .setAudience('herald')
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(created.secret));
    const call = async (sub: string, path: string) =>
      env.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${await mint(sub)}`, origin: ORIGIN } });
    const asMember = await call('E1003', `/knowledge?q=${encodeURIComponent('放假')}`);
    assert.equal(asMember.status, 200);
    assert.equal((await body<any>(asMember)).items.length, 1);
    const contactId = newId();
    const t = Date.now();
    await env.deps.db
      .insert(contacts)
      .values({ id: contactId, kind: 'customer', name: '陈经理', portalEnabled: true, createdAt: t, updatedAt: t });
    assert.equal((await call(`contact:${contactId}`, '/knowledge')).status, 403);
    assert.equal((await call(`contact:${contactId}`, `/knowledge/messages/${holidayId}`)).status, 403);
  });

  test(
    'issue 15: the list, a search and the tag counts read the published items first, never walking every message',
    sqliteOnly('the plans of the embedded engine, which has no planner statistics'),
    async () => {
      const statements: string[] = [];
      let record = true;
      onPrepare((_conn, text) => {
        if (record && /knowledge_items/.test(text)) statements.push(text);
      });
      await list(zhang);
      await list(zhang, '?q=' + encodeURIComponent('放假安排'));
      assert.equal((await zhang.request('/api/v1/knowledge/tags')).status, 200);
      record = false;
      assert.ok(statements.length >= 3, `${statements.length} statements seen`);
      for (const text of statements) {
        const plan = await env.deps.db.all<{ detail: string }>(sql.raw(`explain query plan ${text}`));
        const messagesRead = plan.filter((r) => /^(SCAN|SEARCH) messages\b/.test(r.detail));
        assert.ok(messagesRead.length, `messages is read: ${text}`);
        for (const r of messagesRead)
          assert.match(r.detail, /^SEARCH messages USING INDEX sqlite_autoindex_messages_1/, text);
      }
    },
  );
});
