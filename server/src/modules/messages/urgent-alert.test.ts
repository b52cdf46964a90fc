// Issue 15: an urgent message's live frame carries what its alert shows, to streams open when it arrives; never to a
// stream that resumes, and never for what differs per recipient or is no longer shown.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, mock, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { readSse, type SseEvent } from '../../testing/sse.js';
import { browserAs } from '../imports/testing.js';
import { members } from '../org/schema.js';
import { urgentAlerts } from './urgent-alert.js';

const doc = (...lines: string[]) => ({
  type: 'doc',
  content: lines.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })),
});

describe("issue 15: an urgent message's alert in its live frame (R6, S8)", () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let server: ServerType;
  let url: string;
  let zhang: Browser, li: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    deps = await testDeps();
    const app = createApp(deps);
    await seedDemo(deps.db);
    for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    li = await browserAs(app, deps.db, 'E1002', null);
    ({ server, url } = await new Promise<{ server: ServerType; url: string }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ server: s, url: `http://127.0.0.1:${info.port}` }),
      );
    }));
  });
  after(() => {
    server.close();
    (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    deps.cleanup();
  });

  const send = async (json: Record<string, unknown>) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'urgent', audience: [{ kind: 'member', targetId: ids.E1002 }], ...json },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const openStream = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/v1/live`, { headers: { cookie: li.cookie, ...headers } });
    assert.equal(res.status, 200);
    return readSse(res);
  };
  const received = async (stream: ReturnType<typeof readSse>) => {
    for (let e = await stream.nextEvent(); e; e = await stream.nextEvent()) {
      if (e.event === 'message.received') return JSON.parse(e.data!) as Record<string, unknown>;
    }
    throw new Error('the stream ended');
  };

  test('an open stream gets an urgent alert; a resumed one, a normal one, one with placeholders do not', async () => {
    const stream = await openStream();
    const ready = (await stream.nextEvent()) as SseEvent;
    assert.equal(ready.event, 'ready');

    const urgent = await send({
      subject: '消防演练',
      body: doc('十点整全员撤离。', '走东侧楼梯。'),
      receiptRequired: true,
    });
    const live = await received(stream);
    assert.equal(live.messageId, urgent);
    const alert = live.alert as Record<string, unknown>;
    assert.deepEqual(
      { ...alert, deliveredAt: typeof alert.deliveredAt },
      {
        subject: '消防演练',
        sender: { kind: 'member', id: ids.E1001, name: '张三' },
        excerpt: '十点整全员撤离。\n走东侧楼梯。',
        receiptRequired: true,
        deliveredAt: 'number',
      },
    );
    // What the recipient reads when opening it says the same.
    const read = (await body(await li.request(`/api/v1/messages/${urgent}`))) as Record<string, unknown>;
    assert.equal(read.deliveredAt, alert.deliveredAt);

    const normal = await send({ kind: 'internal', priority: 'normal', subject: '周报', body: doc('请填写') });
    const normalEvent = await received(stream);
    assert.equal(normalEvent.messageId, normal);
    assert.equal('alert' in normalEvent, false);

    // Each recipient's copy is filled with their own name: no alert is the same for everyone.
    const personal = await send({ subject: '{{name}}，请撤离', body: doc('现在') });
    const personalEvent = await received(stream);
    assert.equal(personalEvent.messageId, personal);
    assert.equal('alert' in personalEvent, false);
    await stream.cancel();

    // A resume replays what is stored: the urgent message's event again, without its alert.
    const resumed = await openStream({ 'last-event-id': ready.id! });
    const replayed = await received(resumed);
    assert.equal(replayed.messageId, urgent);
    assert.equal(replayed.priority, 'urgent');
    assert.equal('alert' in replayed, false);
    await resumed.cancel();
  });

  test('no alert for a message recalled (or expired) by the time its event is polled', async () => {
    const id = await send({ subject: '撤回测试', body: doc('内容') });
    const alerts = urgentAlerts(deps.db);
    const events = [{ seq: 1, payload: JSON.stringify({ messageId: id, threadId: id, priority: 'urgent' }) }];
    assert.match((await alerts(events)).get(1) ?? '', /^"alert":\{"subject":"撤回测试"/);
    const recall = await zhang.request(`/api/v1/messages/${id}/recall`, { method: 'POST' });
    assert.equal(recall.status, 200, await recall.clone().text());
    assert.equal((await alerts(events)).size, 0);

    const deleted = await send({ subject: '删除测试', body: doc('内容') });
    const ofDeleted = [{ seq: 3, payload: JSON.stringify({ messageId: deleted, priority: 'urgent' }) }];
    assert.equal((await alerts(ofDeleted)).size, 1);
    const del = await zhang.request(`/api/v1/messages/${deleted}`, { method: 'DELETE' });
    assert.ok(del.ok, await del.clone().text());
    assert.equal((await alerts(ofDeleted)).size, 0);

    // A placeholder the filling recognises, however it is spaced (a tab inside the braces), is one too.
    const spaced = await send({ subject: '通知', body: doc('{{\tname}}，请撤离') });
    const read = (await body(await li.request(`/api/v1/messages/${spaced}`))) as { body: unknown };
    assert.match(JSON.stringify(read.body), /李四，请撤离/, 'filled for its reader');
    assert.equal(
      (await alerts([{ seq: 4, payload: JSON.stringify({ messageId: spaced, priority: 'urgent' }) }])).size,
      0,
    );

    // A payload that is not JSON (a hand-made row) costs only its own alert.
    const mixed = [{ seq: 5, payload: '{"priority":"urgent",' }, ...ofDeleted.map((e) => ({ ...e, seq: 6 }))];
    assert.equal((await alerts(mixed)).size, 0);
    const fresh = await send({ subject: '新', body: doc('内容') });
    const withBad = [
      { seq: 7, payload: '{"urgent"' },
      { seq: 8, payload: JSON.stringify({ messageId: fresh, priority: 'urgent' }) },
    ];
    assert.deepEqual([...(await alerts(withBad)).keys()], [8]);

    const expiring = await send({ subject: '限时', body: doc('内容'), expiresInMinutes: 1 });
    const later = [{ seq: 2, payload: JSON.stringify({ messageId: expiring, priority: 'urgent' }) }];
    assert.equal((await alerts(later)).size, 1);
    const past = Date.now() + 2 * 60_000; // a fake clock past its expiry
    mock.method(Date, 'now', () => past);
    try {
      assert.equal((await alerts(later)).size, 0);
    } finally {
      mock.restoreAll();
    }
  });
});
