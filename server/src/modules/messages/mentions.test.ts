// Issue 19 #3: @mentions that reach the person. A mentioned recipient's copy says "mentions you" (the `mentioned`
// filter, the count beside the unread count, pushed live); a mentioned non-recipient is flagged nowhere and the sender
// is warned; only people the author may see can be mentioned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { readSse } from '../../testing/sse.js';
import { contacts } from '../contacts/schema.js';
import { browserAs } from '../imports/testing.js';
import { mailbox } from '../mailbox/schema.js';
import { newId } from '../../lib/ids.js';
import { departments, members } from '../org/schema.js';

const text = (t: string) => ({ type: 'text', text: t });
const mention = (id: string, label = 'x') => ({ type: 'mention', attrs: { id, label } });
const doc = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });

describe('issue 19 #3: mentions', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let zhang: Browser; // sender (技术部)
  let wang: Browser; // 王五, 前端组
  let alice: Browser; // Alice Chen, 市场部
  let bob: Browser; // external sender
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    await adminBrowser(app, deps.db);
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    wang = await browserAs(app, deps.db, 'E1003', null);
    alice = await browserAs(app, deps.db, 'E1004', null);
    bob = await browserAs(app, deps.db, 'E1007', 'external-sender');
  });
  after(() => deps.cleanup());

  const send = async (b: Browser, json: Record<string, unknown>) => {
    const res = await b.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'internal', subject: '评审 @', body: doc(text('hi')), ...json },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const counts = async (b: Browser) => body(await b.request('/api/v1/mailbox/unread-count'));
  const flagged = async (messageId: string) =>
    (
      await deps.db
        .select({ owner: mailbox.ownerId })
        .from(mailbox)
        .where(and(eq(mailbox.messageId, messageId), eq(mailbox.mentioned, true)))
    )
      .map((r) => r.owner)
      .sort();

  test('a mentioned recipient gets "mentions you": the mentioned filter, the entry state and the count', async () => {
    const before = await counts(wang);
    const m = await send(zhang, {
      body: doc(text('请 '), mention(ids.E1003!, 'old label'), text(' 看一下')),
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    assert.deepEqual(m.warnings, [], 'everyone mentioned receives it');
    assert.deepEqual(await flagged(m.id), [ids.E1003], 'only the mentioned recipient is flagged');
    assert.equal(m.body.content[0].content[1].attrs.label, '王五', 'labels are the current names');

    const listed = await body(await wang.request('/api/v1/mailbox?view=all&mentioned=true'));
    assert.deepEqual(
      listed.items.map((i: { message: { id: string } }) => i.message.id),
      [m.id],
    );
    assert.equal(listed.items[0].state.mentioned, true);
    assert.equal((await body(await wang.request(`/api/v1/messages/${m.id}`))).mine.mentioned, true);
    assert.equal((await counts(wang)).mentions, before.mentions + 1);

    // Alice received it without being mentioned: nothing in her Mentions view, no mention counted.
    assert.equal((await body(await alice.request('/api/v1/mailbox?view=all&mentioned=true'))).items.length, 0);
    assert.equal((await body(await alice.request(`/api/v1/messages/${m.id}`))).mine.mentioned, false);
    assert.equal((await counts(alice)).mentions, 0);

    // Read, it leaves the count but stays in the Mentions view.
    assert.equal((await wang.request(`/api/v1/mailbox/${m.id}/read`, { method: 'POST' })).status, 200);
    assert.equal((await counts(wang)).mentions, before.mentions);
    assert.equal((await body(await wang.request('/api/v1/mailbox?view=all&mentioned=true'))).items.length, 1);
  });

  test('a mention of a non-recipient flags nobody and warns the sender (not an error)', async () => {
    const m = await send(zhang, {
      body: doc(mention(ids.E1005!, '赵六'), text(' and '), mention(ids.E1001!, 'me')),
      audience: [{ kind: 'member', targetId: ids.E1003 }],
    });
    assert.deepEqual(await flagged(m.id), [], 'no copy is flagged');
    // The sender mentioning themselves is no warning: a sender never gets a copy.
    assert.deepEqual(m.warnings, [{ code: 'mention-not-recipient', memberId: ids.E1005, name: '赵六' }]);
    const zhao = await deps.db.select().from(mailbox).where(eq(mailbox.ownerId, ids.E1005!));
    assert.ok(!zhao.some((e) => e.messageId === m.id), 'a mention alone delivers nothing');
  });

  test('a department audience: the mentioned members it reaches are flagged; the preview names others', async () => {
    const audience = [{ kind: 'department', targetId: ids['前端组'], includeSubdepartments: true }];
    const preview = await body(
      await zhang.request('/api/v1/messages/audience', {
        method: 'POST',
        json: { kind: 'internal', audience, mentions: [ids.E1003, ids.E1004] },
      }),
    );
    assert.deepEqual(preview.unreachedMentions, [ids.E1004], 'Alice is not in 前端组');
    const m = await send(zhang, {
      body: doc(mention(ids.E1003!), mention(ids.E1004!)),
      audience,
    });
    assert.deepEqual(await flagged(m.id), [ids.E1003]);
    assert.deepEqual(
      m.warnings.map((w: { memberId: string }) => w.memberId),
      [ids.E1004],
    );
  });

  test('the preview: people picked one by one are answered; a bad mention id is problem+json', async () => {
    const res = await zhang.request('/api/v1/messages/audience', {
      method: 'POST',
      json: { kind: 'internal', audience: [{ kind: 'member', targetId: ids.E1003 }], mentions: [ids.E1003] },
    });
    assert.deepEqual((await body(res)).unreachedMentions, []);
    const bad = await zhang.request('/api/v1/messages/audience', {
      method: 'POST',
      json: { kind: 'internal', audience: [{ kind: 'member', targetId: ids.E1003 }], mentions: [''] },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json');
  });

  test('the mention count moves live: the event arrives, then the count has the new mention', async () => {
    const stream = readSse(await wang.request('/api/v1/live'));
    assert.equal((await stream.nextEvent())?.event, 'ready');
    const start = (await counts(wang)).mentions;
    const m = await send(zhang, {
      body: doc(mention(ids.E1003!)),
      audience: [{ kind: 'member', targetId: ids.E1003 }],
    });
    const event = await stream.nextEvent();
    assert.equal(event?.event, 'message.received');
    assert.equal(JSON.parse(event!.data!).messageId, m.id);
    assert.equal((await counts(wang)).mentions, start + 1, 'what the widget refetches on that event');
    await wang.request(`/api/v1/mailbox/${m.id}/read`, { method: 'POST' });
    assert.equal((await stream.nextEvent())?.event, 'mailbox.updated');
    assert.equal((await counts(wang)).mentions, start);
    await stream.cancel();
  });

  test('a reply that mentions someone in the thread flags their copy', async () => {
    const m = await send(zhang, {
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const reply = await wang.request(`/api/v1/messages/${m.id}/replies`, {
      method: 'POST',
      json: { body: doc(text('@'), mention(ids.E1004!)) },
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    assert.deepEqual(await flagged((await body(reply)).id), [ids.E1004]);
  });

  test('permissions: unknown members and mentions by a contact are refused with problem+json', async () => {
    const unknown = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: 's',
        body: doc(mention('no-such-member')),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
      },
    });
    assert.equal(unknown.status, 400);
    assert.equal((await body(unknown)).errors[0].code, 'unknown-member');

    // A contact sees no directory, so it may mention nobody (refused, not stripped: the text would change meaning).
    const contactId = newId();
    await deps.db.insert(contacts).values({
      id: contactId,
      kind: 'customer',
      name: '钱经理',
      company: '乙公司',
      portalEnabled: true,
      searchText: '钱经理',
      createdAt: 1,
      updatedAt: 1,
    });
    const admin = await adminBrowser(app, deps.db);
    const ORIGIN = 'https://portal.example.com';
    const embed = await body(
      await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Portal', origins: [ORIGIN] } }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(`contact:${contactId}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(embed.secret));
    const m = await send(bob, {
      kind: 'external',
      audience: [
        { kind: 'contact', targetId: contactId },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    const reply = await app.request(`/api/v1/messages/${m.id}/replies`, {
      method: 'POST',
      body: JSON.stringify({ body: doc(mention(ids.E1004!)) }),
      headers: { authorization: `Bearer ${token}`, origin: ORIGIN, 'content-type': 'application/json' },
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.headers.get('content-type'), 'application/problem+json');
    assert.equal((await body(reply)).errors[0].code, 'out-of-scope');
    assert.deepEqual(
      (await deps.db.select().from(mailbox).where(eq(mailbox.threadId, m.id))).filter((e) => e.mentioned),
      [],
    );
  });
});
