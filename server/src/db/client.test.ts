import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Transaction } from '@libsql/client';
import { testDeps } from '../testing/deps.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => { deps = await testDeps(); });
after(() => deps.cleanup());

test('every pooled connection carries WAL, synchronous=NORMAL, foreign_keys and busy_timeout', async () => {
  // Each open transaction holds its own connection, so five at once make the pool open five.
  const client = deps.db.$client;
  const txs: Transaction[] = await Promise.all(Array.from({ length: 5 }, () => client.transaction('read')));
  try {
    for (const tx of txs) {
      const read = async (pragma: string) => Object.values((await tx.execute(`PRAGMA ${pragma}`)).rows[0]!)[0];
      assert.deepEqual(
        { journal: await read('journal_mode'), sync: await read('synchronous'), fk: await read('foreign_keys'), busy: await read('busy_timeout') },
        { journal: 'wal', sync: 1, fk: 1, busy: 5000 },
      );
    }
  } finally {
    for (const tx of txs) tx.close();
  }
  // and a connection opened later, while those are idle again, too
  const [a, b] = await Promise.all([client.transaction('read'), client.transaction('read')]);
  const fk = await b!.execute('PRAGMA foreign_keys');
  a!.close(); b!.close();
  assert.equal(Object.values(fk.rows[0]!)[0], 1);
});

test('foreign keys are enforced (a grant for a member that does not exist is refused)', async () => {
  await assert.rejects(
    deps.db.$client.execute("insert into role_grants (id, member_id, role_id, created_at) values ('g', 'nobody', 'nothing', 1)"),
    /FOREIGN KEY/,
  );
});
