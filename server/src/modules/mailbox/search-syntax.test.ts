// Issue 20 #8: search that speaks people's words — the operators of `q` on GET /mailbox and GET /sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { contacts } from '../contacts/schema.js';
import { mailboxTags, tags } from '../tags/schema.js';
import { mailbox } from './schema.js';
import { zonedDayStart } from './search-syntax.js';

type Page = { items: Array<{ message: { id: string } }>; folders: Record<string, number | null> | null };

describe('issue 20 #8: search operators in q', () => {
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
      as('E1002', 'sender'),
    ]);
  });
  after(() => deps.cleanup());

  const send = async (from: Browser, patch: Record<string, unknown> = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '周报 weekly',
        body: doc('内容'),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const search = async (b: Browser, q: string, extra: Record<string, string> = {}, path = 'mailbox') => {
    const qs = new URLSearchParams({ q, ...(path === 'mailbox' ? { view: 'all' } : {}), ...extra });
    const res = await b.request(`/api/v1/${path}?${qs}`);
    assert.equal(res.status, 200, `${q}: ${await res.clone().text()}`);
    return body<Page>(res);
  };
  const found = async (b: Browser, q: string, extra: Record<string, string> = {}, path = 'mailbox') =>
    (await search(b, q, extra, path)).items.map((i) => i.message.id).sort();
  const entry = (messageId: string, values: Partial<typeof mailbox.$inferInsert>, ownerId = ids.E1003!) =>
    deps.db
      .update(mailbox)
      .set(values)
      .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerId, ownerId)));

  test('from: finds a sender by name, pinyin or employee number; combined with words and other operators', async () => {
    const fromZhang = await send(zhang, { subject: '季度计划 plan' });
    const fromLi = await send(li, { subject: '季度计划 plan' });
    assert.deepEqual(await found(wang, 'from:张三 季度'), [fromZhang]);
    assert.deepEqual(await found(wang, 'from:zhangsan plan'), [fromZhang]);
    assert.deepEqual(await found(wang, 'from:E1001 plan'), [fromZhang]);
    assert.deepEqual(await found(wang, 'FROM:e1002 plan'), [fromLi], 'operators and values ignore case');
    assert.deepEqual(await found(wang, 'plan'), [fromLi, fromZhang].sort());
    // Someone who sent nothing to this mailbox finds nothing (and no error).
    assert.deepEqual(await found(wang, 'from:周八 plan'), []);
  });

  test('quoted values: from:"Bob Li" and a quoted phrase', async () => {
    const fromBob = await send(bob, { subject: 'budget review meeting' });
    const other = await send(zhang, { subject: 'review the budget' });
    assert.deepEqual(await found(wang, 'from:"Bob Li" budget'), [fromBob]);
    assert.deepEqual(await found(wang, '"budget review"'), [fromBob]);
    assert.deepEqual(await found(wang, 'budget review'), [fromBob, other].sort());
  });

  test('has:attachment, is:unread / is:read / is:starred / is:archived, tag:', async () => {
    const a = await send(zhang, { subject: 'flags-a' });
    const b = await send(zhang, { subject: 'flags-b' });
    const c = await send(zhang, { subject: 'flags-c' });
    await entry(a, { hasAttachments: true, readAt: Date.now(), starredAt: Date.now() });
    await entry(b, { archivedAt: Date.now() });
    const tagId = newId();
    const childId = newId();
    const t = Date.now();
    await deps.db.insert(tags).values([
      { id: tagId, ownerId: ids.E1003!, parentId: null, name: '项目', createdAt: t, updatedAt: t },
      { id: childId, ownerId: ids.E1003!, parentId: tagId, name: '项目A', createdAt: t, updatedAt: t },
    ]);
    // As a batch `tag` writes it: with its entry's delivery time (the tag filter matches on it).
    const [delivered] = await deps.db
      .select({ at: mailbox.deliveredAt })
      .from(mailbox)
      .where(and(eq(mailbox.messageId, c), eq(mailbox.ownerId, ids.E1003!)));
    await deps.db
      .insert(mailboxTags)
      .values({ ownerId: ids.E1003!, messageId: c, tagId: childId, deliveredAt: delivered!.at, createdAt: t });
    assert.deepEqual(await found(wang, 'flags has:attachment'), [a]);
    assert.deepEqual(await found(wang, 'flags is:read'), [a]);
    assert.deepEqual(await found(wang, 'flags is:unread'), [b, c].sort());
    assert.deepEqual(await found(wang, 'flags is:starred'), [a]);
    assert.deepEqual(await found(wang, 'flags is:archived'), [b]);
    assert.deepEqual(await found(wang, 'tag:项目'), [c], 'a tag takes its sub-tags along');
    assert.deepEqual(await found(wang, 'tag:项目a'), [c]);
    // Operators alone, without words, are a search too; another member's tag of the same name is not theirs.
    assert.deepEqual(await found(li, 'tag:项目'), []);
  });

  test("before:/after: are days in the caller's time zone (tz), after: inclusive, before: exclusive", async () => {
    const m = await send(zhang, { subject: 'dated-x' });
    // Delivered at 2026-03-10 00:30 in Shanghai = 2026-03-09 16:30 UTC.
    const at = Date.UTC(2026, 2, 9, 16, 30);
    await entry(m, { deliveredAt: at });
    assert.equal(zonedDayStart({ year: 2026, month: 3, day: 10 }, 'Asia/Shanghai'), Date.UTC(2026, 2, 9, 16));
    const sh = { tz: 'Asia/Shanghai' };
    assert.deepEqual(await found(wang, 'dated-x after:2026-03-10', sh), [m]);
    assert.deepEqual(await found(wang, 'dated-x before:2026-03-10', sh), []);
    assert.deepEqual(await found(wang, 'dated-x before:2026/3/11 after:2026.3.10', sh), [m]);
    // In UTC (the default) the same moment is still 9 March.
    assert.deepEqual(await found(wang, 'dated-x after:2026-03-10'), []);
    assert.deepEqual(await found(wang, 'dated-x before:2026-03-10'), [m]);
    // A day that starts in another offset than the one before it (New York, DST from 8 March 2026).
    assert.equal(zonedDayStart({ year: 2026, month: 3, day: 9 }, 'America/New_York'), Date.UTC(2026, 2, 9, 4));
  });

  test('a bad date, is: value or time zone is problem+json naming q (tz); unknown operators are text', async () => {
    for (const [q, extra] of [
      ['before:2026-13-45', {}],
      ['after:yesterday', {}],
      ['is:maybe', {}],
      ['has:photos', {}],
      ['report', { tz: 'Mars/Olympus' }],
    ] as const) {
      const qs = new URLSearchParams({ q, ...extra });
      const res = await wang.request(`/api/v1/mailbox?${qs}`);
      assert.equal(res.status, 400, q);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const problem = await body(res);
      assert.equal(problem.code, 'validation');
      const error = problem.errors[0];
      assert.equal(error.path, 'tz' in extra ? 'tz' : 'q');
      if (!('tz' in extra)) assert.match(error.message, /takes/, 'says what the operator takes');
    }
    const res = await wang.request(`/api/v1/sent?${new URLSearchParams({ q: 'before:2026-02-30' })}`);
    assert.equal(res.status, 400);
    // `subject:x` and a URL are plain words; `from:` still being typed is no error and filters nothing.
    const url = await send(zhang, { subject: 'see http://intranet/plan subject:budget' });
    assert.deepEqual(await found(wang, 'subject:budget'), [url]);
    assert.deepEqual(await found(wang, 'http://intranet/plan'), [url]);
    assert.ok((await found(wang, 'subject:budget from:')).includes(url));
  });

  test('from: never reveals people the viewer may not see (R7, R14)', async () => {
    // A contact in 王五's mailbox as a sender: staff without the contacts right find it by the name they saw only,
    // never by its company or e-mail (which only those who may see contacts see).
    const contactId = newId();
    await deps.db.insert(contacts).values({
      id: contactId,
      kind: 'customer',
      name: '刘总',
      company: '乙公司',
      email: 'liu@yi.example',
      portalEnabled: true,
      searchText: '刘总 liuzong lz 乙公司 liu@yi.example',
      createdAt: 1,
      updatedAt: 1,
    });
    const fromContact = await send(zhang, { subject: 'contact-said' });
    await entry(fromContact, { senderId: contactId });
    assert.deepEqual(await found(wang, 'from:刘总'), [fromContact]);
    assert.deepEqual(await found(wang, 'from:乙公司'), []);
    assert.deepEqual(await found(wang, 'from:liu@yi'), []);

    // An external contact finds staff senders by the name on the message, never by employee number, pinyin or e-mail.
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
    const portal = async (q: string) => {
      const res = await app.request(`/api/v1/mailbox?${new URLSearchParams({ q, view: 'all' })}`, {
        headers: { authorization: `Bearer ${token}`, origin: ORIGIN },
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await body<Page>(res)).items.map((i) => i.message.id);
    };
    const toContact = await send(bob, {
      kind: 'external',
      subject: 'quote',
      audience: [
        { kind: 'contact', targetId: contactId },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    assert.deepEqual(await portal('from:bob'), [toContact]);
    assert.deepEqual(await portal('from:"Bob Li"'), [toContact]);
    assert.deepEqual(await portal('from:E1007'), []);
    assert.deepEqual(await portal('from:bob@example'), []);
    // Nor whom else it went to: the contact sees only its own audience entry.
    assert.deepEqual(await portal('to:alice'), []);
    assert.deepEqual(await portal('to:刘总'), [toContact]);
    // Staff see the whole audience.
    const alice = await body<Page>(
      await (await demoBrowser('E1004')).request(`/api/v1/mailbox?${new URLSearchParams({ q: 'to:刘总 quote' })}`),
    );
    assert.deepEqual(
      alice.items.map((i) => i.message.id),
      [toContact],
    );
  });

  const demoBrowser = async (employeeNo: string) => {
    const { browserAs } = await import('../imports/testing.js');
    return browserAs(app, deps.db, employeeNo, null);
  };

  test('to: over the audience (a member also by the directory), in the inbox and in Sent', async () => {
    const toMe = await send(li, { subject: 'to-test', audience: [{ kind: 'member', targetId: ids.E1003 }] });
    const toMeAndAlice = await send(li, {
      subject: 'to-test',
      audience: [
        { kind: 'member', targetId: ids.E1003 },
        { kind: 'member', targetId: ids.E1004 },
      ],
    });
    assert.deepEqual(await found(wang, 'to-test to:alice'), [toMeAndAlice]);
    assert.deepEqual(await found(wang, 'to-test to:E1004'), [toMeAndAlice]);
    assert.deepEqual(await found(wang, 'to-test to:wangwu'), [toMe, toMeAndAlice].sort());
    // Sent: what I sent to someone; from:/is:/tag: describe received entries, so nothing in Sent matches them.
    assert.deepEqual(await found(li, 'to-test to:"Alice Chen"', {}, 'sent'), [toMeAndAlice]);
    assert.deepEqual(await found(li, 'to-test is:unread', {}, 'sent'), []);
    // The search's folder counts agree with what Sent would list.
    const page = await search(wang, 'to-test to:alice');
    assert.equal(page.folders?.inbox, 1);
  });
});
