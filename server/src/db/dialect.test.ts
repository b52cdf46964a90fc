// Issue 18: the SQLite side of the dialect helpers (db/dialect.ts) on a real, migrated libSQL file: each helper's SQL
// gives what the services' hand-written SQL gives today.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from './client.js';
import { dialect } from './dialect.js';
import { migrateDatabase } from './migrate.js';
import { sqliteOnly } from '../testing/engine-only.js';

describe(
  'dialect helpers on SQLite (issue 18)',
  sqliteOnly('the SQLite side on a libSQL file; the PostgreSQL side is in lib/neutral-sql.test.ts'),
  () => {
    let dir: string;
    let db: Db;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'herald-dialect-'));
      db = openDatabase(`file:${join(dir, 'herald.db')}`);
      await migrateDatabase(db);
    });
    after(() => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const one = async <T>(q: ReturnType<typeof sql>) => (await dialect.all<{ v: T }>(db, sql`select ${q} as v`))[0]!.v;

    test('JSON: values, rows with their types, objects and arrays as text', async () => {
      const values = await dialect.all<{ value: string }>(
        db,
        sql`select value from ${dialect.jsonValues('["a","b"]')}`,
      );
      assert.deepEqual(
        values.map((r) => r.value),
        ['a', 'b'],
      );
      const rows = await dialect.all<{ c0: string; c1: number }>(
        db,
        sql`select c0, c1 from ${dialect.jsonRows(
          ['text', 'int'],
          [
            ['x', 1],
            ['y', 2],
          ],
        )}`,
      );
      assert.deepEqual(rows, [
        { c0: 'x', c1: 1 },
        { c0: 'y', c1: 2 },
      ]);
      assert.deepEqual(JSON.parse(await one<string>(dialect.jsonObject(sql`'k'`, sql`1`))), { k: 1 });
      const agg = sql`(select ${dialect.jsonAgg(sql`value`)} from ${dialect.jsonValues('["p","q"]')})`;
      assert.deepEqual(JSON.parse(await one<string>(agg)), ['p', 'q']);
      const none = sql`(select ${dialect.jsonAgg(sql`value`)} from ${dialect.jsonValues('[]')})`;
      assert.deepEqual(JSON.parse(await one<string>(none)), [], '[] over no rows');
    });

    test('case-insensitive match and order, substring, greatest/least', async () => {
      assert.equal(await one<number>(dialect.ciEq(sql`'E1001'`, 'e1001')), 1);
      assert.equal(await one<number>(dialect.ciEq(sql`'E1001'`, 'e1002')), 0);
      const ordered = await dialect.all<{ v: string }>(
        db,
        sql`select value as v from ${dialect.jsonValues('["b","A","C"]')} order by ${dialect.ciOrder(sql`value`)}`,
      );
      assert.deepEqual(
        ordered.map((r) => r.v),
        ['A', 'b', 'C'],
      );
      assert.equal(await one<number>(dialect.contains(sql`'项目A需求'`, 'a需')), 1);
      assert.equal(await one<number>(dialect.contains(sql`'Quarterly'`, 'x')), 0);
      assert.equal(await one<number>(dialect.greatest(sql`3`, sql`7`)), 7);
      assert.equal(await one<number>(dialect.least(sql`3`, sql`7`)), 3);
    });

    test('run counts affected rows; a search term finds indexed text; busy errors are retryable', async () => {
      const T = 1_800_000_000_000;
      const res = await dialect.run(
        db,
        sql`insert into messages (id, thread_id, sender_kind, sender_id, kind, subject, body, status, created_at,
        updated_at) values ('m1', 'm1', 'member', 's', 'internal', '部门会议通知', '{}', 'sent', ${T}, ${T})`,
      );
      assert.equal(res.rowsAffected, 1);
      await dialect.run(db, sql`insert into search_docs (message_id) values ('m1')`);
      const hits = (term: string) =>
        dialect.all<{ id: string }>(db, sql`select id from messages where ${dialect.searchTerm(sql`id`, term)}`);
      assert.deepEqual(await hits('会议通知'), [{ id: 'm1' }]);
      assert.deepEqual(await hits('会议 OR x'), [], 'FTS syntax is text');
      assert.equal(dialect.retryable(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' })), true);
      assert.equal(dialect.retryable(new Error('no such table')), false);
    });
  },
);
