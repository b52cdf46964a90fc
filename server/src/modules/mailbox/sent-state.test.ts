import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailboxTags } from '../tags/schema.js';
import { mailbox, sentState } from './schema.js';

type SentItem = {
  message: { id: string };
  state: { archivedAt: number | null; starredAt: number | null; tagIds: string[] };
};

describe('issue 19 #9: senders manage what they sent', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let zhang: Browser, li: Browser, wang: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ deps, app } = await demoApp(ids));
    zhang = await browserAs(app, deps.db, 'E1001', 'sender');
    li = await browserAs(app, deps.db, 'E1002', 'sender');
    wang = await browserAs(app, deps.db, 'E1003', null);
  });
  after(() => deps.cleanup());

  const send = async (from: Browser, to: string[], subject = '已发送') => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject,
        body: doc('正文'),
        audience: to.map((id) => ({ kind: 'member', targetId: id })),
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
  const sent = async (b: Browser, query = '') => {
    const res = await b.request(`/api/v1/sent${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await body<{ items: SentItem[] }>(res)).items;
  };
  const sentRows = (senderId: string, messageId: string) =>
    deps.db
      .select()
      .from(sentState)
      .where(and(eq(sentState.senderId, senderId), eq(sentState.messageId, messageId)));
  const personalTag = async (b: Browser, name: string) =>
    (await body(await b.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name } }))).id as string;

  /**
   * Imported history: 张三 (the sender) holds an entry of their own message `id`, a copy of 李四's delivered `later` ms
   * after it; answers that entry.
   */
  const giveSenderEntry = async (id: string, later = 0) => {
    const [copy] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, ids.E1002!), eq(mailbox.messageId, id)));
    const entry = { ...copy!, ownerId: ids.E1001!, deliveredAt: copy!.deliveredAt + later };
    await deps.db.insert(mailbox).values(entry);
    return entry;
  };

  test('archive and unarchive: it leaves Sent for Sent › Archived and comes back; no row until then', async () => {
    const id = await send(zhang, [ids.E1002!]);
    assert.deepEqual(await sentRows(ids.E1001!, id), [], 'sending writes no sender state');
    assert.deepEqual(await ok(zhang, { action: 'archive', messageIds: [id] }), {
      action: 'archive',
      matched: 1,
      changed: 1,
    });
    assert.equal((await sentRows(ids.E1001!, id)).length, 1);
    assert.ok(!(await sent(zhang)).some((i) => i.message.id === id), 'gone from Sent');
    const archived = await sent(zhang, '?archived=true');
    assert.ok(archived.find((i) => i.message.id === id)?.state.archivedAt);
    assert.equal((await ok(zhang, { action: 'archive', messageIds: [id] })).changed, 0, 'already archived');
    assert.equal((await ok(zhang, { action: 'unarchive', messageIds: [id] })).changed, 1);
    assert.equal((await sent(zhang)).find((i) => i.message.id === id)?.state.archivedAt, null);
    // The recipient's copy is untouched by the sender's archive.
    const [entry] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, ids.E1002!), eq(mailbox.messageId, id)));
    assert.equal(entry?.archivedAt, null);
  });

  test('star and tag: the Sent list shows them and filters by them; the tag is private to the sender', async () => {
    const id = await send(zhang, [ids.E1002!]);
    const other = await send(zhang, [ids.E1002!]);
    const tagId = await personalTag(zhang, '客户跟进');
    await ok(zhang, { action: 'star', messageIds: [id] });
    assert.equal((await ok(zhang, { action: 'tag', tagId, messageIds: [id, other] })).changed, 2);
    assert.equal((await ok(zhang, { action: 'untag', tagId, messageIds: [other] })).changed, 1);
    const item = (await sent(zhang)).find((i) => i.message.id === id)!;
    assert.ok(item.state.starredAt);
    assert.deepEqual(item.state.tagIds, [tagId]);
    assert.deepEqual(
      (await sent(zhang, '?starred=true')).map((i) => i.message.id),
      [id],
    );
    assert.deepEqual(
      (await sent(zhang, `?tagId=${tagId}`)).map((i) => i.message.id),
      [id],
    );
    // The recipient sees neither the tag on their copy nor the tag itself.
    const inbox = await body<{
      items: Array<{ message: { id: string }; state: { tagIds: string[]; starredAt: unknown } }>;
    }>(await li.request('/api/v1/mailbox'));
    const copy = inbox.items.find((i) => i.message.id === id)!;
    assert.deepEqual(copy.state.tagIds, []);
    assert.equal(copy.state.starredAt, null);
    const liTags = await body<{ items: Array<{ id: string }> }>(await li.request('/api/v1/tags'));
    assert.ok(!liTags.items.some((t) => t.id === tagId));
    // And another's personal tag cannot be put on one's sent message.
    const liTag = await personalTag(li, '李的标签');
    const res = await batch(zhang, { action: 'tag', tagId: liTag, messageIds: [id] });
    assert.equal(res.status, 400);
    assert.equal((await body(res)).errors[0].code, 'unknown-tag');
    await ok(zhang, { action: 'unstar', messageIds: [id] });
    assert.deepEqual(await sent(zhang, '?starred=true'), []);
  });

  test('one sender cannot touch another sender’s message; a recipient acts on their own copy only', async () => {
    const id = await send(zhang, [ids.E1003!]);
    // li neither sent nor received it: refused, nothing changed, and it does not say whose it is.
    const res = await batch(li, { action: 'archive', messageIds: [id] });
    assert.equal(res.status, 400);
    assert.deepEqual(
      (await body(res)).errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`),
      ['messageIds.0:not-in-mailbox'],
    );
    const tagId = await personalTag(li, '别人的');
    assert.equal((await batch(li, { action: 'tag', tagId, messageIds: [id] })).status, 400);
    assert.deepEqual(await sentRows(ids.E1002!, id), []);
    assert.deepEqual(await deps.db.select().from(mailboxTags).where(eq(mailboxTags.messageId, id)), []);
    // wang received it: his archive is his copy's, not the sender's state.
    await ok(wang, { action: 'archive', messageIds: [id] });
    assert.deepEqual(await sentRows(ids.E1001!, id), []);
    assert.ok((await sent(zhang)).some((i) => i.message.id === id));
  });

  test('sender actions only: read or delete of a sent message one did not receive stays not-in-mailbox', async () => {
    const id = await send(zhang, [ids.E1002!]);
    for (const action of ['read', 'unread', 'delete', 'restore']) {
      const res = await batch(zhang, { action, messageIds: [id] });
      assert.equal(res.status, 400, action);
      assert.equal((await body(res)).errors[0].code, 'not-in-mailbox', action);
    }
  });

  test('all or nothing, within the limits of a batch: a foreign id refuses it all; 1,001 ids are refused', async () => {
    const mine = await send(zhang, [ids.E1002!]);
    const theirs = await send(li, [ids.E1003!]);
    const res = await batch(zhang, { action: 'archive', messageIds: [mine, theirs] });
    assert.equal(res.status, 400);
    assert.deepEqual(
      (await body(res)).errors.map((e: { path: string }) => e.path),
      ['messageIds.1'],
    );
    assert.deepEqual(await sentRows(ids.E1001!, mine), [], 'nothing changed');
    const tooMany = await batch(zhang, {
      action: 'archive',
      messageIds: Array.from({ length: 1001 }, (_, i) => (i ? `x${i}` : mine)),
    });
    assert.equal(tooMany.status, 400);
    assert.equal((await body(tooMany)).type?.endsWith('validation') ?? true, true);
  });

  test('sent to oneself: the sender is left out of delivery, so one state, shown once in Sent › Archived', async () => {
    const id = await send(zhang, [ids.E1001!, ids.E1002!], '给自己');
    await ok(zhang, { action: 'archive', messageIds: [id] });
    assert.equal((await sentRows(ids.E1001!, id)).length, 1);
    assert.equal((await sent(zhang, '?archived=true')).filter((i) => i.message.id === id).length, 1);
    const archived = await body<{ items: Array<{ message: { id: string } }> }>(
      await zhang.request('/api/v1/mailbox?view=archived'),
    );
    assert.ok(!archived.items.some((i) => i.message.id === id), 'not a second time as a received entry');
  });

  test('a sender holding an entry of their own message (imported history): that entry is the one state', async () => {
    const id = await send(zhang, [ids.E1002!], '自己也有一份');
    await giveSenderEntry(id);
    const tagId = await personalTag(zhang, '自己的');
    await ok(zhang, { action: 'archive', messageIds: [id] });
    await ok(zhang, { action: 'tag', tagId, messageIds: [id] });
    assert.deepEqual(await sentRows(ids.E1001!, id), [], 'no second state');
    const [entry] = await deps.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.ownerId, ids.E1001!), eq(mailbox.messageId, id)));
    assert.ok(entry?.archivedAt);
    assert.ok(!(await sent(zhang)).some((i) => i.message.id === id));
    const inSentArchive = (await sent(zhang, '?archived=true')).filter((i) => i.message.id === id);
    assert.equal(inSentArchive.length, 1);
    assert.deepEqual(inSentArchive[0]!.state.tagIds, [tagId]);
    // Moved back from the inbox's Archived view, it is back in Sent too.
    await ok(zhang, { action: 'unarchive', messageIds: [id] });
    assert.ok((await sent(zhang)).some((i) => i.message.id === id));
  });

  test('R12 a sender tags from Sent a message whose own entry is in the trash; restored, it is listed', async () => {
    const id = await send(zhang, [ids.E1002!], '回收站里的自己');
    // Delivered at another time than the message was made.
    const { deliveredAt } = await giveSenderEntry(id, 5000);
    const tagId = await personalTag(zhang, '回收站');
    await ok(zhang, { action: 'delete', messageIds: [id] });
    await ok(zhang, { action: 'tag', tagId, messageIds: [id] }); // no live entry: the sender-state path
    const [row] = await deps.db
      .select()
      .from(mailboxTags)
      .where(and(eq(mailboxTags.ownerId, ids.E1001!), eq(mailboxTags.messageId, id)));
    assert.equal(row?.deliveredAt, deliveredAt, "the entry's delivery time, not the send time");
    await ok(zhang, { action: 'restore', messageIds: [id] });
    const listed = await body<{ items: Array<{ message: { id: string } }>; total: number }>(
      await zhang.request(`/api/v1/mailbox?view=all&tagId=${tagId}`),
    );
    assert.deepEqual(
      listed.items.map((i) => i.message.id),
      [id],
    );
    assert.equal(listed.total, 1);
  });

  test('the sender hears mailbox.updated; archiving sent messages is not audited, like received ones', async () => {
    const id = await send(zhang, [ids.E1002!]);
    const before = (await deps.db.select().from(auditLog)).length;
    await ok(zhang, { action: 'archive', messageIds: [id] });
    assert.equal((await deps.db.select().from(auditLog)).length, before);
    const heard = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.audienceId, ids.E1001!), eq(events.type, 'mailbox.updated')));
    assert.ok(heard.some((e) => JSON.stringify(e.payload).includes(id)));
  });
});
