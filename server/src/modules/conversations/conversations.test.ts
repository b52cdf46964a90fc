import { messages } from '../messages/schema.js';
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
import { signInThrottle } from '../auth/schema.js';
import { contacts } from '../contacts/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { members } from '../org/schema.js';
import { OPEN_LIMIT } from './service.js';

const ORIGIN = 'https://portal.example.com';
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
type Portal = (
  path: string,
  init?: { method?: string; json?: unknown; raw?: Buffer; headers?: Record<string, string> },
) => Promise<Response>;

describe('issue 19 item 5 (S7): conversations opened by customers', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let bob: Browser; // external sender, owns the contacts
  let alice: Browser; // another external sender, in no service group
  let zhou: Browser; // external sender in the service group (by department 销售部)
  let chen: Portal; // the customer
  let wu: Portal; // another customer of Bob's
  let chenId: string;
  let wuId: string;
  let groupId: string;
  const ids: Record<string, string> = {};

  const portalAs = async (contactId: string): Promise<Portal> => {
    const embed = await body<{ id: string; secret: string }>(
      await admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: `Portal ${contactId}`, origins: [ORIGIN] },
      }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(`contact:${contactId}`)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(embed.secret));
    return async (path, init = {}) =>
      app.request(path, {
        method: init.method ?? 'GET',
        body: init.json !== undefined ? JSON.stringify(init.json) : init.raw ? new Uint8Array(init.raw) : null,
        headers: {
          authorization: `Bearer ${token}`,
          origin: ORIGIN,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      });
  };

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
    bob = await browserAs(app, deps.db, 'E1007', 'external-sender');
    alice = await browserAs(app, deps.db, 'E1004', 'external-sender');
    zhou = await browserAs(app, deps.db, 'E1008', 'external-sender');
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    const made = async (name: string) => {
      const res = await bob.request('/api/v1/contacts', { method: 'POST', json: { kind: 'customer', name } });
      const id = (await body<{ id: string }>(res)).id;
      await deps.db.update(contacts).set({ portalEnabled: true }).where(eq(contacts.id, id));
      return id;
    };
    chenId = await made('陈经理');
    chen = await portalAs(chenId);
    wuId = await made('吴先生');
    wu = await portalAs(wuId);
    const group = await body<{ id: string }>(
      await admin.request('/api/v1/groups', {
        method: 'POST',
        json: {
          name: '售后服务组',
          entries: [
            { kind: 'member', targetId: ids.E1008 },
            { kind: 'contact', targetId: chenId },
          ],
        },
      }),
    );
    groupId = group.id;
  });
  after(() => deps.cleanup());

  test('a contact opens a conversation with their owner: it reaches the owner, the queue and the record', async () => {
    const targets = await body<any>(await chen('/api/v1/conversations/targets'));
    assert.deepEqual(targets, { owner: { name: 'Bob Li' }, groups: [] }, 'no service group chosen yet');
    const res = await chen('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'owner', subject: ' 发票抬头有误 ', body: doc('请帮忙重开发票') },
    });
    const opened = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(opened));
    assert.equal(opened.subject, '发票抬头有误');
    assert.equal(opened.status, 'open');
    assert.equal(opened.target, 'owner');
    assert.equal(opened.contact.name, '陈经理');
    // Delivered as a message thread in the owner's inbox, from the contact.
    const [copy] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.messageId, opened.id), eq(mailbox.ownerId, ids.E1007!)));
    assert.ok(copy, "in Bob's mailbox");
    const thread = await body<any>(await bob.request(`/api/v1/messages/${opened.id}/thread`));
    assert.equal(thread.items[0].sender.name, '陈经理');
    const queue = await body<any>(await bob.request('/api/v1/conversations?status=open'));
    assert.deepEqual(
      queue.items.map((c: any) => c.id),
      [opened.id],
    );
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'conversation.open'), eq(auditLog.targetId, opened.id)));
    assert.equal(audit?.actorId, chenId);
    const live = await deps.db.select().from(events).where(eq(events.type, 'conversation.opened'));
    assert.deepEqual(live.map((e) => e.audienceId).sort(), [chenId, ids.E1007].sort(), 'the contact and the owner');
    // Nobody else: another sender, another customer.
    assert.equal((await alice.request(`/api/v1/conversations/${opened.id}`)).status, 404);
    assert.deepEqual((await body<any>(await alice.request('/api/v1/conversations'))).items, []);
    assert.equal((await wu(`/api/v1/conversations/${opened.id}`)).status, 404);
    assert.deepEqual((await body<any>(await wu('/api/v1/conversations'))).items, []);
    // An org admin sees the whole queue.
    assert.equal((await admin.request(`/api/v1/conversations/${opened.id}`)).status, 200);
    ids.ownerConversation = opened.id;
  });

  test('status follows replies (staff → waiting, customer → open); resolve and reopen by hand, audited', async () => {
    const id = ids.ownerConversation!;
    const status = async () => (await body<any>(await bob.request(`/api/v1/conversations/${id}`))).status;
    const reply = (who: Browser | Portal, text: string) =>
      typeof who === 'function'
        ? who(`/api/v1/messages/${id}/replies`, { method: 'POST', json: { body: doc(text) } })
        : who.request(`/api/v1/messages/${id}/replies`, { method: 'POST', json: { body: doc(text) } });
    assert.equal((await reply(bob, '已重开，请查收')).status, 201);
    assert.equal(await status(), 'waiting');
    assert.equal((await reply(chen, '收到，但金额不对')).status, 201);
    assert.equal(await status(), 'open');
    const resolved = await bob.request(`/api/v1/conversations/${id}`, {
      method: 'PATCH',
      json: { status: 'resolved' },
    });
    assert.equal((await body<any>(resolved)).status, 'resolved');
    assert.equal((await reply(chen, '还有一个问题')).status, 201);
    assert.equal(await status(), 'open', 'a customer reply reopens a resolved conversation');
    // The customer cannot set the status; bad values are problem+json.
    const refused = await chen(`/api/v1/conversations/${id}`, { method: 'PATCH', json: { status: 'resolved' } });
    assert.equal(refused.status, 403);
    const bad = await bob.request(`/api/v1/conversations/${id}`, { method: 'PATCH', json: { status: 'done' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json');
    const trail = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'conversation.status'), eq(auditLog.targetId, id)));
    assert.deepEqual(
      trail.map((a) => [(a.before as any).status, (a.after as any).status]),
      [
        ['open', 'waiting'],
        ['waiting', 'open'],
        ['open', 'resolved'],
        ['resolved', 'open'],
      ],
    );
    const changes = await deps.db.select().from(events).where(eq(events.type, 'conversation.changed'));
    assert.ok(changes.some((e) => e.audienceId === chenId && (e.payload as any).status === 'waiting'));
  });

  test('service groups: only an org admin chooses them; a group conversation reaches its members only', async () => {
    const put = { method: 'PUT', json: { groupIds: [groupId] } };
    assert.equal((await bob.request('/api/v1/conversations/settings', put)).status, 403);
    const unknown = await admin.request('/api/v1/conversations/settings', { method: 'PUT', json: { groupIds: ['x'] } });
    assert.equal(unknown.status, 400);
    const ok = await admin.request('/api/v1/conversations/settings', put);
    assert.deepEqual((await body<any>(ok)).groups, [{ id: groupId, name: '售后服务组' }]);
    assert.deepEqual((await body<any>(await chen('/api/v1/conversations/targets'))).groups, [
      { id: groupId, name: '售后服务组' },
    ]);
    const missing = await chen('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'group', subject: '退货', body: doc('x') },
    });
    assert.equal(missing.status, 400);
    const other = await chen('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'group', groupId: 'not-offered', subject: '退货', body: doc('x') },
    });
    assert.deepEqual(
      (await body<any>(other)).errors.map((e: any) => e.code),
      ['unknown-group'],
    );
    const res = await wu('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'group', groupId, subject: '退货申请', body: doc('货物破损') },
    });
    const opened = await body<any>(res);
    assert.equal(res.status, 201, JSON.stringify(opened));
    assert.equal(opened.group.name, '售后服务组');
    const holders = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, opened.id));
    assert.deepEqual(
      holders.map((h) => h.ownerId),
      [ids.E1008],
      "the group's member; never the group's contact (陈经理)",
    );
    assert.equal((await chen(`/api/v1/conversations/${opened.id}`)).status, 404);
    // Zhou is in the group: it is in his queue; Bob owns the contact: in his too; Alice: neither.
    assert.ok(
      (await body<any>(await zhou.request('/api/v1/conversations'))).items.some((c: any) => c.id === opened.id),
    );
    assert.ok((await body<any>(await bob.request('/api/v1/conversations'))).items.some((c: any) => c.id === opened.id));
    assert.equal((await alice.request(`/api/v1/conversations/${opened.id}`)).status, 404);
    ids.groupConversation = opened.id;
  });

  test('assignee: self or a group member, audited; anyone else refused; filters by assignee', async () => {
    const id = ids.groupConversation!;
    const choices = await body<any>(await zhou.request(`/api/v1/conversations/${id}/assignees`));
    assert.deepEqual(choices.items.map((m: any) => m.name).sort(), ['Bob Li', '周八'].sort());
    const refused = await zhou.request(`/api/v1/conversations/${id}`, {
      method: 'PATCH',
      json: { assigneeId: ids.E1004 },
    });
    assert.equal(refused.status, 400);
    const res = await zhou.request(`/api/v1/conversations/${id}`, { method: 'PATCH', json: { assigneeId: ids.E1008 } });
    assert.deepEqual((await body<any>(res)).assignee, { id: ids.E1008, name: '周八' });
    const mine = await body<any>(await zhou.request('/api/v1/conversations?assignee=me'));
    assert.deepEqual(
      mine.items.map((c: any) => c.id),
      [id],
    );
    const unassigned = await body<any>(await bob.request('/api/v1/conversations?assignee=none'));
    assert.ok(!unassigned.items.some((c: any) => c.id === id));
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'conversation.assign'), eq(auditLog.targetId, id)));
    assert.deepEqual(audit?.after, { assigneeId: ids.E1008 });
    assert.equal((await alice.request(`/api/v1/conversations/${id}/assignees`)).status, 404);
  });

  test('review (item 1): who works a conversation reads its thread and files and answers it; nobody else', async () => {
    // A fresh group conversation with the customer's file: delivered to the group's member Zhou only.
    const up = await wu('/api/v1/attachments?name=photo.pdf', {
      method: 'POST',
      raw: Buffer.from('%PDF-1.4\n% damaged goods\n'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(up.status, 201, await up.clone().text());
    const customerFile = (await body<{ id: string }>(up)).id;
    const res = await wu('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'group', groupId, subject: '破损照片', body: doc('见附件'), attachmentIds: [customerFile] },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const id = (await body<{ id: string }>(res)).id;
    const holders = async () =>
      (await deps.db.select().from(mailbox).where(eq(mailbox.threadId, id))).map((h) => h.ownerId);
    assert.deepEqual(await holders(), [ids.E1008], 'only Zhou holds a copy');
    const thread = (who: Browser) => who.request(`/api/v1/messages/${id}/thread`);
    const file = (who: Browser, fileId: string) => who.request(`/api/v1/attachments/${fileId}`);
    const reply = (who: Browser, text: string, attachmentIds?: string[]) =>
      who.request(`/api/v1/messages/${id}/replies`, {
        method: 'POST',
        json: { body: doc(text), ...(attachmentIds ? { attachmentIds } : {}) },
      });
    // Zhou answers with a file of his own.
    const staffUp = await zhou.request('/api/v1/attachments?name=label.pdf', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n% return label\n'),
    });
    const staffFile = (await body<{ id: string }>(staffUp)).id;
    assert.equal((await reply(zhou, '请用附件的退货单', [staffFile])).status, 201);

    // (a) Bob owns the contact but is not in the group and holds no copy: he reads every message and file, and answers.
    const read = await body<any>(await thread(bob));
    assert.deepEqual(
      read.items.map((m: any) => m.sender.name),
      ['吴先生', '周八'],
    );
    assert.equal(read.items[0].mine, null, 'no copy was made');
    assert.equal(read.items[0].can.reply, true);
    assert.equal((await file(bob, customerFile)).status, 200);
    assert.equal((await file(bob, staffFile)).status, 200);
    assert.equal((await bob.request(`/api/v1/messages/${id}`)).status, 200);
    assert.equal((await reply(bob, '我是您的客户经理，已安排补发')).status, 201);
    const [wuCopy] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.threadId, id), eq(mailbox.ownerKind, 'contact')));
    assert.ok(wuCopy, "Bob's reply reached the customer");

    // Nobody else: a member outside (Alice), and the group's contact entry (陈经理, another customer).
    assert.equal((await thread(alice)).status, 404);
    assert.equal((await file(alice, customerFile)).status, 404);
    assert.equal((await reply(alice, 'x')).status, 404);
    assert.equal((await chen(`/api/v1/messages/${id}/thread`)).status, 404);
    assert.equal((await chen(`/api/v1/attachments/${customerFile}`)).status, 404);

    // (b) Alice joins the group after delivery: she works it now, reads it and may be assigned (c).
    const entries = (extra: string[]) => [
      { kind: 'member', targetId: ids.E1008 },
      ...extra.map((targetId) => ({ kind: 'member', targetId })),
      { kind: 'contact', targetId: chenId },
    ];
    const setGroup = async (extra: string[]) =>
      assert.equal(
        (await admin.request(`/api/v1/groups/${groupId}`, { method: 'PATCH', json: { entries: entries(extra) } }))
          .status,
        200,
      );
    await setGroup([ids.E1004!]);
    assert.equal((await thread(alice)).status, 200);
    assert.equal((await file(alice, staffFile)).status, 200);
    const assigned = await zhou.request(`/api/v1/conversations/${id}`, {
      method: 'PATCH',
      json: { assigneeId: ids.E1004 },
    });
    assert.equal(assigned.status, 200, await assigned.clone().text());
    // Removed from the group, she still works it as its assignee; unassigned too, she is a stranger again.
    await setGroup([]);
    assert.equal((await thread(alice)).status, 200, 'the assignee');
    assert.equal(
      (await zhou.request(`/api/v1/conversations/${id}`, { method: 'PATCH', json: { assigneeId: null } })).status,
      200,
    );
    assert.equal((await thread(alice)).status, 404, 'removed and unassigned');
    assert.equal((await file(alice, customerFile)).status, 404);
    assert.equal((await reply(alice, 'x')).status, 404);
    assert.ok(!(await holders()).includes(ids.E1004!), 'no copy was ever given to her');

    // (d) An org admin oversees every conversation: reads and answers it.
    assert.equal((await thread(admin)).status, 200);
    assert.equal((await reply(admin, '管理员跟进')).status, 201);
    const final = await body<any>(await thread(bob));
    assert.deepEqual(
      final.items.map((m: any) => m.sender.name),
      ['吴先生', '周八', 'Bob Li', 'Super Admin'],
    );
  });

  test('review (item 3): a customer sees the assignee by name only; POST is idempotent and rate-limited', async () => {
    // Assigned to Zhou (the assignee test): the customer's list and the live change name no member id.
    const id = ids.groupConversation!;
    const theirs = await body<any>(await wu(`/api/v1/conversations/${id}`));
    assert.deepEqual(theirs.assignee, { name: '周八' });
    assert.deepEqual((await body<any>(await zhou.request(`/api/v1/conversations/${id}`))).assignee, {
      id: ids.E1008,
      name: '周八',
    });
    await zhou.request(`/api/v1/conversations/${id}`, { method: 'PATCH', json: { status: 'resolved' } });
    const told = (await deps.db.select().from(events).where(eq(events.type, 'conversation.changed'))).filter(
      (e) => (e.payload as any).conversationId === id,
    );
    const toCustomer = told.filter((e) => e.audienceKind === 'contact');
    assert.ok(toCustomer.length > 0);
    assert.ok(
      toCustomer.every((e) => !('assigneeId' in (e.payload as object))),
      'no member id to the customer',
    );
    assert.ok(told.some((e) => e.audienceKind === 'member' && (e.payload as any).assigneeId === ids.E1008));

    // Idempotency-Key: a retry answers the first conversation (200, marked), another body with it is 422.
    const open = (key: string, subject: string) =>
      wu('/api/v1/conversations', {
        method: 'POST',
        json: { to: 'owner', subject, body: doc('重试') },
        headers: { 'idempotency-key': key },
      });
    const first = await open('open-1', '网络重试');
    assert.equal(first.status, 201);
    const again = await open('open-1', '网络重试');
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal((await body<any>(again)).id, (await body<any>(first)).id);
    const opened = await deps.db.select().from(messages).where(eq(messages.subject, '网络重试'));
    assert.equal(opened.length, 1, 'one conversation');
    const reused = await open('open-1', '另一个问题');
    assert.equal(reused.status, 422);
    assert.equal((await body<any>(reused)).code, 'idempotency-key-reused');

    // Rate limit: the customer has opened all but one of a window's conversations; the last goes, the next is 429.
    const key = `conversation-open:${wuId}`;
    await deps.db.delete(signInThrottle).where(eq(signInThrottle.key, key));
    await deps.db
      .insert(signInThrottle)
      .values({ key, failures: OPEN_LIMIT.freeFailures - 1, windowStartedAt: Date.now(), lockedUntil: 0 });
    assert.equal((await open('open-2', '最后一个')).status, 201);
    // Review: a retry of an answered request gets its answer back, also at the limit (it is not counted).
    const retried = await open('open-2', '最后一个');
    assert.equal(retried.status, 200, await retried.clone().text());
    assert.equal(retried.headers.get('idempotency-replayed'), 'true');
    const limited = await open('open-3', '太多了');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json');
    assert.equal((await body<any>(limited)).code, 'too-many-attempts');
    await deps.db.delete(signInThrottle).where(eq(signInThrottle.key, key));
  });

  test('review: an inline image must be one of its own files (issue 20 #9), else 400 and nothing stored', async () => {
    const res = await chen('/api/v1/conversations', {
      method: 'POST',
      json: {
        to: 'owner',
        subject: '截图',
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'image', attrs: { attachmentId: '0123456789abcdef0123456789abcdef', alt: 'x.png' } }],
            },
          ],
        },
      },
    });
    assert.equal(res.status, 400, await res.clone().text());
    const problem = await body<any>(res);
    assert.equal(problem.errors[0].code, 'unknown-attachment', JSON.stringify(problem));
    const stored = await deps.db.select().from(messages).where(eq(messages.subject, '截图'));
    assert.equal(stored.length, 0);
  });

  test('members cannot open a customer conversation; contacts cannot read the queue settings', async () => {
    const res = await bob.request('/api/v1/conversations', {
      method: 'POST',
      json: { to: 'owner', subject: 'x', body: doc('x') },
    });
    assert.equal(res.status, 403);
    assert.equal((await chen('/api/v1/conversations/settings')).status, 403);
    assert.equal((await chen(`/api/v1/conversations/${ids.ownerConversation}/assignees`)).status, 403);
    assert.equal((await bob.request('/api/v1/conversations/targets')).status, 403);
  });
});
