// What a recipient may no longer read stays unreadable by every route of the inbox (R9, R14): a recalled first
// message's subject does not survive in its replies' search, list or export; contacts never see the organisation's
// receipts; odd search text is refused, never a crash. (Found by the inbox security review.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { contacts } from '../contacts/schema.js';
import { messages } from '../messages/schema.js';

describe('hidden content through the inbox routes (R9, R14)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  const ids: Record<string, string> = {};
  let zhang: Browser, bob: Browser, wang: Browser, li: Browser;
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

  const send = async (from: Browser, patch: Record<string, unknown> = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: 'x',
        body: doc('内容'),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const rows = async (res: Response) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const out: unknown[][] = [];
    book.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
    return out;
  };

  test("R9 a recalled first message's subject is not found through its replies, nor listed or exported with \
them", async () => {
    const root = await send(zhang, {
      subject: 'Zeppelin merger plan',
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1002 },
      ],
    });
    const replied = await wang.request(`/api/v1/messages/${root}/replies`, {
      method: 'POST',
      json: { body: doc('ok, noted') },
    });
    assert.equal(replied.status, 201);
    const reply = (await body(replied)).id as string;
    const before = await body(await li.request('/api/v1/mailbox?view=all&q=Zeppelin'));
    assert.deepEqual(
      before.items.map((i: { message: { id: string } }) => i.message.id),
      [root],
      'the first message is found by its subject',
    );
    assert.equal((await zhang.request(`/api/v1/messages/${root}/recall`, { method: 'POST' })).status, 200);

    for (const q of ['Zeppelin', 'ze', 'merger plan']) {
      const found = await body(await li.request(`/api/v1/mailbox?view=all&q=${encodeURIComponent(q)}`));
      assert.equal(found.items.length, 0, `q=${q} finds nothing`);
    }
    const replyBody = await body(await li.request('/api/v1/mailbox?view=all&q=noted'));
    assert.deepEqual(
      replyBody.items.map((i: { message: { id: string } }) => i.message.id),
      [reply],
      "the reply's own words are still found",
    );
    const listed = (await body(await li.request('/api/v1/mailbox?view=all'))).items.find(
      (i: { message: { id: string } }) => i.message.id === reply,
    );
    assert.equal(listed.message.subject, '');
    const exported = await li.request('/api/v1/mailbox/export?locale=en', {
      method: 'POST',
      json: { messageIds: [reply] },
    });
    assert.equal(exported.status, 200);
    const [, row] = await rows(exported);
    assert.equal(row![2], '', 'the subject cell is empty');
    assert.ok(!JSON.stringify(row).includes('Zeppelin'));
  });

  test('R14 an external contact never sees, reminds or exports the recipients of its own reply', async () => {
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
    const origin = 'https://portal.example.com';
    const embed = await body(
      await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Portal', origins: [origin] } }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(`contact:${contactId}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(embed.secret));
    const portal = (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      });
    const m = await send(bob, {
      kind: 'external',
      subject: 'quote',
      audience: [
        { kind: 'contact', targetId: contactId },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const replied = await portal(`/api/v1/messages/${m}/replies`, {
      method: 'POST',
      body: JSON.stringify({ body: doc('thanks') }),
    });
    assert.equal(replied.status, 201);
    const reply = (await body(replied)).id as string;
    assert.equal((await portal(`/api/v1/messages/${reply}/recipients`)).status, 403);
    assert.equal((await portal(`/api/v1/messages/${reply}/recipients/export`)).status, 403);
    assert.equal(
      (await portal(`/api/v1/messages/${reply}/remind`, { method: 'POST', body: JSON.stringify({ state: 'unread' }) }))
        .status,
      403,
    );
    assert.equal(
      (await bob.request(`/api/v1/messages/${reply}/recipients`)).status,
      403,
      'nor does a staff recipient of the reply',
    );
  });

  test('R13 search text with control characters or too many words is a 400, never a crash', async () => {
    for (const q of ['a\u0000bcd', 'tab\there', 'a b c d e f g h i j k']) {
      const enc = encodeURIComponent(q);
      for (const res of [
        await wang.request(`/api/v1/mailbox?q=${enc}`),
        await zhang.request(`/api/v1/sent?q=${enc}`),
      ]) {
        assert.equal(res.status, 400, q);
        assert.equal((await body(res)).code, 'validation');
      }
      const batch = await wang.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'read', filter: { q } },
      });
      assert.equal(batch.status, 400);
    }
    assert.equal(
      (await wang.request(`/api/v1/mailbox?q=${encodeURIComponent('a b c d e f g h i j')}`)).status,
      200,
      'ten words are fine',
    );
  });

  test('R9 a recalled or expired message can no longer be confirmed or given progress (409)', async () => {
    const answer = async (id: string) => [
      (await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status,
      (await wang.request(`/api/v1/mailbox/${id}/progress`, { method: 'PUT', json: { progress: 'done' } })).status,
    ];
    const task = { receiptRequired: true, dueAt: Date.now() + 86_400_000 };
    const [recalled, expiring, live] = [await send(zhang, task), await send(zhang, task), await send(zhang, task)];
    assert.equal((await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' })).status, 200);
    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(messages.id, expiring));
    assert.deepEqual(await answer(recalled), [409, 409]);
    assert.deepEqual(await answer(expiring), [409, 409]);
    assert.deepEqual(await answer(live), [200, 200]);
  });
});
