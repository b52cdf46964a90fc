// R9/S2/S3: confirming a receipt and reporting a task's progress on one's own entry (`mailbox/service.ts` `confirm`
// and `setProgress`, hand-written SQL since issue 15), over real HTTP on a temp-file database: the state each answers,
// what it tells the sender and the owner's other pages, the audit trail, and what it must refuse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { entryStateApp, type EntryStateApp } from './testing.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';

type Json = Record<string, any>;

describe('R9/S3: confirming and reporting progress', () => {
  let app: EntryStateApp;
  before(async () => {
    app = await entryStateApp();
  });
  after(() => app.deps.cleanup());
  /** 张三's task to 李四 alone (王五 holds no entry of it): a receipt asked, due tomorrow. */
  const send = (patch: Json = {}) =>
    app.send({
      audience: [{ kind: 'member', targetId: app.ids.E1002 }],
      receiptRequired: true,
      dueAt: Date.now() + 86_400_000,
      ...patch,
    });
  const confirm = (who: Browser, id: string) => who.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' });
  const progress = (who: Browser, id: string, json: Json) =>
    who.request(`/api/v1/mailbox/${id}/progress`, { method: 'PUT', json });
  /** 李四's audit entries on the message, oldest first. */
  const audited = async (id: string) =>
    (
      await app.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, id), eq(auditLog.actorId, app.ids.E1002!)))
        .orderBy(auditLog.at, auditLog.id)
    ).map((a) => ({
      action: a.action,
      actor: a.actorId,
      before: typeof a.before === 'string' ? JSON.parse(a.before) : a.before,
      after: typeof a.after === 'string' ? JSON.parse(a.after) : a.after,
    }));
  /** The entry as the message's own view and the inbox, each read afresh, show it. */
  const shown = async (id: string) => {
    const mine = ((await body(await app.li.request(`/api/v1/messages/${id}`))) as Json).mine;
    const item = ((await body(await app.li.request('/api/v1/mailbox?limit=50&view=all'))) as Json).items.find(
      (i: Json) => i.message.id === id,
    );
    assert.deepEqual(item.state, mine);
    return mine as Json;
  };
  /** A personal tag of 李四's, put on `id`. */
  const tagged = async (id: string, name: string) => {
    const res = await app.li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name } });
    assert.equal(res.status, 201, await res.clone().text());
    const tagId = (await body(res)).id as string;
    const put = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'tag', messageIds: [id], tagId },
    });
    assert.equal(put.status, 200, await put.clone().text());
    return tagId;
  };

  test('R9/S2: a confirmation reads the entry too, once; the state answered is the entry as left', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const id = await send();
    const tagId = await tagged(id, '待确认');
    assert.equal((await shown(id)).needsConfirmation, true);
    t.mock.timers.tick(1_000);
    const at = Date.now();
    const seq = await app.told.newest();
    const res = await confirm(app.li, id);
    assert.equal(res.status, 200, await res.clone().text());
    const state = (await body(res)) as Json;
    assert.equal(state.confirmedAt, at);
    assert.equal(state.readAt, at, 'unread until now: confirming reads it');
    assert.equal(state.needsConfirmation, false);
    assert.deepEqual(state.tagIds, [tagId]);
    assert.deepEqual(await shown(id), state);
    assert.deepEqual(
      (await app.told.since<Json>(seq)).map((e) => [e.who, e.type, e.payload]),
      [
        [app.ids.E1002, 'mailbox.updated', { messageId: id, confirmedAt: at, readAt: at }],
        [app.ids.E1001, 'message.confirmed', { messageId: id, recipientId: app.ids.E1002 }],
      ],
    );
    assert.deepEqual(await audited(id), [
      { action: 'message.confirm', actor: app.ids.E1002, before: null, after: null },
    ]);
    // Confirmed again later: the same answer, the first time kept, nothing written.
    t.mock.timers.tick(1_000);
    const again = await confirm(app.li, id);
    assert.equal(again.status, 200);
    assert.deepEqual(await body(again), state);
    assert.deepEqual(await app.told.since(seq + 2), []);
    assert.equal((await audited(id)).length, 1);
  });

  test('R9: a read entry keeps its read time when confirmed', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const id = await send();
    const readAt = Date.now();
    assert.equal((await app.li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })).status, 200);
    t.mock.timers.tick(60_000);
    const state = (await body(await confirm(app.li, id))) as Json;
    assert.deepEqual([state.readAt, state.confirmedAt], [readAt, readAt + 60_000]);
    assert.deepEqual(await shown(id), state);
  });

  test('S3: progress and its note are the entry as left, audited before and after, told to the sender', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const id = await send({ receiptRequired: false });
    const seq = await app.told.newest();
    const started = Date.now();
    const res = await progress(app.li, id, { progress: 'in-progress', note: '  进行中  ' });
    assert.equal(res.status, 200, await res.clone().text());
    const first = (await body(res)) as Json;
    assert.deepEqual(
      [first.progress, first.progressNote, first.progressAt, first.readAt],
      ['in-progress', '进行中', started, started],
    );
    assert.equal(first.needsConfirmation, false);
    assert.deepEqual(await shown(id), first);
    t.mock.timers.tick(60_000);
    const done = (await body(await progress(app.li, id, { progress: 'done', note: '   ' }))) as Json;
    assert.deepEqual(
      [done.progress, done.progressNote, done.progressAt, done.readAt],
      ['done', null, started + 60_000, started],
      'a blank note clears it; the first read stays',
    );
    assert.deepEqual(await shown(id), done);
    assert.deepEqual(
      (await app.told.since<Json>(seq)).map((e) => [e.who, e.type, e.payload]),
      [
        [app.ids.E1002, 'mailbox.updated', { messageId: id, progress: 'in-progress' }],
        [app.ids.E1001, 'message.progress', { messageId: id, recipientId: app.ids.E1002, progress: 'in-progress' }],
        [app.ids.E1002, 'mailbox.updated', { messageId: id, progress: 'done' }],
        [app.ids.E1001, 'message.progress', { messageId: id, recipientId: app.ids.E1002, progress: 'done' }],
      ],
    );
    assert.deepEqual(await audited(id), [
      {
        action: 'message.progress',
        actor: app.ids.E1002,
        before: { progress: null, note: null },
        after: { progress: 'in-progress', note: '进行中' },
      },
      {
        action: 'message.progress',
        actor: app.ids.E1002,
        before: { progress: 'in-progress', note: '进行中' },
        after: { progress: 'done', note: null },
      },
    ]);
    // The sender's receipt view counts it.
    const { counts } = (await body(await app.zhang.request(`/api/v1/messages/${id}/recipients`))) as Json;
    assert.deepEqual(counts.progress, { 'not-started': 0, 'in-progress': 0, done: 1 });
  });

  test("refused: a confirmation or progress not asked, or of a recalled message (409); an entry one does not hold, \
one deleted from one's mailbox, a message its sender deleted (404); nothing written for any", async () => {
    const plain = await send({ receiptRequired: false, dueAt: undefined });
    const taskOnly = await send({ receiptRequired: false });
    const receiptOnly = await send({ dueAt: undefined });
    const id = await send();
    const gone = await send();
    const del = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'delete', messageIds: [gone] },
    });
    assert.equal(del.status, 200, await del.clone().text());
    const withdrawn = await send();
    assert.equal((await app.zhang.request(`/api/v1/messages/${withdrawn}`, { method: 'DELETE' })).status, 204);
    const recalled = await send();
    assert.equal((await app.zhang.request(`/api/v1/messages/${recalled}/recall`, { method: 'POST' })).status, 200);
    const seq = await app.told.newest();
    const refused = async (who: Browser, target: string) => [
      (await confirm(who, target)).status,
      (await progress(who, target, { progress: 'done' })).status,
    ];
    assert.deepEqual(
      [
        await refused(app.li, plain),
        [(await confirm(app.li, taskOnly)).status, (await progress(app.li, receiptOnly, { progress: 'done' })).status],
        await refused(app.li, recalled),
        await refused(app.wang, id),
        await refused(app.li, 'no-such-message'),
        await refused(app.li, gone),
        await refused(app.li, withdrawn),
      ],
      [
        [409, 409],
        [409, 409],
        [409, 409],
        [404, 404],
        [404, 404],
        [404, 404],
        [404, 404],
      ],
    );
    // Nothing was written for them: no event, no audit entry.
    assert.deepEqual(await app.told.since(seq), []);
    for (const target of [plain, taskOnly, receiptOnly, recalled, id, gone, withdrawn])
      assert.deepEqual(await audited(target), []);
  });
});
