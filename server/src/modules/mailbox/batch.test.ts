import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { newId } from '../../lib/ids.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { messages } from '../messages/schema.js';
import { mailboxTags } from '../tags/schema.js';
import { mailbox } from './schema.js';

const DAY = 24 * 60 * 60_000;

describe('mailbox batch operations and export (R12, R13)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser, zhang: Browser, li: Browser, wang: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app, admin } = await demoApp(ids));
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    li = await browserAs(app, deps.db, 'E1002', null);
    wang = await browserAs(app, deps.db, 'E1003', null);
  });
  after(() => deps.cleanup());

  const send = async (patch: Record<string, unknown> = {}, to = [ids.E1002, ids.E1003]) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '批量',
        body: doc('正文'),
        audience: to.map((id) => ({ kind: 'member', targetId: id })),
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const batch = (b: Browser, json: Record<string, unknown>) =>
    b.request('/api/v1/mailbox/batch', { method: 'POST', json });
  const ok = async (b: Browser, json: Record<string, unknown>) => {
    const res = await batch(b, json);
    assert.equal(res.status, 200, await res.clone().text());
    return body(res);
  };
  const entries = (owner: string, messageIds: string[]) =>
    deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, owner), inArray(mailbox.messageId, messageIds)));
  const fieldCodes = async (res: Response) =>
    ((await body(res)).errors ?? []).map((e: { path: string; code: string }) => `${e.path}:${e.code}`);

  /** `n` delivered messages to one owner, written directly (the API would take a while for 1,000). */
  const bulkDeliver = async (owner: string, n: number, subject: string) => {
    const t = Date.now();
    const created: string[] = [];
    for (let i = 0; i < n; i += 200) {
      const part = Array.from({ length: Math.min(200, n - i) }, () => newId());
      await deps.db.insert(messages).values(
        part.map((id, j) => ({
          id,
          threadId: id,
          senderKind: 'member' as const,
          senderId: ids.E1001!,
          kind: 'internal' as const,
          subject: `${subject}${i + j}`,
          body: doc('x'),
          bodyText: 'x',
          status: 'sent' as const,
          recipientCount: 1,
          deliveredAt: t - (i + j),
          createdAt: t,
          updatedAt: t,
        })),
      );
      await deps.db.insert(mailbox).values(
        part.map((id, j) => ({
          messageId: id,
          ownerKind: 'member' as const,
          ownerId: owner,
          threadId: id,
          senderId: ids.E1001!,
          priority: 'normal' as const,
          deliveredAt: t - (i + j),
        })),
      );
      created.push(...part);
    }
    return created;
  };

  test('R12: read / unread / archive / unarchive answer matched and changed, and tell the sender and other \
tabs', async () => {
    const [a, b, c] = [await send(), await send(), await send()];
    assert.equal((await li.request(`/api/v1/mailbox/${a}/read`, { method: 'POST' })).status, 200);
    const before = (await deps.db.select().from(events)).length;
    assert.deepEqual(await ok(li, { action: 'read', messageIds: [a, b, c, b] }), {
      action: 'read',
      matched: 3,
      changed: 2,
    });
    const liRead = await entries(ids.E1002!, [a, b, c]);
    assert.equal(liRead.length, 3);
    assert.ok(liRead.every((e) => e.readAt !== null));
    const wangRead = await entries(ids.E1003!, [a, b, c]);
    assert.equal(wangRead.length, 3);
    assert.ok(
      wangRead.every((e) => e.readAt === null),
      "only the caller's copies change",
    );
    const fresh = (await deps.db.select().from(events)).slice(before);
    const reads = fresh.filter((e) => e.type === 'message.read');
    assert.deepEqual(
      reads
        .map((e) => [
          e.audienceId,
          (e.payload as { messageId: string; recipientId: string }).messageId,
          (e.payload as { recipientId: string }).recipientId,
        ])
        .sort(),
      [
        [ids.E1001, b, ids.E1002],
        [ids.E1001, c, ids.E1002],
      ].sort(),
    );
    const updated = fresh.filter((e) => e.type === 'mailbox.updated');
    assert.deepEqual(
      updated.map((e) => [e.audienceId, e.payload]),
      [[ids.E1002, { messageIds: [b, c], action: 'read' }]],
    );

    assert.deepEqual(await ok(li, { action: 'unread', messageIds: [a, b] }), {
      action: 'unread',
      matched: 2,
      changed: 2,
    });
    assert.deepEqual(await ok(li, { action: 'unread', messageIds: [a, b] }), {
      action: 'unread',
      matched: 2,
      changed: 0,
    });
    assert.deepEqual(await ok(li, { action: 'archive', messageIds: [a, c] }), {
      action: 'archive',
      matched: 2,
      changed: 2,
    });
    assert.deepEqual(await ok(li, { action: 'archive', messageIds: [a, b, c] }), {
      action: 'archive',
      matched: 3,
      changed: 1,
    });
    const archived = await entries(ids.E1002!, [a, b, c]);
    assert.equal(archived.length, 3);
    assert.ok(archived.every((e) => e.archivedAt !== null && e.deletedAt === null));
    assert.deepEqual(await ok(li, { action: 'unarchive', messageIds: [a] }), {
      action: 'unarchive',
      matched: 1,
      changed: 1,
    });
    const [entryA] = await entries(ids.E1002!, [a]);
    assert.equal(entryA!.archivedAt, null);
  });

  test("R12: tag and untag write per-mailbox tags with the entry's delivery time; the tag must be usable", async () => {
    const [a, b] = [await send(), await send()];
    const tag = await body(
      await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '跟进' } }),
    );
    const org = await body(
      await admin.request('/api/v1/tags', { method: 'POST', json: { scope: 'organisation', name: '重要' } }),
    );
    assert.deepEqual(await ok(li, { action: 'tag', messageIds: [a], tagId: tag.id }), {
      action: 'tag',
      matched: 1,
      changed: 1,
    });
    assert.deepEqual(await ok(li, { action: 'tag', messageIds: [a, b], tagId: tag.id }), {
      action: 'tag',
      matched: 2,
      changed: 1,
    });
    assert.deepEqual(await ok(wang, { action: 'tag', messageIds: [a], tagId: org.id }), {
      action: 'tag',
      matched: 1,
      changed: 1,
    });
    const rows = await deps.db
      .select()
      .from(mailboxTags)
      .where(inArray(mailboxTags.messageId, [a, b]));
    assert.equal(rows.length, 3);
    const [entry] = await entries(ids.E1002!, [a]);
    assert.equal(rows.find((r) => r.ownerId === ids.E1002 && r.messageId === a)!.deliveredAt, entry!.deliveredAt);
    assert.deepEqual(await ok(li, { action: 'untag', messageIds: [a, b], tagId: tag.id }), {
      action: 'untag',
      matched: 2,
      changed: 2,
    });
    assert.equal((await deps.db.select().from(mailboxTags).where(eq(mailboxTags.ownerId, ids.E1002!))).length, 0);
    assert.equal(
      (await deps.db.select().from(mailboxTags).where(eq(mailboxTags.ownerId, ids.E1003!))).length,
      1,
      'my tags never touch your copy',
    );
    assert.deepEqual(await fieldCodes(await batch(li, { action: 'tag', messageIds: [a] })), ['tagId:required']);
    assert.deepEqual(await fieldCodes(await batch(li, { action: 'tag', messageIds: [a], tagId: 'nope' })), [
      'tagId:unknown-tag',
    ]);
  });

  test("R12: all or nothing — one id not in the caller's mailbox changes nothing and is named by its \
index", async () => {
    const mine = [await send(), await send()];
    const notMine = await send({}, [ids.E1003!]);
    const res = await batch(li, { action: 'read', messageIds: [mine[0], notMine, mine[1], 'no-such-id'] });
    assert.equal(res.status, 400);
    assert.deepEqual(await fieldCodes(res), ['messageIds.1:not-in-mailbox', 'messageIds.3:not-in-mailbox']);
    const unchanged = await entries(ids.E1002!, mine);
    assert.equal(unchanged.length, 2);
    assert.ok(unchanged.every((e) => e.readAt === null));
    // A deleted entry is not in the mailbox for anything but restore.
    await ok(li, { action: 'delete', messageIds: [mine[0]] });
    assert.deepEqual(await fieldCodes(await batch(li, { action: 'archive', messageIds: [mine[1], mine[0]] })), [
      'messageIds.1:not-in-mailbox',
    ]);
    assert.equal((await entries(ids.E1002!, [mine[1]!]))[0]!.archivedAt, null);
    // Neither body: refused; both: refused.
    assert.equal((await batch(li, { action: 'read' })).status, 400);
    assert.equal((await batch(li, { action: 'read', messageIds: [mine[1]], filter: { view: 'inbox' } })).status, 400);
    assert.equal((await batch(li, { action: 'read', messageIds: [] })).status, 400);
  });

  test('R12: delete and restore go through the trash for 30 days, audited with count and ids', async () => {
    const [a, b, old] = [await send(), await send(), await send()];
    assert.deepEqual(await ok(li, { action: 'delete', messageIds: [a, b, old] }), {
      action: 'delete',
      matched: 3,
      changed: 3,
    });
    const trail = (
      await deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'mailbox.delete'), eq(auditLog.actorId, ids.E1002!)))
    )
      .map((r) => r.after as { count: number; messageIds: string[] })
      .find((r) => r.messageIds.includes(old))!;
    assert.deepEqual([trail.count, [...trail.messageIds].sort()], [3, [a, b, old].sort()]);
    // Deleted 31 days ago: gone for good; 29 days ago: still restorable.
    await deps.db
      .update(mailbox)
      .set({ deletedAt: Date.now() - 31 * DAY })
      .where(and(eq(mailbox.ownerId, ids.E1002!), eq(mailbox.messageId, old)));
    await deps.db
      .update(mailbox)
      .set({ deletedAt: Date.now() - 29 * DAY })
      .where(and(eq(mailbox.ownerId, ids.E1002!), eq(mailbox.messageId, b)));
    assert.deepEqual(await fieldCodes(await batch(li, { action: 'restore', messageIds: [a, old] })), [
      'messageIds.1:not-in-mailbox',
    ]);
    assert.deepEqual(await ok(li, { action: 'restore', messageIds: [a, b] }), {
      action: 'restore',
      matched: 2,
      changed: 2,
    });
    const undeleted = await entries(ids.E1002!, [a, b]);
    assert.equal(undeleted.length, 2);
    assert.ok(undeleted.every((e) => e.deletedAt === null));
    assert.deepEqual(await ok(li, { action: 'restore', messageIds: [a] }), {
      action: 'restore',
      matched: 1,
      changed: 0,
    });
    const restores = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mailbox.restore'), eq(auditLog.actorId, ids.E1002!)));
    assert.deepEqual(
      restores
        .map((r) => r.after as { count: number; messageIds: string[] })
        .map((r) => [r.count, [...r.messageIds].sort()]),
      [[2, [a, b].sort()]],
    );
    // The sender's record is untouched.
    assert.equal(
      (
        await deps.db
          .select()
          .from(messages)
          .where(and(eq(messages.id, old), isNull(messages.deletedAt)))
      ).length,
      1,
    );
  });

  test('R12: 1,000 entries in one batch are fine, 1,001 ids are refused', async () => {
    const many = await bulkDeliver(ids.E1004!, 1001, '千');
    const alice = await browserAs(app, deps.db, 'E1004', null);
    const tooMany = await batch(alice, { action: 'archive', messageIds: many });
    assert.equal(tooMany.status, 400);
    assert.deepEqual(await fieldCodes(tooMany), ['messageIds:too-many']);
    assert.deepEqual(await ok(alice, { action: 'archive', messageIds: many.slice(0, 1000) }), {
      action: 'archive',
      matched: 1000,
      changed: 1000,
    });
    assert.equal(
      (
        await deps.db
          .select()
          .from(mailbox)
          .where(and(eq(mailbox.ownerId, ids.E1004!), isNotNull(mailbox.archivedAt)))
      ).length,
      1000,
    );
    // By filter: 1,001 matches → 422 with the count; nothing changed.
    const res = await batch(alice, { action: 'read', filter: { view: 'all' } });
    assert.equal(res.status, 422);
    const problem = await body(res);
    assert.deepEqual([problem.code, problem.count], ['batch-too-large', 1001]);
    assert.equal(
      (
        await deps.db
          .select()
          .from(mailbox)
          .where(and(eq(mailbox.ownerId, ids.E1004!), isNotNull(mailbox.readAt)))
      ).length,
      0,
    );
    // The inbox view holds the one not archived.
    assert.deepEqual(await ok(alice, { action: 'read', filter: { view: 'inbox' } }), {
      action: 'read',
      matched: 1,
      changed: 1,
    });
    await deps.db
      .update(mailbox)
      .set({ priority: 'high' })
      .where(and(eq(mailbox.ownerId, ids.E1004!), inArray(mailbox.messageId, many.slice(100, 111))));
    assert.deepEqual(await ok(alice, { action: 'delete', filter: { view: 'archived', priority: 'high' } }), {
      action: 'delete',
      matched: 11,
      changed: 11,
    });
    assert.deepEqual(await ok(alice, { action: 'restore', filter: { view: 'trash' } }), {
      action: 'restore',
      matched: 11,
      changed: 11,
    });
  });

  test('R13: export gives the selected entries as .xlsx; recalled content stays hidden', async () => {
    const visible = await send({ subject: '导出可见', body: doc('可见的正文'), priority: 'high' });
    const recalled = await send({ subject: '已撤回的主题', body: doc('秘密正文') });
    assert.equal((await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' })).status, 200);
    const tag = await body(
      await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '导出' } }),
    );
    await ok(li, { action: 'tag', messageIds: [visible], tagId: tag.id });
    await ok(li, { action: 'read', messageIds: [visible] });
    const res = await li.request('/api/v1/mailbox/export?locale=en', {
      method: 'POST',
      json: { messageIds: [visible, recalled] },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-type')!, /spreadsheetml/);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename=".*\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, [
      'Received',
      'Sender',
      'Subject',
      'Priority',
      'Kind',
      'Tags',
      'Read',
      'Confirmed',
      'Progress',
      'Archived',
      'Expires',
      'Attachments',
      'Text',
    ]);
    assert.equal(sheet.rowCount, 3);
    const rows = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const shown = rows.find((r) => r[2] === '导出可见')!;
    assert.ok(shown, JSON.stringify(rows));
    assert.deepEqual([shown[1], shown[3], shown[5], shown[12]], ['张三', 'high', '导出', '可见的正文']);
    assert.ok(shown[6] instanceof Date);
    const hidden = rows.find((r) => r !== shown)!;
    assert.ok(!JSON.stringify(hidden).includes('秘密') && !JSON.stringify(hidden).includes('已撤回'));
    // Chinese headers by default; same refusal rules as a batch.
    const zh = new ExcelJS.Workbook();
    await zh.xlsx.load(
      Buffer.from(
        await (
          await li.request('/api/v1/mailbox/export', {
            method: 'POST',
            json: { filter: { view: 'all', q: '导出可见' } },
          })
        ).arrayBuffer(),
      ) as never,
    );
    assert.equal(zh.worksheets[0]!.getRow(1).getCell(3).value, '主题');
    assert.equal(zh.worksheets[0]!.rowCount, 2);
    const foreign = await li.request('/api/v1/mailbox/export', {
      method: 'POST',
      json: { messageIds: [await send({}, [ids.E1003!])] },
    });
    assert.deepEqual(await fieldCodes(foreign), ['messageIds.0:not-in-mailbox']);
  });
});
