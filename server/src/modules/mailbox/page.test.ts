// Issue 15: the inbox lists summaries (page.ts) and the reading pane loads the whole message. A summary must say
// nothing the whole message would not: each listed entry is held to what `GET /messages/{id}` answers the same
// person — recalled, expired, a reply under a recalled first message, attachments, tags, receipts, pinned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { messages } from '../messages/schema.js';
import { MailboxPageSchema } from './routes.js';
import { SNIPPET_CHARS } from './page.js';
import { mailbox } from './schema.js';

type Json = Record<string, any>;

describe('issue 15: the inbox lists summaries', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let zhang: Browser, wang: Browser, li: Browser;
  let signIn: (employeeNo: string) => Promise<Browser>;
  const ids: Record<string, string> = {};
  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, as } = await demoApp(ids));
    signIn = (employeeNo) => as(employeeNo);
    [zhang, wang, li] = await Promise.all([as('E1001', 'sender'), as('E1003'), as('E1002')]);
  });
  after(() => deps.cleanup());

  const send = async (from: Browser, patch: Json = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '例行',
        body: doc('内容'),
        audience: [
          { kind: 'member', targetId: ids.E1003 },
          { kind: 'member', targetId: ids.E1002 },
        ],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const expire = async (messageId: string) => {
    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(messages.id, messageId));
    await deps.db
      .update(mailbox)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(mailbox.messageId, messageId));
  };

  const title = 'R9 R13 every listed entry says what GET /messages/{id} says, hidden content included; fits its schema';
  test(title, async () => {
    const from = Date.now() - 1;
    const long = `${'第一段 '.repeat(40)}\n\nsecond paragraph`;
    const upload = await zhang.request('/api/v1/attachments?name=plan.csv', { method: 'POST', body: 'a,b\n' });
    const file = await body(upload);
    const plain = await send(zhang, { subject: 'Plain', body: doc(long), attachmentIds: [file.id] });
    const urgent = await send(zhang, { subject: 'Urgent', priority: 'urgent', kind: 'urgent', receiptRequired: true });
    const recalled = await send(zhang, { subject: 'Recalled secret', body: doc('secret words') });
    const expired = await send(zhang, { subject: 'Expired secret', body: doc('old words') });
    const root = await send(zhang, { subject: 'Root secret' });
    const replied = await wang.request(`/api/v1/messages/${root}/replies`, {
      method: 'POST',
      json: { body: doc('noted') },
    });
    assert.equal(replied.status, 201);
    const reply = (await body(replied)).id as string;
    assert.equal((await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' })).status, 200);
    assert.equal((await zhang.request(`/api/v1/messages/${root}/recall`, { method: 'POST' })).status, 200);
    await expire(expired);
    const tagged0 = await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: 'Mine' } });
    const tag = await body(tagged0);
    const tagged = await li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'tag', tagId: tag.id, messageIds: [plain] },
    });
    assert.equal(tagged.status, 200, await tagged.clone().text());

    const res = await li.request(`/api/v1/mailbox?view=all&from=${from}`);
    assert.equal(res.status, 200);
    const page = await body(res);
    MailboxPageSchema.parse(page); // strict: a field the schema does not document fails here
    const listed = new Map<string, Json>(page.items.map((i: Json) => [i.message.id, i]));
    assert.deepEqual([...listed.keys()].sort(), [plain, urgent, recalled, expired, root, reply].sort());
    for (const [id, item] of listed) {
      const full = await body(await li.request(`/api/v1/messages/${id}`));
      const { message: summary, state } = item;
      assert.deepEqual(state, full.mine, `${id}: the entry's state`);
      const shared = [
        'threadId',
        'kind',
        'priority',
        'subject',
        'sender',
        'receiptRequired',
        'expiresAt',
        'expired',
        'dueAt',
        'recalledAt',
      ] as const;
      for (const key of shared) {
        assert.deepEqual(summary[key], full[key], `${id}: ${key}`);
      }
      assert.equal(summary.attachmentCount, full.attachments.length, `${id}: attachments`);
      if (!full.body.content?.length) assert.equal(summary.snippet, '', `${id}: no text shown, no snippet`);
      assert.ok(!('body' in summary) && !('mine' in summary) && !('can' in summary), "only the reading pane's detail");
    }
    for (const hiddenId of [recalled, expired, root]) {
      assert.deepEqual([listed.get(hiddenId)!.message.subject, listed.get(hiddenId)!.message.snippet], ['', '']);
    }
    assert.equal(listed.get(reply)!.message.subject, '', "a reply hides its recalled first message's subject");
    assert.equal(listed.get(reply)!.message.snippet, 'noted', 'but shows its own words');
    const snippet = listed.get(plain)!.message.snippet as string;
    assert.ok(snippet.startsWith('第一段 第一段') && snippet.endsWith('…'), snippet);
    assert.ok(snippet.length <= SNIPPET_CHARS + 1, snippet);
    assert.ok(!snippet.includes('\n'));
    assert.deepEqual(listed.get(plain)!.state.tagIds, [tag.id]);
    assert.equal(listed.get(plain)!.message.attachmentCount, 1);
  });

  test('R13 pinned entries come on the first page of the plain inbox only, each entry once per list', async () => {
    const urgent = await send(zhang, { subject: 'Pinned one', priority: 'urgent', kind: 'urgent' });
    const first = await body(await li.request('/api/v1/mailbox?limit=1'));
    MailboxPageSchema.parse(first);
    assert.ok(first.pinned.some((i: Json) => i.message.id === urgent && i.state.pinned === true));
    assert.ok(first.nextCursor);
    const next = await body(await li.request(`/api/v1/mailbox?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`));
    assert.equal(next.pinned, null, 'later pages carry no pinned entries');
    assert.equal(next.total, null);
    const seen = new Set<string>();
    for (const i of first.items) assert.ok(!seen.has(i.message.id) && seen.add(i.message.id));
    // Read it: no longer pinned.
    assert.equal((await li.request(`/api/v1/mailbox/${urgent}/read`, { method: 'POST' })).status, 200);
    const after = await body(await li.request('/api/v1/mailbox?limit=1'));
    assert.ok(!after.pinned.some((i: Json) => i.message.id === urgent));
    const [row] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.messageId, urgent), eq(mailbox.ownerId, ids.E1002!)));
    assert.ok(row?.readAt);
  });

  const totalTitle = "issue 15: the first page's total is read by the page's own statement, an empty inbox included";
  test(totalTitle, async () => {
    const sun = await signIn('E1006'); // 孙七: none of this suite's other sends reach them
    const listed = async () => body(await sun.request('/api/v1/mailbox?limit=200'));
    const before = await listed();
    if (before.items.length) {
      const archived = await sun.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'archive', messageIds: before.items.map((i: Json) => i.message.id) },
      });
      assert.equal(archived.status, 200, await archived.clone().text());
    }
    const empty = await listed();
    MailboxPageSchema.parse(empty);
    assert.deepEqual(
      [empty.items, empty.pinned, empty.total, empty.totalCapped, empty.nextCursor],
      [[], [], 0, false, null],
    );
    await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1006 }] });
    await send(zhang, { audience: [{ kind: 'member', targetId: ids.E1006 }], priority: 'urgent', kind: 'urgent' });
    const two = await listed();
    assert.deepEqual([two.items.length, two.total, two.pinned.length], [2, 2, 1]);
    const first = await body(await sun.request('/api/v1/mailbox?limit=1'));
    assert.equal(first.total, 2, 'the total counts past the page');
    const cursor = encodeURIComponent(first.nextCursor);
    const next = await body(await sun.request(`/api/v1/mailbox?limit=1&cursor=${cursor}`));
    assert.deepEqual([next.items.length, next.total, next.nextCursor], [1, null, null]);
  });
});
