// Issue 15: a kept query (db/kept-query.ts) answers what the same drizzle query built each time answers — on the
// database, for lists of any length, and inside a transaction, where it must see the transaction's own writes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { positions } from '../modules/org/schema.js';
import { testDeps } from '../testing/deps.js';
import { inList, isDatabase, keptQuery } from './kept-query.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => {
  deps = await testDeps();
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
