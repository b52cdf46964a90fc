// R9/R11: marking one's own entry read and unread (`mailbox/service.ts` `setRead`, hand-written SQL since issue
// 15), over real HTTP on a temp-file database: the state it answers, what it tells the sender and the owner's other
// pages, and every entry it must refuse as not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { entryStateApp, type EntryStateApp } from './testing.js';
import { body, type Browser } from '../../testing/http.js';

type Json = Record<string, any>;

describe('R9/R11: marking read and unread', () => {
  let app: EntryStateApp;
  before(async () => {
    app = await entryStateApp();
  });
  after(() => app.deps.cleanup());
  /** 张三's message to 李四 alone (王五 holds no entry of it). */
  const send = (patch: Json = {}) => app.send({ audience: [{ kind: 'member', targetId: app.ids.E1002 }], ...patch });
  const mark = (who: Browser, id: string, read: boolean) =>
    who.request(`/api/v1/mailbox/${id}/read`, { method: read ? 'POST' : 'DELETE' });

  test('R9: the state answered is the entry as left, its tags in the order they were put on', async (t) => {
    // The server's clock, moved by hand: the tags' order and a second read's time must not hang on the machine's speed.
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const id = await send();
    const created = async (name: string) => {
      const res = await app.li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name } });
      assert.equal(res.status, 201, await res.clone().text());
      return (await body(res)).id as string;
    };
    const putOn = async (tagId: string) => {
      const res = await app.li.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'tag', messageIds: [id], tagId },
      });
      assert.equal(res.status, 200, await res.clone().text());
      t.mock.timers.tick(5);
    };
    // Created first, put on last: its id sorts first (ids grow with time), its place does not.
    const older = await created('先');
    t.mock.timers.tick(5);
    const newer = await created('后');
    t.mock.timers.tick(5);
    await putOn(newer);
    await putOn(older);
    const readAt = Date.now();
    const read = await mark(app.li, id, true);
    assert.equal(read.status, 200, await read.clone().text());
    const state = (await body(read)) as Json;
    assert.equal(state.readAt, readAt);
    assert.deepEqual(state.tagIds, [newer, older]);
    // Read again later: the first time stays.
    t.mock.timers.tick(1_000);
    assert.equal(((await body(await mark(app.li, id, true))) as Json).readAt, readAt);
    const unread = (await body(await mark(app.li, id, false))) as Json;
    assert.equal(unread.readAt, null);
    assert.deepEqual(unread.tagIds, [newer, older]);
    // The inbox and the message's own view, each read afresh, show what the answers said.
    const item = ((await body(await app.li.request('/api/v1/mailbox?limit=50'))) as Json).items.find(
      (i: Json) => i.message.id === id,
    );
    assert.deepEqual(item.state, unread);
    assert.deepEqual(((await body(await app.li.request(`/api/v1/messages/${id}`))) as Json).mine, unread);
  });

  test("R9: every field of the state answered is the entry's: a receipt asked, progress, a star", async () => {
    const id = await send({ receiptRequired: true, dueAt: Date.now() + 86_400_000 });
    const progress = await app.li.request(`/api/v1/mailbox/${id}/progress`, {
      method: 'PUT',
      json: { progress: 'in-progress', note: '进行中' },
    });
    assert.equal(progress.status, 200, await progress.clone().text());
    assert.equal((await app.li.request(`/api/v1/mailbox/${id}/star`, { method: 'PUT' })).status, 200);
    const unread = (await body(await mark(app.li, id, false))) as Json;
    assert.equal(unread.readAt, null);
    assert.equal(unread.mentioned, false);
    assert.equal(unread.needsConfirmation, true);
    assert.equal(unread.progress, 'in-progress');
    assert.equal(unread.progressNote, '进行中');
    assert.ok(unread.progressAt > 0 && unread.starredAt > 0);
    assert.deepEqual(((await body(await app.li.request(`/api/v1/messages/${id}`))) as Json).mine, unread);
    const read = (await body(await mark(app.li, id, true))) as Json;
    assert.deepEqual(((await body(await app.li.request(`/api/v1/messages/${id}`))) as Json).mine, read);
    assert.deepEqual({ ...read, readAt: null }, unread);
  });

  test('R9: an urgent entry stays pinned until read; the sender hears of each first read, the owner of every \
change', async () => {
    const m = await send({
      kind: 'urgent',
      priority: 'urgent',
      subject: '紧急',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: app.ids.E1002, label: '李四' } }] }],
      },
    });
    const seq = await app.told.newest();
    const read = (await body(await mark(app.li, m, true))) as Json;
    assert.equal(read.pinned, false, 'read: no longer pinned');
    assert.equal(read.mentioned, true);
    assert.equal(read.needsConfirmation, false, 'no receipt asked');
    assert.equal(((await body(await mark(app.li, m, false))) as Json).pinned, true, 'unread again: pinned again');
    await mark(app.li, m, true);
    await mark(app.li, m, true); // already read: the owner's pages hear of it, the sender does not again
    const heard = await app.told.since<Json>(seq);
    const readAts = heard.filter((e) => e.type === 'mailbox.updated').map((e) => e.payload.readAt);
    assert.deepEqual(
      heard.map((e) => [e.who, e.type, e.payload.messageId]),
      [
        [app.ids.E1002, 'mailbox.updated', m],
        [app.ids.E1001, 'message.read', m],
        [app.ids.E1002, 'mailbox.updated', m],
        [app.ids.E1002, 'mailbox.updated', m],
        [app.ids.E1001, 'message.read', m],
        [app.ids.E1002, 'mailbox.updated', m],
      ],
    );
    assert.equal(readAts[1], null);
    assert.ok(readAts[0] > 0 && readAts[2] > 0);
    assert.deepEqual(heard[1]!.payload, { messageId: m, recipientId: app.ids.E1002 });
  });

  test("not found: an entry one does not hold, one deleted from one's mailbox, a message its sender \
deleted", async () => {
    const id = await send();
    assert.equal((await mark(app.wang, id, true)).status, 404, 'not a recipient');
    assert.equal((await mark(app.li, 'no-such-message', true)).status, 404);
    const gone = await send();
    const del = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'delete', messageIds: [gone] },
    });
    assert.equal(del.status, 200, await del.clone().text());
    assert.equal((await mark(app.li, gone, true)).status, 404, 'deleted from the mailbox');
    const withdrawn = await send();
    assert.equal((await app.zhang.request(`/api/v1/messages/${withdrawn}`, { method: 'DELETE' })).status, 204);
    assert.equal((await mark(app.li, withdrawn, true)).status, 404, 'deleted by its sender');
    assert.equal((await mark(app.li, withdrawn, false)).status, 404);
    // Nothing was written for them.
    const seq = await app.told.newest();
    await mark(app.li, gone, false);
    assert.deepEqual(await app.told.since(seq), []);
  });
});
