// Issue 18 (README "Scaling out": a node that starts later migrates nothing): a node that finds another node's
// migration under way waits for it, saying so, instead of failing its start after the connection's 5 s lock_timeout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { testDeps } from '../testing/deps.js';
import { pgOnly } from '../testing/engine-only.js';
import { until } from '../testing/until.js';
import { migrateDatabase, MIGRATION_LOCK, migrationWait } from './migrate.js';

describe('issue 18: the migration lock on PostgreSQL', pgOnly('the lock is a PostgreSQL advisory lock'), () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let other: pg.Client;
  const saved = { ...migrationWait };

  before(async () => {
    deps = await testDeps();
    // Another node, in the middle of its migration: it holds the lock.
    other = new pg.Client({ connectionString: deps.config.databaseUrl });
    await other.connect();
  });
  after(async () => {
    Object.assign(migrationWait, saved);
    await other.end();
    deps.cleanup();
  });

  test('a node that finds the lock held waits for it, says so, then migrates nothing', async () => {
    await other.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const said: string[] = [];
    let done = false;
    const migrating = migrateDatabase(deps.db, (line) => said.push(line)).then(() => (done = true));
    await until(() => said.some((l) => /Another node is migrating the database/.test(l)), 'it said it waits');
    // It asks with pg_try_advisory_lock, which never waits inside PostgreSQL: the connection's 5 s lock_timeout (which
    // bounded a plain pg_advisory_lock) cannot end the wait; only migrationWait.ms does (the next test).
    assert.equal(done, false, 'it waits for the other node');
    await other.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await migrating;
    assert.match(said.at(-1)!, /finished migrating the database: going on/);
    assert.equal(said.length, 2, 'one line when it starts waiting, one when it goes on');
  });

  test('a lock held past the bound fails the start with a clear message', async () => {
    Object.assign(migrationWait, { ms: 300, everyMs: 50 });
    await other.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await assert.rejects(migrateDatabase(deps.db), /held the database's migration lock .* for over 300 ms/);
    } finally {
      await other.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
});
