import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { SignJWT } from 'jose';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { mailboxTags, tags } from './schema.js';

const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '标签' }] }] };

describe('tags: organisation tree and personal tags (R11, R12)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser, zhang: Browser, li: Browser, wang: Browser, techAdmin: Browser, auditor: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app, admin } = await demoApp(ids));
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    li = await browserAs(app, deps.db, 'E1002', null);
    wang = await browserAs(app, deps.db, 'E1003', null);
    techAdmin = await browserAs(app, deps.db, 'E1006', 'department-admin', '技术部'); // message.manage, scoped
    auditor = await browserAs(app, deps.db, 'E1008', 'auditor'); // data.view only
  });
  after(() => deps.cleanup());

  const create = (b: Browser, json: Record<string, unknown>) => b.request('/api/v1/tags', { method: 'POST', json });
  const created = async (b: Browser, json: Record<string, unknown>) => {
    const res = await create(b, json);
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const list = async (b: Browser) => (await body(await b.request('/api/v1/tags'))).items as Array<Record<string, any>>;
  const fieldCodes = async (res: Response) =>
    ((await body(res)).errors ?? []).map((e: { path: string; code: string }) => `${e.path}:${e.code}`);

  test('R11: organisation tags need message.manage (any scope) or org.admin; personal tags any member; names unique \
among siblings', async () => {
    assert.equal((await create(li, { scope: 'organisation', name: '项目' })).status, 403);
    assert.equal((await create(auditor, { scope: 'organisation', name: '项目' })).status, 403);
    const project = await created(techAdmin, { scope: 'organisation', name: '项目', color: 'blue' });
    assert.deepEqual(
      { ...project, id: undefined },
      {
        id: undefined,
        parentId: null,
        name: '项目',
        color: 'blue',
        scope: 'organisation',
        position: 0,
        count: 0,
        unread: 0,
      },
    );
    const a = await created(admin, { scope: 'organisation', name: '项目A', parentId: project.id });
    assert.equal(a.parentId, project.id);
    // Case-insensitive among siblings; the same name elsewhere in the tree is fine.
    assert.equal((await create(admin, { scope: 'organisation', name: '项目a', parentId: project.id })).status, 409);
    await created(admin, { scope: 'organisation', name: 'Review', parentId: a.id });
    assert.equal((await create(admin, { scope: 'organisation', name: 'REVIEW', parentId: a.id })).status, 409);
    await created(admin, { scope: 'organisation', name: 'review', parentId: project.id });
    // A personal tag may have the same name as an organisation tag; another person's tree is separate.
    const mine = await created(li, { scope: 'personal', name: '项目' });
    assert.equal(mine.scope, 'personal');
    await created(wang, { scope: 'personal', name: '项目' });
    // Colour tokens only, never CSS.
    assert.deepEqual(await fieldCodes(await create(li, { scope: 'personal', name: 'x', color: '#ff0000' })), [
      'color:invalid-value',
    ]);
    assert.equal((await create(li, { scope: 'personal', name: ' ' })).status, 400);
    assert.equal((await create(li, { scope: 'personal', name: 'x'.repeat(51) })).status, 400);
    // The parent must be of the same scope (and owner).
    assert.deepEqual(await fieldCodes(await create(li, { scope: 'personal', name: 'x', parentId: project.id })), [
      'parentId:unknown-tag',
    ]);
    assert.deepEqual(await fieldCodes(await create(admin, { scope: 'organisation', name: 'x', parentId: mine.id })), [
      'parentId:unknown-tag',
    ]);
    // Organisation changes are audited, personal ones are not; the organisation hears of its tree, the owner of theirs.
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'tag.create'));
    assert.equal(trail.length, 4);
    assert.ok(!trail.some((r) => r.targetId === mine.id));
    const heard = await deps.db.select().from(events).where(eq(events.type, 'tags.updated'));
    const forMine = heard.filter((e) => (e.payload as { tagId: string }).tagId === mine.id);
    assert.deepEqual(
      forMine.map((e) => e.audienceId),
      [ids.E1002],
    );
    const forProject = heard.filter((e) => (e.payload as { tagId: string }).tagId === project.id);
    assert.ok(forProject.length >= 8 && forProject.some((e) => e.audienceId === ids.E1003));
  });

  test('R11: depth at most 10, no cycles, moves and renames; delete removes the subtree and assignments, never \
messages', async () => {
    let parentId: string | null = null;
    const chain: string[] = [];
    for (let level = 1; level <= 10; level++) {
      const t: Record<string, any> = await created(li, {
        scope: 'personal',
        name: `层${level}`,
        ...(parentId ? { parentId } : {}),
      });
      chain.push(t.id);
      parentId = t.id;
    }
    assert.deepEqual(await fieldCodes(await create(li, { scope: 'personal', name: '层11', parentId })), [
      'parentId:tag-too-deep',
    ]);
    const patch = (b: Browser, id: string, json: Record<string, unknown>) =>
      b.request(`/api/v1/tags/${id}`, { method: 'PATCH', json });
    // Under itself or a descendant: a cycle.
    assert.deepEqual(await fieldCodes(await patch(li, chain[2]!, { parentId: chain[2] })), ['parentId:tag-cycle']);
    assert.deepEqual(await fieldCodes(await patch(li, chain[2]!, { parentId: chain[5] })), ['parentId:tag-cycle']);
    // A two-level subtree moved under level 9 would reach 11.
    const side = await created(li, { scope: 'personal', name: '旁支' });
    const leaf = await created(li, { scope: 'personal', name: '叶', parentId: side.id });
    assert.deepEqual(await fieldCodes(await patch(li, side.id, { parentId: chain[8] })), ['parentId:tag-too-deep']);
    const moved = await body(
      await patch(li, side.id, { parentId: chain[7], name: '旁支2', color: 'green', position: 3 }),
    );
    assert.deepEqual([moved.parentId, moved.name, moved.color, moved.position], [chain[7], '旁支2', 'green', 3]);
    assert.equal((await patch(li, leaf.id, { parentId: null, color: null })).status, 200);
    // A sibling's name, in another case → 409.
    assert.equal((await patch(li, leaf.id, { name: '层1' })).status, 409);

    // Tag a message, then delete the subtree: the tags and assignments go, the message and mailbox entry stay.
    const m = await body(
      await zhang.request('/api/v1/messages', {
        method: 'POST',
        json: { kind: 'internal', subject: '深', body: doc, audience: [{ kind: 'member', targetId: ids.E1002 }] },
      }),
    );
    assert.equal(
      (
        await li.request('/api/v1/mailbox/batch', {
          method: 'POST',
          json: { action: 'tag', messageIds: [m.id], tagId: chain[4] },
        })
      ).status,
      200,
    );
    assert.equal((await li.request(`/api/v1/tags/${chain[3]}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await deps.db.select({ id: tags.id }).from(tags).where(inArray(tags.id, chain))).map((r) => r.id).sort(),
      chain.slice(0, 3).sort(),
    );
    assert.equal((await deps.db.select().from(mailboxTags).where(eq(mailboxTags.messageId, m.id))).length, 0);
    assert.equal((await deps.db.select().from(messages).where(eq(messages.id, m.id))).length, 1);
    assert.equal((await deps.db.select().from(mailbox).where(eq(mailbox.messageId, m.id))).length, 1);
    assert.equal((await li.request(`/api/v1/tags/${chain[3]}`, { method: 'DELETE' })).status, 404);
  });

  test("R11: another person's personal tag is 404 (IDOR); the organisation tree is shared, its changes need the \
permission", async () => {
    const private_ = await created(li, { scope: 'personal', name: '私人' });
    const org = await created(admin, { scope: 'organisation', name: '公告' });
    assert.equal(
      (await wang.request(`/api/v1/tags/${private_.id}`, { method: 'PATCH', json: { name: '偷看' } })).status,
      404,
    );
    assert.equal((await wang.request(`/api/v1/tags/${private_.id}`, { method: 'DELETE' })).status, 404);
    assert.equal((await admin.request(`/api/v1/tags/${private_.id}`, { method: 'DELETE' })).status, 404);
    assert.deepEqual(await fieldCodes(await create(wang, { scope: 'personal', name: 'x', parentId: private_.id })), [
      'parentId:unknown-tag',
    ]);
    const wangSees = await list(wang);
    assert.ok(!wangSees.some((t) => t.id === private_.id));
    assert.ok(wangSees.some((t) => t.id === org.id));
    assert.ok(wangSees.filter((t) => t.scope === 'personal').every((t) => t.name !== '私人'));
    // Members without the permission may not change organisation tags (403: they can see them).
    assert.equal((await wang.request(`/api/v1/tags/${org.id}`, { method: 'PATCH', json: { name: '改' } })).status, 403);
    assert.equal((await wang.request(`/api/v1/tags/${org.id}`, { method: 'DELETE' })).status, 403);
    // Nor tag their mail with someone else's personal tag.
    const m = await body(
      await zhang.request('/api/v1/messages', {
        method: 'POST',
        json: { kind: 'internal', subject: '私', body: doc, audience: [{ kind: 'member', targetId: ids.E1003 }] },
      }),
    );
    const res = await wang.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'tag', messageIds: [m.id], tagId: private_.id },
    });
    assert.deepEqual(await fieldCodes(res), ['tagId:unknown-tag']);
    // Audited update and delete of the organisation tag.
    assert.equal(
      (await techAdmin.request(`/api/v1/tags/${org.id}`, { method: 'PATCH', json: { name: '通知' } })).status,
      200,
    );
    assert.equal((await techAdmin.request(`/api/v1/tags/${org.id}`, { method: 'DELETE' })).status, 204);
    const actions = (await deps.db.select().from(auditLog).where(eq(auditLog.targetId, org.id)))
      .map((r) => r.action)
      .sort();
    assert.deepEqual(actions, ['tag.create', 'tag.delete', 'tag.update']);
  });

  // Issue 14: with a contact's token GET /tags listed 项目 › 项目A › 需求沟通, and the portal showed them.
  test('issue 14: external contacts see no organisation tags: not listed, not usable, not announced; their own tags \
work', async () => {
    const project = await created(admin, { scope: 'organisation', name: '项目外' });
    const projectA = await created(admin, { scope: 'organisation', name: '项目外A', parentId: project.id });
    const topic = await created(admin, { scope: 'organisation', name: '需求沟通', parentId: projectA.id });
    const ORIGIN = 'https://portal.example.com';
    const embed = await body(
      await admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Tags portal', origins: [ORIGIN] } }),
    );
    const contact = await body(
      await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: '客户标签', portalEnabled: true },
      }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(`contact:${contact.id}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(embed.secret));
    const portal = (path: string, init: { method?: string; json?: unknown } = {}) =>
      app.request(`/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          origin: ORIGIN,
          ...(init.json ? { 'content-type': 'application/json' } : {}),
        },
        body: init.json ? JSON.stringify(init.json) : undefined,
      });

    const before = await portal('/tags');
    assert.equal(before.status, 200);
    assert.deepEqual((await body(before)).items, [], 'no organisation tag, and none of their own yet');
    assert.ok(
      (await list(li)).some((t) => t.id === topic.id),
      'members still see the organisation tree',
    );
    // Their own tags work as before, and are all they see.
    const mine = await body(await portal('/tags', { method: 'POST', json: { scope: 'personal', name: '跟进' } }));
    assert.equal(mine.scope, 'personal');
    assert.deepEqual(
      (await body(await portal('/tags'))).items.map((t: { id: string }) => t.id),
      [mine.id],
    );
    // An organisation tag is unknown to them: not a parent, not a tag for their mail, not a tree to change.
    assert.deepEqual(
      await fieldCodes(
        await portal('/tags', { method: 'POST', json: { scope: 'personal', name: '子', parentId: topic.id } }),
      ),
      ['parentId:unknown-tag'],
    );
    const m = await body(
      await admin.request('/api/v1/messages', {
        method: 'POST',
        json: { kind: 'external', subject: '报价', body: doc, audience: [{ kind: 'contact', targetId: contact.id }] },
      }),
    );
    assert.ok(m.id, JSON.stringify(m));
    assert.deepEqual(
      await fieldCodes(
        await portal('/mailbox/batch', {
          method: 'POST',
          json: { action: 'tag', messageIds: [m.id], tagId: topic.id },
        }),
      ),
      ['tagId:unknown-tag'],
    );
    assert.equal(
      (await portal('/mailbox/batch', { method: 'POST', json: { action: 'tag', messageIds: [m.id], tagId: mine.id } }))
        .status,
      200,
    );
    assert.equal((await portal(`/tags/${topic.id}`, { method: 'PATCH', json: { name: '改' } })).status, 404);
    // An assignment made before this rule (written directly here) does not bring the name back through an export.
    await deps.db.insert(mailboxTags).values({
      ownerId: contact.id,
      messageId: m.id,
      tagId: topic.id,
      deliveredAt: Date.now(),
      createdAt: Date.now(),
    });
    const exported = await portal('/mailbox/export?locale=zh-CN', { method: 'POST', json: { messageIds: [m.id] } });
    assert.equal(exported.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await exported.arrayBuffer()) as never);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    assert.ok(
      cells.some((v) => v.includes('跟进')),
      'their own tag is exported',
    );
    assert.ok(!cells.some((v) => v.includes('需求沟通')), 'the organisation tag is not');
    // Changes to the organisation tree are announced to members only.
    const head = (await deps.db.all<{ seq: number }>(sql`select coalesce(max(seq), 0) as seq from events`))[0]!.seq;
    assert.equal(
      (await admin.request(`/api/v1/tags/${project.id}`, { method: 'PATCH', json: { name: '项目外（改）' } })).status,
      200,
    );
    const told = await deps.db
      .select({ kind: events.audienceKind, id: events.audienceId })
      .from(events)
      .where(and(sql`${events.seq} > ${head}`, eq(events.type, 'tags.updated')));
    assert.ok(
      told.some((e) => e.kind === 'member'),
      'members are told',
    );
    assert.deepEqual(
      told.filter((e) => e.kind === 'contact'),
      [],
      'contacts are not',
    );
  });

  test("R11/R12: counts and unread per tag are the caller's own entries, not deleted", async () => {
    const tag = await created(admin, { scope: 'organisation', name: '计数' });
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await body(
        await zhang.request('/api/v1/messages', {
          method: 'POST',
          json: {
            kind: 'internal',
            subject: `计数${i}`,
            body: doc,
            audience: [
              { kind: 'member', targetId: ids.E1002 },
              { kind: 'member', targetId: ids.E1003 },
            ],
          },
        }),
      );
      sent.push(m.id);
    }
    const batch = (b: Browser, json: Record<string, unknown>) =>
      b.request('/api/v1/mailbox/batch', { method: 'POST', json });
    assert.equal((await batch(li, { action: 'tag', messageIds: sent, tagId: tag.id })).status, 200);
    assert.equal((await batch(wang, { action: 'tag', messageIds: sent.slice(0, 1), tagId: tag.id })).status, 200);
    await batch(li, { action: 'read', messageIds: [sent[0]] });
    await batch(li, { action: 'delete', messageIds: [sent[2]] });
    const liTag = (await list(li)).find((t) => t.id === tag.id)!;
    assert.deepEqual([liTag.count, liTag.unread], [2, 1]);
    const wangTag = (await list(wang)).find((t) => t.id === tag.id)!;
    assert.deepEqual([wangTag.count, wangTag.unread], [1, 1]);
    // Restored from the trash: counted again.
    await batch(li, { action: 'restore', messageIds: [sent[2]] });
    assert.equal((await list(li)).find((t) => t.id === tag.id)!.count, 3);
  });

  test('R11: an API key has no mailbox (no personal tags, no list, no batch) but may manage organisation tags with the \
permission', async () => {
    const key = await body(
      await admin.request('/api/v1/api-keys', {
        method: 'POST',
        json: { name: 'Tagger', permissions: ['message.manage'] },
      }),
    );
    const weak = await body(
      await admin.request('/api/v1/api-keys', { method: 'POST', json: { name: 'Reader', permissions: ['data.view'] } }),
    );
    const as = (k: string, path: string, init: { method?: string; json?: unknown } = {}) =>
      app.request(`/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${k}`, ...(init.json ? { 'content-type': 'application/json' } : {}) },
        ...(init.json ? { body: JSON.stringify(init.json) } : {}),
      });
    assert.equal((await as(key.key, '/tags')).status, 403);
    assert.equal((await as(key.key, '/tags', { method: 'POST', json: { scope: 'personal', name: 'k' } })).status, 403);
    assert.equal(
      (await as(weak.key, '/tags', { method: 'POST', json: { scope: 'organisation', name: 'k' } })).status,
      403,
    );
    const res = await as(key.key, '/tags', { method: 'POST', json: { scope: 'organisation', name: '接口' } });
    assert.equal(res.status, 201, await res.clone().text());
    const tag = await body(res);
    const patched = await as(key.key, `/tags/${tag.id}`, { method: 'PATCH', json: { color: 'pink' } });
    assert.deepEqual([patched.status, (await body(patched)).color], [200, 'pink']);
    assert.equal(
      (await as(key.key, '/mailbox/batch', { method: 'POST', json: { action: 'read', filter: {} } })).status,
      403,
    );
    assert.equal((await as(key.key, `/tags/${tag.id}`, { method: 'DELETE' })).status, 204);
  });

  test('R11: at most 200 personal tags per person and 1,000 organisation tags', async () => {
    const { browser: newcomer, id } = await (async () => {
      const b = await browserAs(app, deps.db, 'E1005', null);
      return { browser: b, id: ids.E1005! };
    })();
    const t = Date.now();
    await deps.db.insert(tags).values(
      Array.from({ length: 200 }, (_, i) => ({
        id: newId(),
        ownerId: id,
        name: `p${i}`,
        createdAt: t,
        updatedAt: t,
      })),
    );
    assert.equal((await create(newcomer, { scope: 'personal', name: 'one more' })).status, 409);
    const [{ n } = { n: 0 }] = await deps.db.all<{ n: number }>(
      sql`select count(*) as n from tags where owner_id is null`,
    );
    const missing = 1000 - Number(n);
    for (let i = 0; i < missing; i += 200) {
      await deps.db.insert(tags).values(
        Array.from({ length: Math.min(200, missing - i) }, (_, j) => ({
          id: newId(),
          ownerId: null,
          name: `o${i + j}`,
          createdAt: t,
          updatedAt: t,
        })),
      );
    }
    assert.equal((await create(admin, { scope: 'organisation', name: 'one more' })).status, 409);
    // Others' personal tags are not affected by either limit.
    assert.equal((await create(wang, { scope: 'personal', name: 'still fine' })).status, 201);
    await deps.db.delete(tags).where(and(eq(tags.ownerId, id)));
  });
});
