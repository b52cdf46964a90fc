// Issue 15, no stalls: a long transaction gives the event loop its turns between statements, and stays one
// transaction (all or nothing). The budget is set to 0 here so that every statement yields: no clock is involved.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { testDeps } from '../testing/deps.js';
import { loopBudget } from './write-queue.js';
import { sqliteOnly } from '../testing/engine-only.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
const budget = loopBudget.ms;
before(async () => {
  deps = await testDeps();
  loopBudget.ms = 0;
});
after(() => {
  loopBudget.ms = budget;
  deps.cleanup();
});

const insert = (n: number) =>
  sql`insert into positions (id, name, level, created_at) values (${`q${n}`}, ${`Q ${n}`}, 1, 1)`;
const count = async () =>
  (await deps.db.all<{ n: number }>(sql`select count(*) as n from positions where id like 'q%'`))[0]!.n;

test(
  'issue 15: other work runs between the statements of a long transaction, which still commits as one',
  sqliteOnly("the embedded engine's one-writer queue"),
  async () => {
    const log: string[] = [];
    const write = deps.db
      .transaction(async (tx) => {
        for (let n = 1; n <= 3; n++) {
          await tx.run(insert(n));
          log.push(`statement ${n}`);
        }
      })
      .then(() => log.push('commit'));
    // A request arriving meanwhile (here: I/O-phase work and a read on another connection) is served before the commit.
    setImmediate(() => log.push('other work'));
    const seenMidway = new Promise<number>((resolve) => setImmediate(() => void count().then(resolve)));
    await write;
    assert.ok(log.indexOf('other work') < log.indexOf('commit'), log.join(', '));
    assert.equal(await seenMidway, 0, 'a reader meanwhile sees none of the uncommitted rows');
    assert.equal(await count(), 3);
  },
);

test(
  'issue 15: a transaction that fails after yielding leaves nothing behind',
  sqliteOnly("the embedded engine's one-writer queue"),
  async () => {
    await assert.rejects(
      deps.db.transaction(async (tx) => {
        for (let n = 10; n < 20; n++) await tx.run(insert(n));
        throw new Error('a failure half-way, as a crash would be');
      }),
      /half-way/,
    );
    const rows = await deps.db.all<{ n: number }>(
      sql`select count(*) as n from positions where id between 'q10' and 'q19'`,
    );
    assert.equal(rows[0]!.n, 0);
  },
);
