import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { contacts } from '../contacts/schema.js';
import { messages } from '../messages/schema.js';
import { mailboxTags, tags } from '../tags/schema.js';
import { MailboxFilterSchema, selectMatching, TRASH_KEEP_MS } from './query.js';
import { mailbox } from './schema.js';

type Item = { message: Record<string, any>; state: Record<string, any> };
type Page = { items: Item[]; nextCursor: string | null; total: number | null; pinned: Item[] | null };

describe('inbox: views, filters, search, paging, counts (R9, R11–R14)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let zhang: Browser, bob: Browser, wang: Browser, li: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, app, as } = await demoApp(ids));
    [zhang, bob, wang, li] = await Promise.all([
      as('E1001', 'sender'),
      as('E1007', 'external-sender'),
      as('E1003'),
      as('E1002'),
    ]);
  });
  after(() => deps.cleanup());

  /** Sends to 王五 (and whoever else `audience` names); returns the message id. */
  const send = async (from: Browser, patch: Record<string, unknown> = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '例行',
        body: doc('内容'),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const list = async (b: Browser, params: Record<string, string | number | boolean> = {}) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const res = await b.request(`/api/v1/mailbox${qs ? `?${qs}` : ''}`);
    assert.equal(res.status, 200, await res.clone().text());
    return body<Page>(res);
  };
  const idsOf = (page: Page) => page.items.map((i) => i.message.id);
  /** A fresh window: entries delivered from now on, so each test sees only its own messages (and `from` combines). */
  const since = () => Date.now() - 1;
  const setEntry = (messageId: string, values: Partial<typeof mailbox.$inferInsert>, ownerId = ids.E1003!) =>
    deps.db
      .update(mailbox)
      .set(values)
      .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, ownerId)));
  const addTag = async (name: string, parentId: string | null, ownerId: string | null = null) => {
    const id = newId();
    await deps.db.insert(tags).values({ id, ownerId, parentId, name, createdAt: Date.now(), updatedAt: Date.now() });
    return id;
  };
  /** As a batch `tag` writes it: the assignment carries its entry's delivery time (the tag filter matches on it). */
  const tagEntry = async (messageId: string, tagId: string, ownerId = ids.E1003!) => {
    const [entry] = await deps.db
      .select({ deliveredAt: mailbox.deliveredAt })
      .from(mailbox)
      .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, ownerId)));
    await deps.db
      .insert(mailboxTags)
      .values({ ownerId, messageId, tagId, deliveredAt: entry!.deliveredAt, createdAt: Date.now() });
  };

  test('R13 views: inbox (not archived/deleted), archived, trash (deleted in the last 30 days), all (not \
deleted)', async () => {
    const from = since();
    const plain = await send(zhang),
      archived = await send(zhang),
      trashed = await send(zhang),
      old = await send(zhang);
    await setEntry(archived, { archivedAt: Date.now() });
    await setEntry(trashed, { deletedAt: Date.now() });
    await setEntry(old, { deletedAt: Date.now() - TRASH_KEEP_MS - 60_000 });
    assert.deepEqual(idsOf(await list(wang, { from })), [plain]);
    assert.deepEqual(idsOf(await list(wang, { from, view: 'inbox' })), [plain]);
    assert.deepEqual(idsOf(await list(wang, { from, view: 'archived' })), [archived]);
    assert.deepEqual(idsOf(await list(wang, { from, view: 'trash' })), [trashed]);
    assert.deepEqual(idsOf(await list(wang, { from, view: 'all' })).sort(), [plain, archived].sort());
    const state = (await list(wang, { from, view: 'trash' })).items[0]!.state;
    assert.equal(typeof state.deletedAt, 'number');
    // A message its sender deleted is gone from every view.
    const gone = await send(zhang);
    assert.equal((await zhang.request(`/api/v1/messages/${gone}`, { method: 'DELETE' })).status, 204);
    for (const view of ['inbox', 'all', 'trash', 'archived'])
      assert.ok(!idsOf(await list(wang, { from, view })).includes(gone), view);
  });

  test('R13 each filter alone: unread, priority, needsConfirmation, hasAttachments, senderId, from/to', async () => {
    const from = since();
    const read = await send(zhang);
    await wang.request(`/api/v1/mailbox/${read}/read`, { method: 'POST' });
    const urgent = await send(zhang, { kind: 'urgent' });
    const high = await send(zhang, { priority: 'high' });
    const receipt = await send(zhang, { receiptRequired: true });
    const confirmed = await send(zhang, { receiptRequired: true });
    await wang.request(`/api/v1/mailbox/${confirmed}/confirm`, { method: 'POST' });
    const recalledReceipt = await send(zhang, { receiptRequired: true });
    assert.equal((await zhang.request(`/api/v1/messages/${recalledReceipt}/recall`, { method: 'POST' })).status, 200);
    const file = await body(
      await zhang.request('/api/v1/attachments?name=plan.csv', { method: 'POST', body: 'a,b\n1,2\n' }),
    );
    const withFile = await send(zhang, { attachmentIds: [file.id] });
    const fromBob = await send(bob);
    const all = [read, urgent, high, receipt, confirmed, recalledReceipt, withFile, fromBob];
    assert.deepEqual(idsOf(await list(wang, { from })), [...all].reverse());
    assert.deepEqual(
      new Set(idsOf(await list(wang, { from, unread: true }))),
      new Set(all.filter((x) => x !== read && x !== confirmed)),
    );
    assert.deepEqual(idsOf(await list(wang, { from, unread: false })).length, all.length, 'unread=false is no filter');
    assert.deepEqual(idsOf(await list(wang, { from, priority: 'urgent' })), [urgent]);
    assert.deepEqual(idsOf(await list(wang, { from, priority: 'high' })), [high]);
    assert.deepEqual(idsOf(await list(wang, { from, needsConfirmation: true })), [receipt]);
    assert.deepEqual(idsOf(await list(wang, { from, hasAttachments: true })), [withFile]);
    assert.deepEqual(idsOf(await list(wang, { from, senderId: ids.E1007! })), [fromBob]);
    const entries = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, ids.E1003!), inArray(mailbox.messageId, [urgent, high])));
    const at = (id: string) => entries.find((e) => e.messageId === id)!.deliveredAt;
    assert.deepEqual(idsOf(await list(wang, { from: at(urgent), to: at(high) + 1 })).sort(), [urgent, high].sort());
    assert.deepEqual(idsOf(await list(wang, { from: at(high), to: at(high) + 1 })), [high]);
    const states = (await list(wang, { from })).items;
    assert.equal(states.find((i) => i.message.id === receipt)!.state.needsConfirmation, true);
    assert.equal(states.find((i) => i.message.id === recalledReceipt)!.state.needsConfirmation, false);
    assert.equal(states.find((i) => i.message.id === urgent)!.state.pinned, true);
  });

  test('R11/R13 tag filter: a tag with its subtags (default) or alone; with the other views; not in the \
trash', async () => {
    const from = since();
    const project = await addTag(`项目${from}`, null),
      projectA = await addTag('项目A', project),
      talk = await addTag('需求沟通', projectA);
    const [a, b, c, d] = [await send(zhang), await send(zhang), await send(zhang), await send(zhang)];
    await tagEntry(a, project);
    await tagEntry(b, projectA);
    await tagEntry(c, talk);
    await tagEntry(c, projectA);
    await setEntry(c, { archivedAt: Date.now() });
    assert.deepEqual(new Set(idsOf(await list(wang, { from, tagId: project }))), new Set([a, b]));
    assert.deepEqual(new Set(idsOf(await list(wang, { from, tagId: project, view: 'all' }))), new Set([a, b, c]));
    assert.deepEqual(idsOf(await list(wang, { from, tagId: project, subtags: false, view: 'all' })), [a]);
    assert.deepEqual(idsOf(await list(wang, { from, tagId: talk, view: 'archived' })), [c]);
    assert.deepEqual(
      idsOf(await list(wang, { from, tagId: projectA, view: 'all', subtags: 'false' })).sort(),
      [b, c].sort(),
    );
    assert.ok(!idsOf(await list(wang, { from, tagId: project })).includes(d));
    const tagged = (await list(wang, { from, view: 'all' })).items.find((i) => i.message.id === c)!;
    assert.deepEqual(new Set(tagged.state.tagIds), new Set([talk, projectA]));
    assert.equal((await wang.request(`/api/v1/mailbox?view=trash&tagId=${project}`)).status, 400);
  });

  test('R13 filters combine: view × unread × priority × sender × tag × dates × search', async () => {
    const from = since();
    const tag = await addTag(`组合${from}`, null);
    const hit = await send(zhang, { priority: 'high', subject: '季度预算 combo' });
    const readOne = await send(zhang, { priority: 'high', subject: '季度预算 combo' });
    await wang.request(`/api/v1/mailbox/${readOne}/read`, { method: 'POST' });
    const normal = await send(zhang, { subject: '季度预算 combo' });
    const other = await send(bob, { priority: 'high', subject: '季度预算 combo' });
    const archived = await send(zhang, { priority: 'high', subject: '季度预算 combo' });
    await setEntry(archived, { archivedAt: Date.now() });
    for (const m of [hit, readOne, normal, other, archived]) await tagEntry(m, tag);
    const q = { from, unread: true, priority: 'high', senderId: ids.E1001!, tagId: tag, q: '季度 combo' };
    assert.deepEqual(idsOf(await list(wang, q)), [hit]);
    assert.deepEqual(idsOf(await list(wang, { ...q, view: 'archived' })), [archived]);
    assert.deepEqual(new Set(idsOf(await list(wang, { ...q, view: 'all' }))), new Set([hit, archived]));
    assert.deepEqual(idsOf(await list(wang, { ...q, to: from })), []);
    // The same WHERE serves batch and export.
    const matching = await selectMatching(deps.db, ids.E1003!, MailboxFilterSchema.parse({ ...q, view: 'all' }), 1);
    assert.deepEqual(matching, { messageIds: [archived], count: 2 });
  });

  test('R13 keyset paging is stable across pages (ties on deliveredAt, inserts meanwhile); total on the first page \
only', async () => {
    const from = since();
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) sent.push(await send(zhang, { subject: `分页 ${i}` }));
    // Three entries delivered at the same millisecond: the id breaks the tie.
    const tie = Date.now() + 5;
    for (const m of sent.slice(2, 5)) await setEntry(m, { deliveredAt: tie });
    const expected = (
      await deps.db
        .select()
        .from(mailbox)
        .where(and(eq(mailbox.ownerId, ids.E1003!), inArray(mailbox.messageId, sent)))
    )
      .sort((x, y) => y.deliveredAt - x.deliveredAt || (y.messageId < x.messageId ? -1 : 1))
      .map((e) => e.messageId);
    const first = await list(wang, { from, limit: 3 });
    assert.equal(first.total, 7);
    assert.ok(first.nextCursor);
    const seen = idsOf(first);
    const newer = await send(zhang, { subject: '分页 新' }); // arrives while paging: not in the pages already under way
    // Delivered after the tie, which lies 5 ms ahead: a fast send could otherwise land before it (issue 15 made sends
    // fast).
    await setEntry(newer, { deliveredAt: tie + 1 });
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = await list(wang, { from, limit: 3, cursor });
      assert.equal(page.total, null);
      assert.equal(page.pinned, null);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, expected);
    assert.ok(!seen.includes(newer));
    assert.equal((await list(wang, { from, limit: 200 })).total, 8);
  });

  test('R13 pinned: urgent inbox entries not yet read, or not yet confirmed when a receipt is required (first page, \
plain inbox)', async () => {
    const from = since();
    const unreadUrgent = await send(zhang, { kind: 'urgent' });
    const readUrgent = await send(zhang, { kind: 'urgent' });
    await wang.request(`/api/v1/mailbox/${readUrgent}/read`, { method: 'POST' });
    const unconfirmed = await send(zhang, { kind: 'urgent', receiptRequired: true });
    await wang.request(`/api/v1/mailbox/${unconfirmed}/read`, { method: 'POST' });
    const confirmed = await send(zhang, { kind: 'urgent', receiptRequired: true });
    await wang.request(`/api/v1/mailbox/${confirmed}/confirm`, { method: 'POST' });
    const archivedUrgent = await send(zhang, { kind: 'urgent' });
    await setEntry(archivedUrgent, { archivedAt: Date.now() });
    const recalledUrgent = await send(zhang, { kind: 'urgent' });
    await zhang.request(`/api/v1/messages/${recalledUrgent}/recall`, { method: 'POST' });
    const page = await list(wang);
    const pinned = page.pinned!.map((i) => i.message.id);
    assert.deepEqual(
      pinned.filter((id) =>
        [unreadUrgent, readUrgent, unconfirmed, confirmed, archivedUrgent, recalledUrgent].includes(id),
      ),
      [unconfirmed, unreadUrgent],
    );
    assert.ok(page.pinned!.every((i) => i.state.pinned === true));
    assert.ok(page.pinned!.length <= 20);
    assert.deepEqual((await list(wang, { from })).pinned, [], 'only without other filters');
    assert.deepEqual((await list(wang, { view: 'all' })).pinned, []);
  });

  test('R13 search in Chinese: 2-character terms by substring, longer ones through the trigram index; several terms \
all match', async () => {
    const from = since();
    const talk = await send(zhang, { subject: '项目A需求沟通会', body: doc('请准备材料') });
    const needs = await send(zhang, { subject: '周报', body: doc('本周需求已评审') });
    const other = await send(zhang, { subject: '午餐', body: doc('食堂菜单') });
    assert.deepEqual(idsOf(await list(wang, { from, q: '需求沟通' })), [talk]);
    assert.deepEqual(idsOf(await list(wang, { from, q: '需求' })), [needs, talk]);
    assert.deepEqual(idsOf(await list(wang, { from, q: '需求 评审' })), [needs]);
    assert.deepEqual(idsOf(await list(wang, { from, q: '需求 菜单' })), []);
    assert.deepEqual(idsOf(await list(wang, { from, q: '菜' })), [other]);
    assert.deepEqual(idsOf(await list(wang, { from, q: '准备材料' })), [talk], 'body text');
  });

  test('R13 search in English is case-insensitive, finds attachment names, and FTS syntax in q is \
harmless', async () => {
    const from = since();
    const file = await body(
      await zhang.request('/api/v1/attachments?name=Budget-Plan.csv', { method: 'POST', body: 'a,b\n1,2\n' }),
    );
    const report = await send(zhang, { subject: 'Quarterly REPORT', body: doc('Please Review the numbers') });
    const attached = await send(zhang, { subject: '附件', attachmentIds: [file.id] });
    assert.deepEqual(idsOf(await list(wang, { from, q: 'report' })), [report]);
    assert.deepEqual(idsOf(await list(wang, { from, q: 'quarterly review' })), [report]);
    assert.deepEqual(idsOf(await list(wang, { from, q: 'Re' })), [report], 'short English term, case-insensitive');
    assert.deepEqual(idsOf(await list(wang, { from, q: 'budget-plan' })), [attached]);
    assert.deepEqual(idsOf(await list(wang, { from, q: 'N.' })), [attached], 'short term in an attachment name');
    for (const q of [
      '"',
      '""',
      'report OR budget',
      'NEAR(report budget)',
      'report*',
      'subject:report',
      '^report',
      '(report',
      'a"b',
      '-report',
      'report AND',
      "'; drop table mailbox; --",
    ]) {
      const res = await wang.request(`/api/v1/mailbox?from=${from}&q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${q}: ${await res.clone().text()}`);
      const found = idsOf(await body<Page>(res));
      if (q === 'report OR budget' || q === 'NEAR(report budget)')
        assert.deepEqual(found, [], `${q} is text, not syntax`);
    }
    assert.equal((await list(wang, { from, q: 'quarterly' })).items.length, 1);
  });

  test('R9/R13 recalled, deleted and expired messages are never found by recipients (expired even before the \
sweep)', async () => {
    const from = since();
    const recalled = await send(zhang, { subject: '隐藏测试 recalled' });
    const deleted = await send(zhang, { subject: '隐藏测试 deleted' });
    const expired = await send(zhang, { subject: '隐藏测试 expired', expiresInMinutes: 60 });
    const visible = await send(zhang, { subject: '隐藏测试 visible' });
    await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' });
    await zhang.request(`/api/v1/messages/${deleted}`, { method: 'DELETE' });
    const past = Date.now() - 1000;
    await deps.db.update(messages).set({ expiresAt: past }).where(eq(messages.id, expired));
    await setEntry(expired, { expiresAt: past });
    for (const q of ['隐藏测试', '隐藏', 'recalled', 'expired', 'deleted', 're']) {
      assert.deepEqual(
        idsOf(await list(wang, { from, q })).filter((id) => id !== visible),
        [],
        q,
      );
    }
    // Still listed (recalled and expired with their content hidden), never the deleted one.
    const listed = await list(wang, { from });
    assert.deepEqual(new Set(idsOf(listed)), new Set([recalled, expired, visible]));
    assert.equal(listed.items.find((i) => i.message.id === expired)!.message.subject, '');
  });

  test('R13 unread count: unread inbox entries (not archived, deleted or expired) and how many are \
urgent', async () => {
    const count = async (b: Browser) =>
      body<{ unread: number; urgent: number }>(await b.request('/api/v1/mailbox/unread-count'));
    const before = await count(li);
    const urgent = await send(zhang, { kind: 'urgent', audience: [{ kind: 'member', targetId: ids.E1002 }] });
    const plain = await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1002 }] });
    const archived = await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1002 }] });
    const expired = await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1002 }], expiresInMinutes: 5 });
    const deleted = await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1002 }] });
    assert.deepEqual(await count(li), { ...before, unread: before.unread + 5, urgent: before.urgent + 1 });
    await setEntry(archived, { archivedAt: Date.now() }, ids.E1002);
    await setEntry(deleted, { deletedAt: Date.now() }, ids.E1002);
    await setEntry(expired, { expiresAt: Date.now() - 1 }, ids.E1002);
    assert.deepEqual(await count(li), { ...before, unread: before.unread + 2, urgent: before.urgent + 1 });
    await li.request(`/api/v1/mailbox/${urgent}/read`, { method: 'POST' });
    await li.request(`/api/v1/mailbox/${plain}/read`, { method: 'POST' });
    assert.deepEqual(await count(li), before);
  });

  // Issue 14: unread-count said 9 while ?unread=true listed 10, the expired one among them. An expired message can no
  // longer be read, so it is not unread anywhere. Expiry is set in the past directly (no waiting for the clock).
  test('issue 14: an expired message is not unread: the count, the Unread filter, "select all unread" and the tag \
counts agree', async () => {
    const count = async (b: Browser) =>
      body<{ unread: number; urgent: number }>(await b.request('/api/v1/mailbox/unread-count'));
    const from = since();
    const sent: string[] = [];
    for (let i = 0; i < 3; i++)
      sent.push(await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1002 }], expiresInMinutes: 60 }));
    const tag = await addTag(`到期${from}`, null, ids.E1002!);
    for (const id of sent) await tagEntry(id, tag, ids.E1002!);
    await setEntry(sent[0]!, { expiresAt: Date.now() - 1 }, ids.E1002);
    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(messages.id, sent[0]!));

    const unreadPage = await list(li, { unread: true, limit: 100 });
    assert.equal((await count(li)).unread, unreadPage.total, 'the badge and the Unread filter agree (one kept count)');
    // The filter's total is the kept count (issue 15): it must be what the filter lists, page after page.
    let listed = unreadPage.items.length;
    for (let page = unreadPage; page.nextCursor; listed += page.items.length)
      page = await list(li, { unread: true, limit: 100, cursor: page.nextCursor });
    assert.equal(listed, unreadPage.total, 'the Unread filter lists as many as its total says');
    const recent = await list(li, { from, unread: true });
    assert.deepEqual(new Set(idsOf(recent)), new Set(sent.slice(1)), 'the expired one is not listed as unread');
    assert.ok(idsOf(await list(li, { from })).includes(sent[0]!), 'it is still listed in the inbox, as expired');
    const tagged = (
      await body<{ items: Array<{ id: string; count: number; unread: number }> }>(await li.request('/api/v1/tags'))
    ).items.find((t) => t.id === tag)!;
    assert.deepEqual([tagged.count, tagged.unread], [3, 2], 'the tag counts it, but not as unread');
    // "Mark all unread as read" (the filter form of the batch) takes the same two.
    const batch = await body(
      await li.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'read', filter: { from, unread: true } },
      }),
    );
    assert.deepEqual([batch.matched, batch.changed], [2, 2], JSON.stringify(batch));
  });

  test('R13/R14 IDOR: a member never sees another mailbox by any parameter', async () => {
    const from = since();
    const personal = await addTag(`王五的标签${from}`, null, ids.E1003!);
    const secret = await send(zhang, { subject: '机密 secret', priority: 'high' });
    await tagEntry(secret, personal);
    for (const params of [
      {} as Record<string, string | boolean>,
      { tagId: personal },
      { senderId: ids.E1001! },
      { q: '机密' },
      { q: 'secret' },
      { q: '机' },
      { view: 'all' },
      { view: 'archived' },
      { view: 'trash' },
      { priority: 'high' },
      { unread: true },
    ]) {
      assert.ok(!idsOf(await list(li, { from, ...params })).includes(secret), JSON.stringify(params));
    }
    // No parameter names an owner; unknown parameters are ignored, a forged cursor is refused or lands in one's own
    // mailbox.
    assert.ok(!idsOf(await list(li, { from, ownerId: ids.E1003! })).includes(secret));
    const forged = Buffer.from(JSON.stringify([Date.now() + 1e9, 'zzzz'])).toString('base64url');
    assert.ok(!idsOf(await list(li, { cursor: forged })).includes(secret));
    const sentByLi = await body(await li.request('/api/v1/sent'));
    assert.ok(!sentByLi.items.some((i: Item) => i.message.id === secret));
    assert.equal((await li.request(`/api/v1/mailbox/${secret}/read`, { method: 'POST' })).status, 404);
  });

  test('R14 contacts see only their own entries (and an API key has no mailbox)', async () => {
    const admin = await adminBrowser(app, deps.db);
    const contactId = newId();
    await deps.db.insert(contacts).values({
      id: contactId,
      kind: 'customer',
      name: '刘总',
      company: '乙公司',
      portalEnabled: true,
      searchText: '刘总',
      createdAt: 1,
      updatedAt: 1,
    });
    const ORIGIN = 'https://portal.example.com';
    const appRes = await body(
      await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Portal2', origins: [ORIGIN] } }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: appRes.id })
      .setIssuer(appRes.id)
      .setAudience('herald')
      .setSubject(`contact:${contactId}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(appRes.secret));
    const portal = async (path: string) =>
      app.request(path, { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } });
    const toContact = await send(bob, {
      kind: 'external',
      subject: '报价 quote',
      audience: [
        { kind: 'contact', targetId: contactId },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const internal = await send(zhang, { subject: '报价 quote' });
    const box = await body<Page>(await portal('/api/v1/mailbox'));
    assert.deepEqual(idsOf(box), [toContact]);
    assert.equal(box.total, 1);
    assert.deepEqual(idsOf(await body<Page>(await portal('/api/v1/mailbox?q=quote&view=all'))), [toContact]);
    assert.ok(!idsOf(await body<Page>(await portal(`/api/v1/mailbox?senderId=${ids.E1001}`))).includes(internal));
    assert.deepEqual(await body(await portal('/api/v1/mailbox/unread-count')), { unread: 1, urgent: 0, mentions: 0 });
    assert.deepEqual((await body(await portal('/api/v1/sent'))).items, []);
  });

  test("R9/R14 sent: the caller's messages and replies newest first with read/confirmed counts; deleted left out; \
searchable", async () => {
    const from = since();
    const toBoth = await send(zhang, {
      subject: '发件箱 outbox',
      receiptRequired: true,
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1002 },
      ],
    });
    await wang.request(`/api/v1/mailbox/${toBoth}/confirm`, { method: 'POST' });
    await li.request(`/api/v1/mailbox/${toBoth}/read`, { method: 'POST' });
    const recalled = await send(zhang, { subject: '发件箱 recalled' });
    await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' });
    const deleted = await send(zhang, { subject: '发件箱 deleted' });
    await zhang.request(`/api/v1/messages/${deleted}`, { method: 'DELETE' });
    const reply = await wang.request(`/api/v1/messages/${toBoth}/replies`, {
      method: 'POST',
      json: { body: doc('收到') },
    });
    assert.equal(reply.status, 201);
    const replyId = (await body(reply)).id;
    const page = await body(await zhang.request(`/api/v1/sent?from=${from}`));
    assert.deepEqual(
      page.items.map((i: { message: { id: string } }) => i.message.id),
      [recalled, toBoth],
    );
    assert.deepEqual(page.items[1].counts, { total: 2, read: 2, confirmed: 1 });
    assert.equal(page.items[0].message.subject, '发件箱 recalled', 'the sender keeps the record');
    assert.deepEqual(
      (await body(await wang.request(`/api/v1/sent?from=${from}`))).items.map(
        (i: { message: { id: string } }) => i.message.id,
      ),
      [replyId],
    );
    assert.deepEqual(
      (await body(await zhang.request(`/api/v1/sent?from=${from}&q=RECALLED`))).items.map(
        (i: { message: { id: string } }) => i.message.id,
      ),
      [recalled],
    );
    const paged = await body(await zhang.request(`/api/v1/sent?from=${from}&limit=1`));
    assert.equal(paged.items.length, 1);
    const next = await body(await zhang.request(`/api/v1/sent?from=${from}&limit=1&cursor=${paged.nextCursor}`));
    assert.deepEqual(
      next.items.map((i: { message: { id: string } }) => i.message.id),
      [toBoth],
    );
  });

  test('R13 bad parameters are 400 validation (problem+json)', async () => {
    for (const qs of [
      'view=spam',
      'priority=normal',
      'limit=0',
      'limit=201',
      `q=${'x'.repeat(201)}`,
      'q=',
      'unread=yes',
      'subtags=1',
      'from=abc',
      'cursor=nope',
      'q=%20%20',
    ]) {
      const res = await wang.request(`/api/v1/mailbox?${qs}`);
      assert.equal(res.status, 400, qs);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal((await body(res)).code, 'validation', qs);
    }
    assert.equal((await wang.request('/api/v1/sent?limit=0')).status, 400);
  });

  test('R12 the filter schema takes query strings and JSON booleans alike (batch bodies)', () => {
    const fromQuery = MailboxFilterSchema.parse({
      unread: 'true',
      hasAttachments: 'false',
      subtags: 'false',
      from: '5',
    });
    const fromJson = MailboxFilterSchema.parse({ unread: true, hasAttachments: false, subtags: false, from: 5 });
    assert.deepEqual(fromQuery, fromJson);
    assert.equal(fromJson.view, 'inbox');
    assert.equal(MailboxFilterSchema.parse({}).subtags, true);
    assert.equal(MailboxFilterSchema.safeParse({ unread: 'yes' }).success, false);
    assert.equal(MailboxFilterSchema.safeParse({ q: '' }).success, false);
  });
});
