// Issue 15: a kept query (db/kept-query.ts) answers what the same drizzle query built each time answers — on the
// database, for lists of any length, and inside a transaction, where it must see the transaction's own writes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { mailbox } from '../modules/mailbox/schema.js';
import { messages } from '../modules/messages/schema.js';
import { positions } from '../modules/org/schema.js';
import { createApp } from '../app.js';
import { seedDemo } from '../seed.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { dialect } from './dialect.js';
import { inList, isDatabase, keptQuery } from './kept-query.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => {
  deps = await testDeps();
  await seedDemo(deps.db);
  await deps.db
    .insert(positions)
    .values(
      ['a', 'b', 'c', 'd'].map((id, i) => ({ id: `kq-${id}`, name: `Position ${id}`, level: i + 1, createdAt: 1 })),
    );
});
after(() => deps.cleanup());

let builds = 0;
const byIds = keptQuery((db, v: { ids: string }) => {
  builds++;
  return db
    .select({ id: positions.id, level: positions.level })
    .from(positions)
    .where(inList(positions.id, v.ids))
    .orderBy(positions.id);
});

test('issue 15: a kept query answers as drizzle does, for lists of every length, run again and again', async () => {
  for (const ids of [['kq-a'], ['kq-b', 'kq-c'], [], ['kq-a', 'kq-b', 'kq-c', 'kq-d', 'missing'], ['kq-d', 'kq-d']]) {
    const built = ids.length
      ? await deps.db
          .select({ id: positions.id, level: positions.level })
          .from(positions)
          .where(inArray(positions.id, ids))
          .orderBy(positions.id)
      : [];
    assert.deepEqual(await byIds(deps.db, { ids: JSON.stringify(ids) }), built, JSON.stringify(ids));
  }
  assert.equal(isDatabase(deps.db), true);
  assert.equal(builds, 1, 'built once for the database, whatever the list');
});

test('issue 15: in a transaction a kept query runs on it (its writes seen; none after a rollback)', async () => {
  const one = keptQuery((db, v: { id: string }) =>
    db.select({ name: positions.name }).from(positions).where(eq(positions.id, v.id)),
  );
  assert.deepEqual(await one(deps.db, { id: 'kq-a' }), [{ name: 'Position a' }], 'prepared on the database');
  await assert.rejects(
    deps.db.transaction(async (tx) => {
      assert.equal(isDatabase(tx), false);
      await tx.update(positions).set({ name: 'renamed' }).where(eq(positions.id, 'kq-a'));
      assert.deepEqual(await one(tx, { id: 'kq-a' }), [{ name: 'renamed' }], 'the transaction sees its write');
      throw new Error('undo');
    }),
    /undo/,
  );
  assert.deepEqual(await one(deps.db, { id: 'kq-a' }), [{ name: 'Position a' }], 'rolled back');
});

test('issue 15: a kept query maps whole rows as drizzle does (JSON, booleans, nulls, numbers)', async () => {
  // On the embedded engine a kept query reads raw rows and hands them to drizzle's mapping (kept-query.ts).
  const admin = await adminBrowser(createApp(deps), deps.db);
  const [member] = await dialect.all<{ id: string }>(deps.db, sql`select id from members where employee_no = 'E1002'`);
  const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  for (const extra of [{}, { receiptRequired: true, expiresInMinutes: 60, priority: 'urgent' }]) {
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: 'kept',
        body: doc('see'),
        audience: [{ kind: 'member', targetId: member!.id }],
        ...extra,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
  }
  const sent = await deps.db.select({ id: messages.id }).from(messages);
  const ids = JSON.stringify(sent.map((m) => m.id));
  const keptMessages = keptQuery((db, v: { ids: string }) =>
    db.select().from(messages).where(inList(messages.id, v.ids)).orderBy(messages.id),
  );
  const keptEntries = keptQuery((db, v: { ids: string }) =>
    db.select().from(mailbox).where(inList(mailbox.messageId, v.ids)).orderBy(mailbox.messageId, mailbox.ownerId),
  );
  for (let run = 0; run < 2; run++) {
    assert.deepEqual(
      await keptMessages(deps.db, { ids }),
      await deps.db.select().from(messages).orderBy(messages.id),
      'messages: the body (JSON), links, receipt flag, times',
    );
    assert.deepEqual(
      await keptEntries(deps.db, { ids }),
      await deps.db.select().from(mailbox).orderBy(mailbox.messageId, mailbox.ownerId),
      'mailbox entries: flags and nulls',
    );
  }
});
