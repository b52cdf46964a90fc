// Issue 20 #3 (star and snooze) and #5 (the preview line): over real HTTP on a temp-file database, through the kept
// first page of the inbox (listing-cache.ts), so a star or a snooze that did not move the owner's version would show
// a stale page here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dialect } from '../../db/dialect.js';
import { textDoc as doc } from '../../testing/demo.js';
import { entryStateApp, type EntryStateApp } from './testing.js';
import { body, type Browser } from '../../testing/http.js';
import { messages } from '../messages/schema.js';
import { wakeSnoozed } from './star-snooze.js';

type Json = Record<string, any>;

describe('issue 20: star, snooze and the preview line', () => {
  let app: EntryStateApp;
  before(async () => {
    app = await entryStateApp();
  });
  after(() => app.deps.cleanup());

  const list = async (who: Browser, query = '') => {
    const res = await who.request(`/api/v1/mailbox?limit=50${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await body(res)) as Json;
  };
  const listed = async (who: Browser, query = '') => (await list(who, query)).items.map((i: Json) => i.message.id);
  const entry = async (who: Browser, id: string, query = '') =>
    (await list(who, query)).items.find((i: Json) => i.message.id === id) as Json | undefined;

  test('issue 20 #3: a star shows on the kept page at once, in the Starred filter, only for its owner', async () => {
    const id = await app.send({ subject: 'Star me' });
    assert.equal((await entry(app.li, id))?.state.starredAt, null); // the first page is now kept
    const starred = await app.li.request(`/api/v1/mailbox/${id}/star`, { method: 'PUT' });
    assert.equal(starred.status, 200);
    assert.equal(typeof (await body(starred)).starredAt, 'number');
    assert.equal(typeof (await entry(app.li, id))?.state.starredAt, 'number'); // the kept page was read again
    assert.deepEqual(await listed(app.li, '&view=all&starred=true'), [id]);
    assert.deepEqual(await listed(app.wang, '&view=all&starred=true'), []); // 王五's copy is his own
    assert.equal((await app.li.request(`/api/v1/mailbox/${id}/star`, { method: 'DELETE' })).status, 200);
    assert.equal((await entry(app.li, id))?.state.starredAt, null);
    assert.deepEqual(await listed(app.li, '&view=all&starred=true'), []);
  });

  test('issue 20 #3: star and unstar in a batch, by ids and by filter', async () => {
    const a = await app.send({ subject: 'Batch A' });
    const b = await app.send({ subject: 'Batch B' });
    const res = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'star', messageIds: [a, b] },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await body(res), { action: 'star', matched: 2, changed: 2 });
    assert.deepEqual((await listed(app.li, '&view=all&starred=true')).sort(), [a, b].sort());
    const off = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'unstar', filter: { view: 'all', starred: true } },
    });
    assert.deepEqual(await body(off), { action: 'unstar', matched: 2, changed: 2 });
    assert.deepEqual(await listed(app.li, '&view=all&starred=true'), []);
  });

  test('issue 20 #3, R8: a read entry snoozed and woken keeps its read receipt', async () => {
    const id = await app.send({ subject: 'Read, then later' });
    assert.equal((await app.li.request(`/api/v1/mailbox/${id}/read`, { method: 'POST' })).status, 200);
    const readAt = (await entry(app.li, id))?.state.readAt;
    assert.equal(typeof readAt, 'number');
    const until = Date.now() + 60 * 60 * 1000;
    assert.equal(
      (await app.li.request(`/api/v1/mailbox/${id}/snooze`, { method: 'PUT', json: { until } })).status,
      200,
    );
    assert.equal(await wakeSnoozed(app.deps.db, until), 1);
    const back = await entry(app.li, id);
    assert.equal(back?.state.snoozedUntil, null);
    assert.equal(back?.state.readAt, readAt, 'the sender still sees it read, at the same time');
  });

  test('issue 20 #3: a snoozed entry leaves the inbox and the badge, and comes back at its time', async () => {
    const id = await app.send({ subject: 'Later' });
    const before = await (await app.li.request('/api/v1/mailbox/unread-count')).json();
    assert.ok((await listed(app.li)).includes(id));
    const until = Date.now() + 60 * 60 * 1000;
    const res = await app.li.request(`/api/v1/mailbox/${id}/snooze`, { method: 'PUT', json: { until } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await body(res)).snoozedUntil, until);
    assert.ok(!(await listed(app.li)).includes(id)); // the kept page moved
    assert.deepEqual(await listed(app.li, '&view=snoozed'), [id]);
    assert.ok(!(await listed(app.li, '&view=archived')).includes(id)); // snoozed, not archived by hand
    const during = await (await app.li.request('/api/v1/mailbox/unread-count')).json();
    assert.equal(during.unread, before.unread - 1);
    assert.ok((await listed(app.wang)).includes(id)); // 王五's copy stays in his inbox
    // The sweep, with a clock just before and at the time (no sleeping).
    assert.equal(await wakeSnoozed(app.deps.db, until - 1), 0);
    assert.equal(await wakeSnoozed(app.deps.db, until), 1);
    const back = await entry(app.li, id);
    assert.equal(back?.state.snoozedUntil, null);
    assert.equal(back?.state.readAt, null);
    assert.deepEqual(await listed(app.li, '&view=snoozed'), []);
    const [event] = await dialect.all<{ payload: string }>(
      app.deps.db,
      sql`select payload from events where audience_id = ${app.ids.E1002!} and type = 'mailbox.updated'
        order by seq desc limit 1`,
    );
    assert.deepEqual(JSON.parse(String(event!.payload)), { messageIds: [id], action: 'unsnooze' });
  });

  test('issue 20 #3: unsnooze brings it back now; bad times and other mailboxes are refused', async () => {
    const id = await app.send({ subject: 'Soon' });
    const put = (who: Browser, json: unknown) => who.request(`/api/v1/mailbox/${id}/snooze`, { method: 'PUT', json });
    assert.equal((await put(app.li, { until: Date.now() - 1 })).status, 400);
    assert.equal((await put(app.li, { until: Date.now() + 400 * 24 * 3600 * 1000 })).status, 400);
    assert.equal((await put(app.li, { until: 'tomorrow' })).status, 400);
    assert.equal((await put(app.zhang, { until: Date.now() + 60_000 })).status, 404); // the sender has no entry
    assert.equal((await app.li.request('/api/v1/mailbox/nope/star', { method: 'PUT' })).status, 404);
    assert.equal((await put(app.li, { until: Date.now() + 60_000 })).status, 200);
    assert.ok(!(await listed(app.li)).includes(id));
    assert.equal((await app.li.request(`/api/v1/mailbox/${id}/snooze`, { method: 'DELETE' })).status, 200);
    assert.ok((await listed(app.li)).includes(id));
    assert.deepEqual(await listed(app.li, '&view=snoozed'), []);
  });

  test("issue 20 #3: each answer is the entry as left, as the message's own view shows it; a deleted entry or a \
message its sender deleted cannot be starred or snoozed", async () => {
    const id = await app.send();
    const mine = async () => ((await body(await app.li.request(`/api/v1/messages/${id}`))) as Json).mine as Json;
    /** The answer, and that 李四's pages were told of it, the state included. */
    const answer = async (path: string, init: Parameters<Browser['request']>[1]) => {
      const seq = await app.told.newest();
      const res = await app.li.request(`/api/v1/mailbox/${id}/${path}`, init);
      assert.equal(res.status, 200, await res.clone().text());
      const state = (await body(res)) as Json;
      const action =
        path === 'star' ? (init?.method === 'PUT' ? 'star' : 'unstar') : init?.method === 'PUT' ? 'snooze' : 'unsnooze';
      assert.deepEqual(await app.told.since(seq), [
        { who: app.ids.E1002, type: 'mailbox.updated', payload: { messageId: id, action, state } },
      ]);
      return state;
    };
    const tag = await app.li.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: '星标前' } });
    assert.equal(tag.status, 201, await tag.clone().text());
    const tagId = (await body(tag)).id as string;
    const put = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'tag', messageIds: [id], tagId },
    });
    assert.equal(put.status, 200, await put.clone().text());
    const starred = await answer('star', { method: 'PUT' });
    assert.ok(starred.starredAt > 0);
    assert.deepEqual(starred.tagIds, [tagId]);
    assert.equal(starred.archivedAt, null);
    assert.deepEqual(starred, await mine());
    const until = Date.now() + 3_600_000;
    const snoozed = await answer('snooze', { method: 'PUT', json: { until } });
    assert.equal(snoozed.snoozedUntil, until);
    assert.ok(snoozed.archivedAt > 0);
    assert.equal(snoozed.starredAt, starred.starredAt, 'the star stays');
    assert.deepEqual(snoozed, await mine());
    const woken = await answer('snooze', { method: 'DELETE' });
    assert.deepEqual([woken.snoozedUntil, woken.archivedAt, woken.starredAt], [null, null, starred.starredAt]);
    assert.deepEqual(woken, await mine());
    const unstarred = await answer('star', { method: 'DELETE' });
    assert.equal(unstarred.starredAt, null);
    assert.deepEqual(unstarred, await mine());

    const refused = async (messageId: string) => {
      for (const [path, init] of [
        ['star', { method: 'PUT' }],
        ['snooze', { method: 'PUT', json: { until } }],
        ['snooze', { method: 'DELETE' }],
      ] as const)
        assert.equal((await app.li.request(`/api/v1/mailbox/${messageId}/${path}`, init)).status, 404, path);
    };
    const gone = await app.send();
    const del = await app.li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'delete', messageIds: [gone] },
    });
    assert.equal(del.status, 200, await del.clone().text());
    await refused(gone);
    const withdrawn = await app.send();
    assert.equal((await app.zhang.request(`/api/v1/messages/${withdrawn}`, { method: 'DELETE' })).status, 204);
    await refused(withdrawn);
    // Nothing was written for them.
    const seq = await app.told.newest();
    await refused(gone);
    await refused(withdrawn);
    assert.deepEqual(await app.told.since(seq), []);
  });

  test('issue 20 #5: the list carries a stored preview line, not for recalled or expired messages', async () => {
    const text = `第一行\n\n  second   line ${'长'.repeat(200)}`;
    const id = await app.send({ subject: 'Preview', body: doc(text) });
    const [row] = await app.deps.db.select({ preview: messages.preview }).from(messages).where(eq(messages.id, id));
    assert.equal(row?.preview, `第一行 second line ${'长'.repeat(120 - 'second line '.length - 4)}…`);
    assert.equal((await entry(app.li, id))?.message.snippet, row?.preview);
    const edited = await app.zhang.request(`/api/v1/messages/${id}`, {
      method: 'PATCH',
      json: { body: doc('新的内容') },
    });
    assert.equal(edited.status, 200, await edited.clone().text());
    assert.equal((await entry(app.li, id))?.message.snippet, '新的内容');
    const expiring = await app.send({ subject: 'Gone soon', body: doc('secret') });
    await app.deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(messages.id, expiring));
    assert.equal((await entry(app.li, expiring, '&view=all'))?.message.snippet, '');
    assert.equal((await app.zhang.request(`/api/v1/messages/${id}/recall`, { method: 'POST' })).status, 200);
    assert.equal((await entry(app.li, id))?.message.snippet, '');
  });
});
