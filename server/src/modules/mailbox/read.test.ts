// R9/R11: marking one's own entry read and unread (`mailbox/service.ts` `setRead`, hand-written SQL since issue
// 15), over real HTTP on a temp-file database: the state it answers, what it tells the sender and the owner's other
// pages, and every entry it must refuse as not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gt } from 'drizzle-orm';
import type { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { events } from '../live/schema.js';

type Json = Record<string, any>;

describe('R9/R11: marking read and unread', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let zhang: Browser, li: Browser, wang: Browser;
  const ids: Record<string, string> = {};
  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, as } = await demoApp(ids));
    [zhang, li, wang] = await Promise.all([as('E1001', 'sender'), as('E1002'), as('E1003')]);
  });
  after(() => deps.cleanup());

  const send = async (patch: Json = {}) => {
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '例行',
        body: doc('内容'),
        audience: [{ kind: 'member', targetId: ids.E1002 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const mark = (who: Browser, id: string, read: boolean) =>
    who.request(`/api/v1/mailbox/${id}/read`, { method: read ? 'POST' : 'DELETE' });
  const newest = async () =>
    (await deps.db.select({ seq: events.seq }).from(events)).reduce((n, e) => Math.max(n, e.seq), 0);
  const eventsSince = (seq: number) =>
    deps.db
      .select({ audienceId: events.audienceId, type: events.type, payload: events.payload })
      .from(events)
      .where(gt(events.seq, seq))
      .orderBy(events.seq);

  test('R9: the state answered is the entry as left, its tags in the order they were put on', async () => {
    const id = await send();
    const tag = async (name: string) => {
      const res = await li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name } });
      assert.equal(res.status, 201, await res.clone().text());
      const tagId = (await body(res)).id as string;
      const put = await li.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'tag', messageIds: [id], tagId },
      });
      assert.equal(put.status, 200, await put.clone().text());
      return tagId;
    };
    // Put on second, though its id may sort first: the order is when each was put on.
    const first = await tag('先');
    const second = await tag('后');
    const before = Date.now();
    const read = await mark(li, id, true);
    assert.equal(read.status, 200, await read.clone().text());
    const state = (await body(read)) as Json;
    assert.ok(state.readAt >= before, 'read now');
    assert.deepEqual(state.tagIds, [first, second]);
    assert.equal(state.mentioned, false);
    assert.equal(state.pinned, false);
    // Read again: the first time stays.
    assert.equal(((await body(await mark(li, id, true))) as Json).readAt, state.readAt);
    const unread = (await body(await mark(li, id, false))) as Json;
    assert.equal(unread.readAt, null);
    assert.deepEqual(unread.tagIds, [first, second]);
    // The inbox shows what the answers said.
    const item = ((await body(await li.request('/api/v1/mailbox?limit=50'))) as Json).items.find(
      (i: Json) => i.message.id === id,
    );
    assert.deepEqual(item.state, unread);
  });

  test('R9: an urgent entry stays pinned until read; the sender hears of each first read, the owner of every \
change', async () => {
    const m = await send({ kind: 'urgent', priority: 'urgent', subject: '紧急' });
    const seq = await newest();
    assert.equal(((await body(await mark(li, m, true))) as Json).pinned, false, 'read: no longer pinned');
    assert.equal(((await body(await mark(li, m, false))) as Json).pinned, true, 'unread again: pinned again');
    await mark(li, m, true);
    await mark(li, m, true); // already read: the owner's pages hear of it, the sender does not again
    const told = (await eventsSince(seq)).map((e) => ({
      who: e.audienceId,
      type: e.type,
      payload: (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Json,
    }));
    const readAts = told.filter((e) => e.type === 'mailbox.updated').map((e) => e.payload.readAt);
    assert.deepEqual(
      told.map((e) => [e.who, e.type, e.payload.messageId]),
      [
        [ids.E1002, 'mailbox.updated', m],
        [ids.E1001, 'message.read', m],
        [ids.E1002, 'mailbox.updated', m],
        [ids.E1002, 'mailbox.updated', m],
        [ids.E1001, 'message.read', m],
        [ids.E1002, 'mailbox.updated', m],
      ],
    );
    assert.equal(readAts[1], null);
    assert.ok(readAts[0] > 0 && readAts[2] > 0);
    assert.deepEqual(told[1]!.payload, { messageId: m, recipientId: ids.E1002 });
  });

  test("not found: an entry one does not hold, one deleted from one's mailbox, a message its sender \
deleted", async () => {
    const id = await send();
    assert.equal((await mark(wang, id, true)).status, 404, 'not a recipient');
    assert.equal((await mark(li, 'no-such-message', true)).status, 404);
    const gone = await send();
    const del = await li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'delete', messageIds: [gone] },
    });
    assert.equal(del.status, 200, await del.clone().text());
    assert.equal((await mark(li, gone, true)).status, 404, 'deleted from the mailbox');
    const withdrawn = await send();
    assert.equal((await zhang.request(`/api/v1/messages/${withdrawn}`, { method: 'DELETE' })).status, 204);
    assert.equal((await mark(li, withdrawn, true)).status, 404, 'deleted by its sender');
    assert.equal((await mark(li, withdrawn, false)).status, 404);
    // Nothing was written for them.
    const seq = await newest();
    await mark(li, gone, false);
    assert.deepEqual(await eventsSince(seq), []);
  });
});
