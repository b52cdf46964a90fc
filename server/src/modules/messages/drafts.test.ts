// Issue 20 #2: the Drafts view's server side — every draft listed with its summary in one request, one draft to
// continue, live events to the owner's other tabs, and drafts private to their owner (members, contacts and embed
// tokens of another subject alike).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { contacts } from '../contacts/schema.js';
import { events } from '../live/schema.js';

type Summary = {
  id: string;
  subject: string;
  recipientCount: number;
  recipientNames: string[];
  preview: string;
  attachmentCount: number;
  updatedAt: number;
  data?: Record<string, unknown>;
};

describe('drafts: the Drafts view (issue 20 #2)', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let app: ReturnType<typeof createApp>;
  let admin: Browser, zhang: Browser, wang: Browser;
  const ids: Record<string, string> = {};
  const ORIGIN = 'https://portal.example.com';
  let embed: { id: string; secret: string };

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, app, admin, as } = await demoApp(ids));
    [zhang, wang] = await Promise.all([as('E1001', 'sender'), as('E1003')]);
    embed = await body(
      await admin.request('/api/v1/embed-apps', {
        method: 'POST',
        json: { name: 'Portal', origins: [ORIGIN], audience: 'both' },
      }),
    );
  });
  after(() => deps.cleanup());

  const save = async (b: Browser, data: Record<string, unknown>) => {
    const res = await b.request('/api/v1/drafts', { method: 'POST', json: { data } });
    assert.equal(res.status, 201, await res.clone().text());
    return body<Summary>(res);
  };
  const list = async (b: Browser, query = '') =>
    (await body<{ items: Summary[] }>(await b.request(`/api/v1/drafts${query}`))).items;
  /** A request with an embed token naming `sub` (an employee number, or `contact:<id>`). */
  const asToken = async (sub: string, path: string, init: RequestInit = {}) => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(embed.secret));
    return app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, origin: ORIGIN } });
  };

  test('the list carries each summary, newest first; fields=summary leaves the data out', async () => {
    const older = await save(zhang, {
      subject: '  周报\n草稿 ',
      recipients: [
        { kind: 'member', id: ids.E1003, name: '王五' },
        { kind: 'department', id: 'd1', name: '技术部' },
        { kind: 'member', id: ids.E1004, name: '赵六' },
        { kind: 'member', id: ids.E1002, name: '李四' },
      ],
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: '<b>本周</b>' }] },
          { type: 'paragraph', content: [{ type: 'mention', attrs: { id: ids.E1003, label: '王五' } }] },
        ],
      },
      attachments: [{ id: 'a1' }],
    });
    const newer = await save(zhang, { subject: '', body: textDoc('x'.repeat(300)) });
    const items = await list(zhang, '?fields=summary');
    assert.deepEqual(
      items.slice(0, 2).map((d) => d.id),
      [newer.id, older.id],
    );
    const [n, o] = items as [Summary, Summary];
    assert.equal(n.subject, '');
    assert.equal(n.preview.length, 121, 'the preview stops at 120 characters and an ellipsis');
    assert.equal(o.subject, '周报 草稿');
    assert.equal(o.recipientCount, 4);
    assert.deepEqual(o.recipientNames, ['王五', '技术部', '赵六']);
    assert.equal(o.preview, '<b>本周</b> @王五', 'plain text, never markup');
    assert.equal(o.attachmentCount, 1);
    assert.ok(!('data' in o));
    // Without fields=summary the composer still gets the whole state.
    assert.equal((await list(zhang))[0]!.data!.subject, '');
  });

  test('a foreign shape summarises to nothing, never a crash', async () => {
    const odd = await save(zhang, {
      subject: 7,
      recipients: 'everyone',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image', src: 'x' }] }] },
      ['__proto__']: { subject: 'polluted' },
    });
    assert.equal(odd.subject, '');
    assert.equal(odd.recipientCount, 0);
    assert.equal(odd.preview, '');
  });

  test('bad input is refused as problem+json', async () => {
    const res = await zhang.request('/api/v1/drafts?fields=everything');
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  });

  test('one draft to continue: its owner only (another member, a contact, a token of another subject: \
refused)', async () => {
    const mine = await save(zhang, { subject: '继续写' });
    const path = `/api/v1/drafts/${mine.id}`;
    const own = await body<Summary>(await zhang.request(path));
    assert.equal(own.data!.subject, '继续写');
    assert.equal(own.subject, '继续写');
    assert.equal((await wang.request(path)).status, 404);
    assert.equal((await zhang.request('/api/v1/drafts/nope')).status, 404);
    // An embed token names its member: the owner's token reads it, another member's does not.
    const ownToken = await asToken('E1001', path);
    assert.equal(ownToken.status, 200, await ownToken.clone().text());
    assert.equal((await asToken('E1003', path)).status, 404);
    assert.equal((await asToken('E1003', path, { method: 'DELETE' })).status, 404);
    const contactId = newId();
    await deps.db.insert(contacts).values({
      id: contactId,
      kind: 'customer',
      name: '王经理',
      company: '甲公司',
      portalEnabled: true,
      searchText: '王经理',
      createdAt: 1,
      updatedAt: 1,
    });
    for (const [method, p] of [
      ['GET', path],
      ['GET', '/api/v1/drafts'],
      ['DELETE', path],
    ] as const) {
      const res = await asToken(`contact:${contactId}`, p, { method });
      assert.equal(res.status, 403, `${method} ${p} as a contact`);
    }
    assert.equal((await zhang.request(path)).status, 200, 'still there after the refused attempts');
  });

  test("live: saving, discarding and sending a draft tell the owner's streams, nobody else's", async () => {
    const [{ seq: start } = { seq: 0 }] = await deps.db
      .select({ seq: events.seq })
      .from(events)
      .orderBy(events.seq)
      .limit(1)
      .offset(0);
    const since = async () =>
      (
        await deps.db
          .select()
          .from(events)
          .where(and(gt(events.seq, start), eq(events.type, 'draft.saved')))
      ).concat(
        await deps.db
          .select()
          .from(events)
          .where(and(gt(events.seq, start), eq(events.type, 'draft.deleted'))),
      );
    const before = (await since()).length;
    const a = await save(zhang, { subject: '一' });
    await zhang.request(`/api/v1/drafts/${a.id}`, { method: 'PUT', json: { data: { subject: '二' } } });
    await zhang.request(`/api/v1/drafts/${a.id}`, { method: 'DELETE' });
    const b = await save(zhang, { subject: '发出' });
    const sent = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '发出',
        body: textDoc('hi'),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
        draftId: b.id,
      },
    });
    assert.equal(sent.status, 201, await sent.clone().text());
    const rows = (await since()).slice(before);
    const mine = rows.filter((r) => r.audienceId === ids.E1001);
    assert.equal(mine.length, rows.length, 'only the owner hears of their drafts');
    const of = (type: string, id: string) =>
      mine.filter((r) => {
        const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
        return r.type === type && (p.id === id || p.draftId === id);
      });
    assert.equal(of('draft.saved', a.id).length, 2);
    const savedPayload = of('draft.saved', a.id)[1]!.payload;
    const p = (typeof savedPayload === 'string' ? JSON.parse(savedPayload) : savedPayload) as Summary;
    assert.equal(p.subject, '二', 'the event carries the summary: the view patches its row without asking');
    assert.ok(!('data' in p));
    assert.equal(of('draft.deleted', a.id).length, 1);
    assert.equal(of('draft.deleted', b.id).length, 1, 'sending a draft removes it from the Drafts views');
    assert.ok(!(await list(zhang)).some((d) => d.id === b.id));
  });
});
