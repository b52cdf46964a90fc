import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Transaction } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { testDeps } from '../testing/deps.js';
import { BUSY_TIMEOUT_MS } from './busy.js';
import { ConfiguredPool, openDatabase } from './client.js';
import { ENGINE } from './engine.js';
import { sqliteOnly } from '../testing/engine-only.js';
import Database from 'libsql';
import { join } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';

let deps: Awaited<ReturnType<typeof testDeps>>;
before(async () => {
  deps = await testDeps();
});
after(() => deps.cleanup());

test(
  'every pooled connection carries WAL, synchronous=NORMAL, foreign_keys and busy_timeout',
  sqliteOnly("libSQL connections: PRAGMAs, the client's execute, one writer at a time"),
  async () => {
    // Each open transaction holds its own connection, so five at once make the pool open five.
    const client = deps.db.$client;
    const txs: Transaction[] = await Promise.all(Array.from({ length: 5 }, () => client.transaction('read')));
    try {
      for (const tx of txs) {
        const read = async (pragma: string) => Object.values((await tx.execute(`PRAGMA ${pragma}`)).rows[0]!)[0];
        assert.deepEqual(
          {
            journal: await read('journal_mode'),
            sync: await read('synchronous'),
            fk: await read('foreign_keys'),
            busy: await read('busy_timeout'),
          },
          { journal: 'wal', sync: 1, fk: 1, busy: BUSY_TIMEOUT_MS },
        );
      }
    } finally {
      for (const tx of txs) tx.close();
    }
    // and a connection opened later, while those are idle again, too
    const [a, b] = await Promise.all([client.transaction('read'), client.transaction('read')]);
    const fk = await b!.execute('PRAGMA foreign_keys');
    a!.close();
    b!.close();
    assert.equal(Object.values(fk.rows[0]!)[0], 1);
  },
);

test(
  'foreign keys are enforced (a grant for a member that does not exist is refused)',
  sqliteOnly("libSQL connections: PRAGMAs, the client's execute, one writer at a time"),
  async () => {
    await assert.rejects(
      deps.db.$client.execute(
        "insert into role_grants (id, member_id, role_id, created_at) values ('g', 'nobody', 'nothing', 1)",
      ),
      /FOREIGN KEY/,
    );
  },
);

test(
  "issue 15: a kept statement's columns follow a schema change the process makes",
  sqliteOnly("libSQL connections: PRAGMAs, the client's execute, one writer at a time"),
  async () => {
    // The client asks every reader for its columns; a kept statement answers them from memory (db/client.ts) once it
    // has run since the schema last changed. `select *` is the statement whose columns a change moves. The first run
    // after a change may still name the columns it was prepared with (SQLite prepares it again as it steps it), as
    // the client did before the memory; every later run must name the new ones, and never keep the old ones.
    const client = deps.db.$client;
    const once = async (tx: Pick<Transaction, 'execute'> = client) => {
      const result = await tx.execute('select * from kept_columns');
      return { columns: result.columns, row: result.columns.map((c) => result.rows[0]![c]) };
    };
    /** After the first run since a change: twice, to see that what is kept stays right. */
    const read = async (tx: Pick<Transaction, 'execute'> = client) => {
      await once(tx);
      const settled = await once(tx);
      assert.deepEqual(await once(tx), settled, 'asked again: the kept statement');
      return settled;
    };
    await client.execute('create table kept_columns (a integer)');
    await client.execute('insert into kept_columns values (1)');
    assert.deepEqual(await read(), { columns: ['a'], row: [1] });
    await client.execute(`alter table kept_columns add column b text default 'x'`);
    assert.deepEqual(await read(), { columns: ['a', 'b'], row: [1, 'x'] });
    await client.execute('alter table kept_columns rename column b to c');
    assert.deepEqual(await read(), { columns: ['a', 'c'], row: [1, 'x'] });
    await client.executeMultiple('alter table kept_columns drop column c; alter table kept_columns add column d;');
    assert.deepEqual(await read(), { columns: ['a', 'd'], row: [1, null] });

    // A change made in a transaction on one connection while another connection reads (review of issue 15): the
    // reader answers the columns before the commit, then after it.
    const writer = await client.transaction('write');
    assert.deepEqual(await read(), { columns: ['a', 'd'], row: [1, null] }, 'the other connection');
    await writer.execute(`alter table kept_columns add column e text default 'y'`);
    assert.deepEqual(await read(), { columns: ['a', 'd'], row: [1, null] }, 'not committed yet');
    await writer.commit();
    const held = await client.transaction('read'); // holds the writer's connection: the reads go to the other one
    try {
      assert.deepEqual(await read(), { columns: ['a', 'd', 'e'], row: [1, null, 'y'] });
    } finally {
      held.close();
    }
    // A change rolled back: the columns are the ones before it again.
    const undone = await client.transaction('write');
    await undone.execute('alter table kept_columns add column f');
    assert.deepEqual((await read(undone)).columns, ['a', 'd', 'e', 'f']);
    await undone.rollback();
    assert.deepEqual(await read(), { columns: ['a', 'd', 'e'], row: [1, null, 'y'] });

    // Changes a savepoint's rollback leaves in place, one it undoes, and a script's (`executeMultiple`), committed
    // while the other connection reads (second and third reviews): shown once committed.
    for (const change of [
      async (tx: Transaction) => {
        for (const statement of ['alter table kept_columns add column g', 'savepoint s', 'rollback to s', 'release s'])
          await tx.execute(statement);
      },
      async (tx: Transaction) => {
        await tx.execute('savepoint s');
        await tx.execute('alter table kept_columns add column undone');
        assert.equal((await read(tx)).columns.at(-1), 'undone');
        await tx.execute('rollback to s');
        await tx.execute('release s');
        assert.equal((await read(tx)).columns.includes('undone'), false, 'the rolled-back column is gone');
        await tx.execute('alter table kept_columns add column i');
      },
      (tx: Transaction) => tx.executeMultiple(`alter table kept_columns add column h`),
    ]) {
      const { columns } = await read();
      const tx = await client.transaction('write');
      assert.deepEqual((await read()).columns, columns, 'the other connection, before');
      await change(tx);
      assert.deepEqual((await read()).columns, columns, 'not committed yet');
      await tx.commit();
      const hold = await client.transaction('read');
      try {
        assert.equal((await read()).columns.length, columns.length + 1, 'the added column, once committed');
      } finally {
        hold.close();
      }
    }

    // A change committed while another connection reads in a transaction of its own, on the schema as it was (third
    // review): what that connection kept meanwhile is not kept past its transaction's end.
    const reader = await client.transaction('read');
    const before = await read(reader);
    await client.execute('alter table kept_columns add column j');
    assert.deepEqual(await read(reader), before, 'the reader still sees the schema it began with');
    await reader.rollback();
    assert.equal((await read()).columns.length, before.columns.length + 1);
    await client.execute('drop table kept_columns');
  },
);

test(
  'review of issue 15: a connection a statement left half-run is replaced, and a caller queued for one is served',
  sqliteOnly("libSQL connections: PRAGMAs, the client's execute, one writer at a time"),
  async () => {
    type Conn = { prepare(sql: string): { run(): unknown }; exec(sql: string): unknown; open: boolean };
    const path = join(deps.dir, 'half-run.db');
    // The primary and, while it is held, at most one connection more.
    const pool = new ConfiguredPool(path, { timeout: 5 } as never, 1);
    const other = new Database(path, { timeout: 5 } as never); // another process's connection
    try {
      const first = pool.acquireSync() as unknown as Conn;
      first.exec('PRAGMA journal_mode = WAL');
      first.exec('create table t (x)');
      pool.release(first as never);
      const held = pool.acquireSync(true); // an open transaction holds the primary
      const borrowed = pool.acquireSync() as unknown as Conn; // a statement's: the pool is at its limit
      let served = false;
      void pool.acquire().then((conn) => {
        served = true;
        pool.release(conn as never);
      });
      other.prepare('BEGIN IMMEDIATE').run();
      assert.throws(() => borrowed.prepare('insert into t values (1)').run(), /SQLITE_BUSY|locked/i);
      other.prepare('ROLLBACK').run();
      pool.release(borrowed as never);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(borrowed.open, false, 'the half-run connection is closed');
      assert.ok(served, 'the queued caller got the connection that took its place');
      pool.release(held);

      // The primary left half-run is closed too, and a new primary takes its place.
      const primary = pool.acquireSync() as unknown as Conn;
      assert.equal(primary, first);
      other.prepare('BEGIN IMMEDIATE').run();
      assert.throws(() => primary.prepare('insert into t values (1)').run(), /SQLITE_BUSY|locked/i);
      other.prepare('ROLLBACK').run();
      pool.release(primary as never);
      assert.equal(primary.open, false, 'the half-run primary is closed');
      const next = pool.acquireSync() as unknown as Conn;
      assert.ok(next.open);
      next.prepare('insert into t values (2)').run(); // commits: nothing half-run holds the lock
      const another = pool.acquireSync(); // the primary is held: one of the pool's
      assert.notEqual(another, next);
      pool.release(next as never);
      pool.release(another); // released last, yet not handed out next
      assert.equal(pool.acquireSync(), next, 'the new primary is handed out from then on');
      pool.release(next as never);
      assert.deepEqual(other.prepare('select x from t').all(), [{ x: 2 }]);
    } finally {
      other.close();
      pool.close();
    }
  },
);

// Issue 15: a commit made on one connection drops the others' page caches (WAL), so statements stay on one.
test(
  'every statement runs on the primary connection unless an open transaction holds it',
  { ...sqliteOnly('libSQL connections'), timeout: 30_000 }, // a caller left waiting fails rather than hangs
  async () => {
    type Conn = {
      prepare(sql: string): { run(...args: unknown[]): unknown; all(): unknown[] };
      exec(sql: string): unknown;
    };
    const pool = new ConfiguredPool(join(deps.dir, 'primary.db'), { timeout: 5 } as never, 4);
    try {
      const primary = pool.acquireSync() as unknown as Conn;
      primary.exec('PRAGMA journal_mode = WAL');
      primary.exec('create table t (x)');
      pool.release(primary as never);
      const tx = pool.acquireSync(true) as unknown as Conn;
      assert.equal(tx, primary);
      tx.exec('BEGIN IMMEDIATE');
      tx.prepare('insert into t values (?)').run(1);
      const reader = (await pool.acquire()) as unknown as Conn;
      assert.notEqual(reader, primary, 'a read while the transaction is open runs elsewhere');
      assert.deepEqual(reader.prepare('select x from t').all(), [], 'and does not see what is not committed');
      tx.exec('COMMIT');
      // Released last, the other connection is what the inherited pool would hand out next.
      pool.release(tx as never);
      pool.release(reader as never);
      const next = (await pool.acquire()) as unknown as Conn;
      assert.equal(next, primary);
      assert.deepEqual(next.prepare('select x from t').all(), [{ x: 1 }]);
      pool.release(next as never);

      // Statements (and a transaction) asked for at once take the primary in turn, each giving it back when done.
      const borrow = (forTransaction = false) =>
        pool.acquire(forTransaction).then((conn) => {
          pool.release(conn as never);
          return conn as unknown;
        });
      assert.deepEqual(await Promise.all([borrow(), borrow(), borrow(), borrow(true)]), [
        primary,
        primary,
        primary,
        primary,
      ]);

      // A statement queued behind a transaction that takes the primary is served by the pool meanwhile: the
      // transaction may be waiting for it.
      const first = pool.acquire();
      const transaction = pool.acquire(true);
      const queued = pool.acquire();
      pool.release((await first) as never);
      const holding = await transaction;
      assert.equal(holding, primary);
      const served = (await queued) as unknown as Conn;
      assert.notEqual(served, primary);
      pool.release(served as never);
      pool.release(holding as never);

      // Given back mid-transaction, it is rolled back before anyone else has it.
      const left = pool.acquireSync(true) as unknown as Conn;
      left.exec('BEGIN IMMEDIATE');
      left.prepare('insert into t values (?)').run(2);
      pool.release(left as never);
      const after = pool.acquireSync() as unknown as Conn & { inTransaction: boolean };
      assert.equal(after, primary);
      assert.equal(after.inTransaction, false);
      assert.deepEqual(after.prepare('select x from t').all(), [{ x: 1 }]);
      const waiting = pool.acquire(); // behind the statement holding it
      pool.close();
      await assert.rejects(waiting, /closed/);
      pool.reopen(); // the client's reconnect(): a new primary
      const reopened = pool.acquireSync();
      const second = pool.acquireSync();
      assert.notEqual(second, reopened);
      pool.release(reopened);
      pool.release(second); // released last, yet not handed out next
      assert.notEqual(reopened, primary);
      assert.equal(await borrow(), reopened);
    } finally {
      pool.close();
    }
  },
);

test(
  'review of issue 15: when the primary cannot be opened again, every caller waiting for it is refused',
  { ...sqliteOnly('libSQL connections'), timeout: 30_000 }, // one left waiting fails rather than hangs
  async () => {
    type Conn = { exec(sql: string): unknown; close(): void };
    const dir = join(deps.dir, 'primary-gone');
    mkdirSync(dir);
    const pool = new ConfiguredPool(join(dir, 'x.db'), { timeout: 5 } as never, 2);
    try {
      const primary = (await pool.acquire()) as unknown as Conn;
      primary.exec('PRAGMA journal_mode = WAL');
      const waiting = [pool.acquire(), pool.acquire(true), pool.acquire()];
      primary.close();
      rmSync(dir, { recursive: true }); // its file and folder gone: it cannot be opened again
      pool.release(primary as never);
      const settled = await Promise.allSettled(waiting);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['rejected', 'rejected', 'rejected'],
      );
    } finally {
      pool.close();
    }
  },
);

// Issue 14: asserted by order, not by elapsed time or event-loop gaps (those failed on a loaded machine).
test(
  'concurrent write transactions in one process wait their turn without blocking the event loop',
  sqliteOnly("libSQL connections: PRAGMAs, the client's execute, one writer at a time"),
  async () => {
    const log: string[] = [];
    const gates = [1, 2, 3].map(() => {
      let open!: () => void;
      const opened = new Promise<void>((r) => {
        open = r;
      });
      return { open, opened };
    });
    const started = [1, 2, 3].map(() => {
      let signal!: () => void;
      const seen = new Promise<void>((r) => {
        signal = r;
      });
      return { signal, seen };
    });
    const slow = (n: number) =>
      deps.db.transaction(async (tx) => {
        await tx.run(
          sql`insert into positions (id, name, level, created_at) values (${`p${n}`}, ${`Position ${n}`}, 1, 1)`,
        );
        log.push(`start ${n}`);
        started[n - 1]!.signal();
        await gates[n - 1]!.opened; // holds the write lock while awaiting
        log.push(`end ${n}`);
      });
    const all = Promise.all([
      slow(1),
      slow(2),
      slow(3),
      deps.db.run(sql`insert into positions (id, name, level, created_at) values ('p4', 'Position 4', 1, 1)`),
    ]);
    for (const n of [1, 2, 3]) {
      await started[n - 1]!.seen;
      // While this transaction holds the lock and the others wait, a timer still fires: the waiting is asynchronous.
      // (SQLite's own busy handler would sleep inside the call and block the event loop until SQLITE_BUSY.)
      await new Promise<void>((r) =>
        setTimeout(() => {
          log.push(`timer while ${n} holds`);
          r();
        }, 1),
      );
      gates[n - 1]!.open();
    }
    await all;
    assert.deepEqual(
      log,
      [
        'start 1',
        'timer while 1 holds',
        'end 1',
        'start 2',
        'timer while 2 holds',
        'end 2',
        'start 3',
        'timer while 3 holds',
        'end 3',
      ],
      'the transactions ran one after another, and the event loop kept running while they waited',
    );
    const rows = await deps.db.all<{ n: number }>(
      sql`select count(*) as n from positions where id in ('p1','p2','p3','p4')`,
    );
    assert.equal(rows[0]!.n, 4, 'every write committed');
  },
);

test('issue 18: a process runs one engine: it refuses a URL of the other (one engine per process)', () => {
  if (ENGINE === 'pg') assert.throws(() => openDatabase('file:herald.db'), /runs on pg .*cannot open a sqlite/);
  else
    assert.throws(() => openDatabase('postgres://herald@127.0.0.1:5432/herald'), /runs on sqlite .*cannot open a pg/);
});
