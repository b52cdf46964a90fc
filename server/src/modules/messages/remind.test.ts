import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { members } from '../org/schema.js';
import { messages } from './schema.js';

const doc = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

describe("the sender's view: remind and export recipients (R9, R14)", () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let zhang: Browser, li: Browser, wang: Browser, alice: Browser, techAdmin: Browser, auditor: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    await seedDemo(deps.db);
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    zhang = await browserAs(app, deps.db, 'E1001', 'sender'); // 技术部
    li = await browserAs(app, deps.db, 'E1002', null);
    wang = await browserAs(app, deps.db, 'E1003', null);
    alice = await browserAs(app, deps.db, 'E1004', null);
    techAdmin = await browserAs(app, deps.db, 'E1006', 'department-admin', '技术部');
    auditor = await browserAs(app, deps.db, 'E1008', 'auditor');
  });
  after(() => deps.cleanup());

  const send = async (patch: Record<string, unknown> = {}) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '提醒',
        body: doc('请确认'),
        audience: [ids.E1002, ids.E1003, ids.E1005].map((id) => ({ kind: 'member', targetId: id })),
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const remind = (b: Browser, id: string, state: 'unread' | 'unconfirmed') =>
    b.request(`/api/v1/messages/${id}/remind`, { method: 'POST', json: { state } });
  const lastSeq = async () => (await deps.db.select().from(events)).reduce((max, e) => Math.max(max, e.seq), 0);
  const remindersSince = async (seq: number) =>
    await deps.db
      .select()
      .from(events)
      .where(and(gt(events.seq, seq), eq(events.type, 'message.reminder')));
  const earlier = (id: string, ms: number) =>
    deps.db
      .update(messages)
      .set({ remindedAt: Date.now() - ms })
      .where(eq(messages.id, id));

  test('R9: reminding tells exactly those who have not read / confirmed, at most once per 5 minutes', async () => {
    const id = await send({ receiptRequired: true, kind: 'urgent' });
    assert.equal((await li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })).status, 200);
    assert.equal((await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
    let seq = await lastSeq();
    const res = await remind(zhang, id, 'unread');
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await body(res), { reminded: 1 });
    const first = await remindersSince(seq);
    assert.deepEqual(
      first.map((e) => [e.audienceId, e.payload]),
      [[ids.E1005, { messageId: id, priority: 'urgent' }]],
    );
    // Again at once: refused with the seconds to wait.
    const soon = await remind(zhang, id, 'unconfirmed');
    assert.equal(soon.status, 409);
    const problem = await body(soon);
    assert.equal(problem.code, 'remind-too-soon');
    assert.ok(problem.retryAfter > 290 && problem.retryAfter <= 300, String(problem.retryAfter));
    assert.equal(soon.headers.get('retry-after'), String(problem.retryAfter));
    // Five minutes later: the unconfirmed are li (read, not confirmed) and 赵六.
    await earlier(id, 5 * 60_000 + 1);
    seq = await lastSeq();
    assert.deepEqual(await body(await remind(zhang, id, 'unconfirmed')), { reminded: 2 });
    assert.deepEqual((await remindersSince(seq)).map((e) => e.audienceId).sort(), [ids.E1002, ids.E1005].sort());
    const trail = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'message.remind'), eq(auditLog.targetId, id)));
    assert.deepEqual(
      trail.map((r) => r.after),
      [
        { state: 'unread', count: 1 },
        { state: 'unconfirmed', count: 2 },
      ],
    );
  });

  test('R9/R14: who may remind: the sender and overseers in scope; never recalled, deleted, expired or receipt-less \
messages', async () => {
    const id = await send();
    assert.equal((await remind(alice, id, 'unread')).status, 404); // a stranger does not learn it exists
    assert.equal((await remind(li, id, 'unread')).status, 403); // a recipient
    assert.equal((await remind(auditor, id, 'unread')).status, 200); // data.view, organisation-wide
    await earlier(id, 6 * 60_000);
    assert.equal((await remind(techAdmin, id, 'unread')).status, 200); // message.manage over 技术部
    // Not receipt-required: nobody to confirm.
    await earlier(id, 6 * 60_000);
    const noReceipt = await remind(zhang, id, 'unconfirmed');
    assert.deepEqual([noReceipt.status, (await body(noReceipt)).code], [409, 'conflict']);
    // Recalled, expired, deleted.
    const recalled = await send();
    assert.equal((await zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' })).status, 200);
    assert.deepEqual([(await remind(zhang, recalled, 'unread')).status], [409]);
    const expired = await send();
    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(messages.id, expired));
    assert.equal((await remind(zhang, expired, 'unread')).status, 409);
    const deleted = await send();
    assert.equal((await zhang.request(`/api/v1/messages/${deleted}`, { method: 'DELETE' })).status, 204);
    assert.equal((await remind(zhang, deleted, 'unread')).status, 404); // gone for its sender
    assert.equal((await remind(techAdmin, deleted, 'unread')).status, 409); // the overseer still sees the record
    assert.equal((await remind(zhang, id, 'bogus' as 'unread')).status, 400);
  });

  test('R14: the recipients export lists everyone with employee number, times, progress and note', async () => {
    const id = await send({ receiptRequired: true, dueAt: Date.now() + 86_400_000 });
    assert.equal((await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
    assert.equal(
      (
        await li.request(`/api/v1/mailbox/${id}/progress`, {
          method: 'PUT',
          json: { progress: 'in-progress', note: '明天完成' },
        })
      ).status,
      200,
    );
    const res = await zhang.request(`/api/v1/messages/${id}/recipients/export?locale=en`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename=".*\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'Name',
      'Employee number / company',
      'Delivered',
      'Read',
      'Confirmed',
      'Progress',
      'Note',
    ]);
    const rows = new Map(
      [2, 3, 4].map((n) => {
        const v = (sheet.getRow(n).values as unknown[]).slice(1);
        return [v[1] as string, v] as const;
      }),
    );
    assert.equal(sheet.rowCount, 4);
    const liRow = rows.get('E1002')!,
      wangRow = rows.get('E1003')!,
      zhaoRow = rows.get('E1005')!;
    assert.deepEqual([liRow[0], liRow[5], liRow[6]], ['李四', 'in-progress', '明天完成']);
    assert.ok(liRow[2] instanceof Date && liRow[3] instanceof Date && liRow[4] === undefined);
    assert.ok(wangRow[4] instanceof Date);
    assert.deepEqual([zhaoRow[0], zhaoRow[3]], ['赵六', undefined]);
    // As for the list: overseers yes, recipients and strangers no; Chinese headers by default.
    const zh = await auditor.request(`/api/v1/messages/${id}/recipients/export`);
    assert.equal(zh.status, 200);
    const zhBook = new ExcelJS.Workbook();
    await zhBook.xlsx.load(Buffer.from(await zh.arrayBuffer()) as never);
    assert.equal(zhBook.worksheets[0]!.getRow(1).getCell(1).value, '姓名');
    assert.equal((await li.request(`/api/v1/messages/${id}/recipients/export`)).status, 403);
    assert.equal((await alice.request(`/api/v1/messages/${id}/recipients/export`)).status, 404);
  });
});
