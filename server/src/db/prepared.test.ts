import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LibsqlError } from '@libsql/client';
import { testDeps } from '../testing/deps.js';
import { execute } from './prepared.js';
import { loopBudget, TX_CONNECTION } from './write-queue.js';
import { until } from '../testing/until.js';
import type { Tx } from './client.js';
import { sqliteOnly } from '../testing/engine-only.js';

// Issue 15: inside a write transaction, execute() runs on the transaction's own connection, past the client. What it
// answers, writes and throws must be what the client path gives.
const LIBSQL_ONLY = sqliteOnly("libSQL's direct statements (the embedded engine's prepared-statement path)");
let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => {
  if (LIBSQL_ONLY.skip) return;
  deps = await testDeps();
  await deps.db.$client.execute('create table probe (id integer primary key, name text unique, at integer, flag any)');
});
after(() => {
  if (!LIBSQL_ONLY.skip) deps.cleanup();
});

const connectionOf = (tx: Tx) =>
  (tx as unknown as { session: { tx: Record<symbol, unknown> } }).session.tx[TX_CONNECTION];

test('issue 15: direct statements in a transaction answer and store what the client does', LIBSQL_ONLY, async () => {
  let kept: Tx | undefined;
  await deps.db.transaction(async (tx) => {
    kept = tx;
    assert.ok(connectionOf(tx), 'a write transaction names its connection');
    const written = await execute(tx, 'insert into probe (name, at, flag) values (?, ?, ?), (?, ?, ?)', [
      'a',
      1796440905493,
      true,
      'b',
      null,
      false,
    ]);
    assert.equal(written.rowsAffected, 2);
    const read = await execute(tx, 'select name, at, flag from probe where id > ? order by id', [0]);
    assert.deepEqual(read.rows, [
      ['a', 1796440905493, 1],
      ['b', null, 0],
    ]);
  });
  assert.equal(connectionOf(kept!), undefined, 'no connection once committed');
  // The same rows read through the client (outside any transaction).
  const viaClient = await deps.db.$client.execute('select name, at, flag, typeof(at) as t from probe order by id');
  assert.deepEqual(
    viaClient.rows.map((r) => [r.name, r.at, r.flag, r.t]),
    [
      ['a', 1796440905493, 1, 'integer'],
      ['b', null, 0, 'null'],
    ],
  );
  await assert.rejects(
    execute(kept!, 'select 1'),
    (err: LibsqlError) => err.code === 'TRANSACTION_CLOSED',
    'a transaction used after its commit is refused, as the client refuses it',
  );
});

test(
  'issue 15: a failing direct statement throws the LibsqlError the client throws, and rolls back',
  LIBSQL_ONLY,
  async () => {
    const codes = async (run: (sql: string, args: unknown[]) => Promise<unknown>) => {
      try {
        await run('insert into probe (name) values (?)', ['a']);
      } catch (err) {
        const e = err as LibsqlError;
        assert.ok(e instanceof LibsqlError);
        return {
          code: e.code,
          extendedCode: e.extendedCode,
          rawCode: e.rawCode,
          message: e.message,
          cause: String(e.cause),
        };
      }
      assert.fail('no error');
    };
    const direct = await deps.db.transaction(async (tx) => codes((sql, args) => execute(tx, sql, args)));
    const client = await codes((sql, args) => deps.db.$client.execute({ sql, args: args as never }));
    assert.deepEqual(direct, client);
    assert.equal(direct.extendedCode, 'SQLITE_CONSTRAINT_UNIQUE');
    await assert.rejects(execute(deps.db, 'select * from no_such_table'), /no such table/);
    await assert.rejects(
      deps.db.transaction(async (tx) => {
        await execute(tx, 'insert into probe (name) values (?)', ['c']);
        await execute(tx, 'select * from no_such_table');
      }),
      (err: LibsqlError) => err.code === 'SQLITE_ERROR',
    );
    const [row] = (await execute(deps.db, `select count(*) from probe where name = 'c'`)).rows;
    assert.equal(row![0], 0, 'the transaction was rolled back');
  },
);

test(
  'issue 15: after SQLite rolls a transaction back itself, a direct statement is refused (D1)',
  LIBSQL_ONLY,
  async () => {
    await deps.db.$client.execute("insert into probe (name) values ('taken')");
    const refused: string[] = [];
    await assert.rejects(
      deps.db.transaction(async (tx) => {
        await execute(tx, "insert into probe (name) values ('before-conflict')");
        // `or rollback`: the conflict ends the whole transaction inside SQLite.
        await assert.rejects(execute(tx, "insert or rollback into probe (name) values ('taken')"));
        await execute(tx, "insert into probe (name) values ('after-rollback')").catch((err: LibsqlError) => {
          refused.push(err.code);
          throw err;
        });
      }),
    );
    assert.deepEqual(refused, ['TRANSACTION_CLOSED'], 'refused as the client refuses it');
    const names = (
      await deps.db.$client.execute("select name from probe where name in ('before-conflict', 'after-rollback')")
    ).rows;
    assert.deepEqual(names, [], 'nothing of the transaction is stored');
  },
);

test(
  'issue 15: a direct statement of a transaction that ended while it waited its turn is refused, not run in the \
next transaction on the connection (review)',
  LIBSQL_ONLY,
  async () => {
    await deps.db.$client.execute("insert into probe (name) values ('held')");
    // Every statement waits a turn of the event loop (`pace()` yields once statements held it for the budget).
    const budget = loopBudget.ms;
    loopBudget.ms = 0;
    try {
      const refused: string[] = [];
      // Two statements at once; the first fails, so the transaction rolls back, gives the write turn back, and the
      // next transaction begins on the same connection while the second statement still waits.
      const first = deps.db.transaction(async (tx) => {
        await Promise.all([
          execute(tx, "insert into probe (name) values ('held')"),
          execute(tx, "insert into probe (name) values ('of the rolled-back one')").catch((err: LibsqlError) => {
            refused.push(err.code);
          }),
        ]);
      });
      const next = deps.db.transaction((tx) => execute(tx, "insert into probe (name) values ('of the next one')"));
      await assert.rejects(first, /UNIQUE/);
      await next;
      await until(() => refused.length > 0, 'the late statement answered');
      assert.deepEqual(refused, ['TRANSACTION_CLOSED']);
    } finally {
      loopBudget.ms = budget;
    }
    const names = (
      await deps.db.$client.execute(
        "select name from probe where name in ('of the rolled-back one', 'of the next one') order by name",
      )
    ).rows.map((r) => r.name);
    assert.deepEqual(names, ['of the next one'], 'nothing of the rolled-back transaction is stored');
  },
);

test(
  'issue 15: a direct statement after the database was closed mid-transaction is refused, the process lives (review)',
  LIBSQL_ONLY,
  async () => {
    const own = await testDeps();
    try {
      await own.db.$client.execute('create table t (name text)');
      await assert.rejects(
        own.db.transaction(async (tx) => {
          await execute(tx, "insert into t (name) values ('a')");
          own.db.$client.close(); // a shutdown or reconnect while a transaction is under way
          await execute(tx, "insert into t (name) values ('b')");
        }),
        (err: LibsqlError) => err.code === 'TRANSACTION_CLOSED',
      );
    } finally {
      own.cleanup();
    }
  },
);
