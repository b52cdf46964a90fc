import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { departments, members } from '../org/schema.js';
import { SUMMARY_TTL_MS } from './summary-cache.js';

const doc = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
const MIN = 60_000;

type Deps = Awaited<ReturnType<typeof testDeps>>;
async function demo() {
  const deps = await testDeps();
  const app = createApp(deps);
  await seedDemo(deps.db);
  const ids: Record<string, string> = {};
  for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
  for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
  return { deps, app, ids };
}
const send = async (b: Browser, ids: Record<string, string>, to: string[], patch: Record<string, unknown> = {}) => {
  const res = await b.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: '送达',
      body: doc('请查收'),
      audience: to.map((no) => ({ kind: 'member', targetId: ids[no] })),
      ...patch,
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await body(res)).id as string;
};
/** Sets when each recipient read (and confirmed) a message, in minutes after its delivery. */
const readAfter = async (deps: Deps, id: string, ownerId: string, minutes: number, confirmed = false) => {
  const [row] = await deps.db
    .select()
    .from(mailbox)
    .where(and(eq(mailbox.messageId, id), eq(mailbox.ownerId, ownerId)));
  const at = row!.deliveredAt + minutes * MIN;
  await deps.db
    .update(mailbox)
    .set({ readAt: at, ...(confirmed ? { confirmedAt: at } : {}) })
    .where(and(eq(mailbox.messageId, id), eq(mailbox.ownerId, ownerId)));
};

describe('issue 24: a sent message at a glance — over time, per department, filter and remind by department', () => {
  let deps: Deps, app: ReturnType<typeof createApp>, ids: Record<string, string>;
  let zhang: Browser, li: Browser, wang: Browser, alice: Browser, techAdmin: Browser, auditor: Browser;
  let id: string;

  before(async () => {
    ({ deps, app, ids } = await demo());
    zhang = await browserAs(app, deps.db, 'E1001', 'sender'); // 技术部
    li = await browserAs(app, deps.db, 'E1002', null); // 前端组
    wang = await browserAs(app, deps.db, 'E1003', null); // 前端组
    alice = await browserAs(app, deps.db, 'E1004', null); // 市场部
    techAdmin = await browserAs(app, deps.db, 'E1006', 'department-admin', '技术部');
    auditor = await browserAs(app, deps.db, 'E1008', 'auditor');
    id = await send(zhang, ids, ['E1002', 'E1003', 'E1004', 'E1005', 'E1007'], { receiptRequired: true });
    assert.equal((await li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })).status, 200);
    assert.equal((await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
    assert.equal((await alice.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })).status, 200);
  });
  after(() => deps.cleanup());

  test('the sender sees read and confirmed over time and a bar per department, most still to do first', async () => {
    const res = await zhang.request(`/api/v1/messages/${id}/reach`);
    assert.equal(res.status, 200, await res.clone().text());
    const reach = await body(res);
    assert.equal(reach.counts.total, 5);
    const last = reach.timeline.points.at(-1);
    assert.deepEqual([last.read, last.confirmed], [3, 1]);
    assert.deepEqual(reach.timeline.points[0], { at: 0, read: 0, confirmed: 0 });
    const bars = reach.departments.map((d: Record<string, unknown>) => [d.name, d.total, d.read, d.confirmed]);
    assert.deepEqual(bars, [
      ['市场部', 2, 1, 0],
      ['前端组', 2, 2, 1],
      ['销售部', 1, 0, 0],
    ]);
    assert.equal(reach.departments[0].key, ids['市场部']);
  });

  test('a bar filters the recipients list and reminds only those of its department (same remind path)', async () => {
    const list = await body(await zhang.request(`/api/v1/messages/${id}/recipients?department=${ids['前端组']}`));
    assert.deepEqual(list.items.map((r: { name: string }) => r.name).sort(), ['李四', '王五'].sort());
    const unread = await body(
      await zhang.request(`/api/v1/messages/${id}/recipients?department=${ids['市场部']}&state=unread`),
    );
    assert.deepEqual(
      unread.items.map((r: { id: string }) => r.id),
      [ids.E1005],
    );
    const seq = (await deps.db.select().from(events)).reduce((max, e) => Math.max(max, e.seq), 0);
    const res = await zhang.request(`/api/v1/messages/${id}/remind`, {
      method: 'POST',
      json: { state: 'unconfirmed', department: ids['市场部'] },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await body(res), { reminded: 2 });
    const told = await deps.db
      .select()
      .from(events)
      .where(and(gt(events.seq, seq), eq(events.type, 'message.reminder')));
    assert.deepEqual(told.map((e) => e.audienceId).sort(), [ids.E1004, ids.E1005].sort());
    // The remind path's own limit holds for a department's reminder too.
    const again = await zhang.request(`/api/v1/messages/${id}/remind`, {
      method: 'POST',
      json: { state: 'unread', department: ids['销售部'] },
    });
    assert.equal(again.status, 409);
    assert.equal((await body(again)).code, 'remind-too-soon');
  });

  test('a viewer scoped to 技术部 sees only its departments; the rest is one merged bar with no key', async () => {
    const reach = await body(await techAdmin.request(`/api/v1/messages/${id}/reach`));
    const bars = reach.departments.map((d: Record<string, unknown>) => [d.kind, d.key, d.name, d.total, d.read]);
    assert.deepEqual(bars, [
      ['department', ids['前端组'], '前端组', 2, 2],
      ['outside', null, null, 3, 1],
    ]);
    // An organisation-wide auditor sees every department.
    const wide = await body(await auditor.request(`/api/v1/messages/${id}/reach`));
    assert.equal(wide.departments.length, 3);
  });

  test('a viewer scoped to 技术部 may not name a department outside it: list and remind answer 403', async () => {
    const inside = await techAdmin.request(`/api/v1/messages/${id}/recipients?department=${ids['前端组']}`);
    assert.equal(inside.status, 200);
    assert.deepEqual((await body(inside)).items.map((r: { name: string }) => r.name).sort(), ['李四', '王五'].sort());
    for (const department of [ids['市场部'], ids['销售部'], 'none', 'external', 'no-such-department']) {
      const list = await techAdmin.request(`/api/v1/messages/${id}/recipients?department=${department}`);
      assert.equal(list.status, 403, `list ${department}`);
      assert.match(list.headers.get('content-type') ?? '', /problem\+json/);
      const remind = await techAdmin.request(`/api/v1/messages/${id}/remind`, {
        method: 'POST',
        json: { state: 'unread', department },
      });
      assert.equal(remind.status, 403, `remind ${department}`);
    }
    // The organisation-wide auditor may name any of them.
    const market = await auditor.request(`/api/v1/messages/${id}/recipients?department=${ids['市场部']}`);
    assert.equal(market.status, 200);
    assert.equal((await body(market)).items.length, 2);
  });

  test('recipients and outsiders are refused; bad input is problem+json', async () => {
    assert.equal((await li.request(`/api/v1/messages/${id}/reach`)).status, 403);
    const missing = await zhang.request('/api/v1/messages/nope/reach');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
    const bad = await zhang.request(`/api/v1/messages/${id}/remind`, {
      method: 'POST',
      json: { state: 'unread', department: '' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('a task message reports its progress states', async () => {
    const task = await send(zhang, ids, ['E1002', 'E1003'], { dueAt: Date.now() + 86_400_000 });
    assert.equal(
      (await li.request(`/api/v1/mailbox/${task}/progress`, { method: 'PUT', json: { progress: 'in-progress' } }))
        .status,
      200,
    );
    const reach = await body(await zhang.request(`/api/v1/messages/${task}/reach`));
    assert.equal(reach.task, true);
    assert.deepEqual(reach.counts.progress, { 'not-started': 1, 'in-progress': 1, done: 0 });
  });
});

describe('issue 24: the reach dashboard — figures of the last 30 days and their scope', () => {
  let deps: Deps, app: ReturnType<typeof createApp>, ids: Record<string, string>;
  let zhang: Browser, alice: Browser, auditor: Browser, marketViewer: Browser, techViewer: Browser, li: Browser;
  let techUrgent: string, market1: string;

  before(async () => {
    ({ deps, app, ids } = await demo());
    zhang = await browserAs(app, deps.db, 'E1001', 'sender'); // 技术部
    alice = await browserAs(app, deps.db, 'E1004', 'sender'); // 市场部
    auditor = await browserAs(app, deps.db, 'E1008', 'auditor'); // organisation-wide data.view
    marketViewer = await browserAs(app, deps.db, 'E1006', 'auditor', '市场部'); // data.view in 市场部 only
    techViewer = await browserAs(app, deps.db, 'E1007', 'auditor', '技术部'); // data.view in 技术部 only
    li = await browserAs(app, deps.db, 'E1002', null);
    // 技术部 sends one urgent message to five; 市场部 sends two normal ones to two, one asking for confirmation.
    techUrgent = await send(zhang, ids, ['E1002', 'E1003', 'E1004', 'E1005', 'E1006'], {
      kind: 'urgent',
      receiptRequired: true,
    });
    for (const [i, no] of ['E1002', 'E1003', 'E1004', 'E1005', 'E1006'].entries())
      await readAfter(deps, techUrgent, ids[no]!, i + 1, i < 2);
    market1 = await send(alice, ids, ['E1005', 'E1007'], { receiptRequired: true });
    await readAfter(deps, market1, ids.E1005!, 30, true);
    await readAfter(deps, market1, ids.E1007!, 90);
    await send(alice, ids, ['E1005', 'E1007'], { priority: 'high' });
  });
  after(() => deps.cleanup());

  const summary = async (b: Browser, query = '') => {
    const res = await b.request(`/api/v1/reach/summary${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return body(res);
  };

  test('an organisation-wide viewer sees every figure: kinds, percentiles, urgent reach, channels', async () => {
    const s = await summary(auditor);
    assert.equal(s.days, 30);
    assert.equal(s.sent.total, 3);
    assert.deepEqual(s.sent.byKind, { internal: 2, external: 0, urgent: 1 });
    assert.deepEqual(s.sent.byPriority, { normal: 1, high: 1, urgent: 1 });
    // Reads after 1, 2, 3, 4, 5, 30, 90 minutes: median the 4th, p90 the 7th (nearest rank).
    assert.deepEqual(s.timeToRead, { count: 7, p50: 4 * MIN, p90: 90 * MIN });
    // Confirmations after 1, 2, 30 minutes.
    assert.deepEqual(s.timeToConfirm, { count: 3, p50: 2 * MIN, p90: 30 * MIN });
    // The urgent message reached 90 % of five (⌈4.5⌉ = the 5th read) after 5 minutes.
    assert.equal(s.urgent.messages, 1);
    assert.equal(s.urgent.p50, 5 * MIN);
    assert.deepEqual(
      s.urgent.latest.map((u: Record<string, unknown>) => [u.id, u.recipients, u.reachedMs]),
      [[techUrgent, 5, 5 * MIN]],
    );
    assert.deepEqual(
      s.channels.map((c: { channel: string }) => c.channel),
      ['email', 'webhook', 'sms'],
    );
    assert.equal(s.approvals.waiting, 0);
  });

  test("data.view scoped to 市场部 sees only 市场部's numbers, and 技术部 only its own", async () => {
    const market = await summary(marketViewer);
    assert.equal(market.sent.total, 2);
    assert.deepEqual(market.sent.byKind, { internal: 2, external: 0, urgent: 0 });
    assert.deepEqual(market.timeToRead, { count: 2, p50: 30 * MIN, p90: 90 * MIN });
    assert.deepEqual(market.timeToConfirm, { count: 1, p50: 30 * MIN, p90: 30 * MIN });
    assert.equal(market.urgent.messages, 0);
    assert.deepEqual(market.urgent.latest, []);
    const tech = await summary(techViewer);
    assert.equal(tech.sent.total, 1);
    assert.deepEqual(tech.timeToRead, { count: 5, p50: 3 * MIN, p90: 5 * MIN });
    assert.deepEqual(
      tech.urgent.latest.map((u: { id: string }) => u.id),
      [techUrgent],
    );
  });

  test('without data.view: 403; bad input: 400 problem+json', async () => {
    for (const b of [li, zhang]) {
      const res = await b.request('/api/v1/reach/summary');
      assert.equal(res.status, 403);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    for (const q of ['?days=0', '?days=91', '?days=x']) {
      const res = await auditor.request(`/api/v1/reach/summary${q}`);
      assert.equal(res.status, 400, q);
      assert.equal((await body(res)).code, 'validation');
    }
  });

  test("the export is an .xlsx of the same figures, labelled in the reader's language", async () => {
    const res = await marketViewer.request('/api/v1/reach/summary/export?locale=en');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /reach-30d\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Reach')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const find = (label: string) => rows.find((r) => r[1] === label);
    assert.equal(find('Messages sent')?.[2], 2);
    assert.deepEqual(find('Time to read (minutes)')?.slice(2, 5), [30, 90, 2]);
    const zh = await marketViewer.request('/api/v1/reach/summary/export?locale=zh-CN');
    const zhBook = new ExcelJS.Workbook();
    await zhBook.xlsx.load(Buffer.from(await zh.arrayBuffer()) as never);
    assert.ok(zhBook.getWorksheet('送达概览'));
  });

  test('the window: messages delivered before it do not count (run last: it moves a message back)', async () => {
    assert.equal((await summary(auditor)).sent.total, 3);
    await deps.db
      .update(messages)
      .set({ deliveredAt: Date.now() - 40 * 86_400_000 })
      .where(eq(messages.id, market1));
    // Figures counted less than a minute ago are served again (the same scope and window; summary-cache.ts) …
    assert.equal((await summary(auditor)).sent.total, 3);
    // … and counted anew after it.
    mock.timers.enable({ apis: ['Date'], now: Date.now() + SUMMARY_TTL_MS });
    try {
      assert.equal((await summary(auditor)).sent.total, 2);
      assert.equal((await summary(auditor, '?days=90')).sent.total, 3);
      assert.equal((await summary(marketViewer)).sent.total, 1);
    } finally {
      mock.timers.reset();
    }
  });
});
