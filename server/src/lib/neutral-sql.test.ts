// Issue 18 phase 2 (docs/postgresql-plan.md, "Rules for everything else"): the neutral SQL the services now write gives
// the same answers on SQLite and on a throw-away PostgreSQL 15 (both migrated), and the PostgreSQL spellings written
// down for the Dialect methods added in phase 2 (db/dialect.ts) answer what their SQLite side answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { dialect } from '../db/dialect.js';
import { openEngineTwins, type EngineTwins } from '../testing/engine-twins.js';
import { pgUnavailable } from '../testing/pg-cluster.js';
import { sqliteOnly } from '../testing/engine-only.js';

const BOTH_ENGINES = 'opens both engines itself (a libSQL file beside a PostgreSQL database): part of the embedded run';
const skip = pgUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

/**
 * The PostgreSQL forms db/dialect.ts documents for the phase 2 methods, as the engine core is asked to build them;
 * checked here so that what it builds is known to answer as SQLite does.
 */
const pgForms = {
  jsonEach: (json: SQLWrapper, alias: string) =>
    sql`json_array_elements_text((${json})::json) as ${sql.identifier(alias)}(value)`,
  jsonField: (json: SQLWrapper, key: string) => sql`((${json})::json ->> ${key})`,
  jsonSet: (json: SQLWrapper, key: string, value: SQLWrapper) =>
    sql`((${json})::jsonb || jsonb_build_object(${key}::text, (${value})::text))::text`,
  flag: (col: SQLWrapper) => sql`${col}`,
  ciIn: (col: SQLWrapper, values: readonly string[]) =>
    sql`lower(${col}) in (${sql.join(
      values.map((v) => sql`lower(${v}::text)`),
      sql`, `,
    )})`,
  randomId: () => sql`md5(gen_random_uuid()::text)`,
};

type Rows = Record<string, unknown>[];
// Numbers as numbers (the engine core's pool parses int8 as Number; this test's plain pool gives text).
const plain = (rows: Rows) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v]),
    ),
  );

describe(
  'neutral SQL on both engines (issue 18 phase 2)',
  { skip: sqliteOnly(BOTH_ENGINES).skip || (skip ?? false) },
  () => {
    let twins: EngineTwins;
    before(async () => {
      twins = await openEngineTwins('herald_neutral');
    });
    after(() => twins?.close());

    const onLite = async (q: SQL) => plain(await dialect.all<Record<string, unknown>>(twins.lite, q));
    const onPg = async (q: SQL) => plain((await twins.pgDb.execute(q)).rows as Rows);
    /** One statement on both engines: the same rows, with the camelCase keys kept. */
    const same = async (q: SQL, want: Rows) => {
      assert.deepEqual(await onLite(q), want, 'SQLite');
      assert.deepEqual(await onPg(q), want, 'PostgreSQL');
    };

    test('quoted camelCase aliases, count(*) filter, string_agg and named FROM subqueries', async () => {
      await same(
        sql`select count(*) filter (where column1 < 3) as "lowCount", count(*) as total,
        string_agg(column2, ', ') as "joined"
      from (select column1, column2 from (values (1, 'a'), (5, 'b'), (2, 'c')) v order by column1) t`,
        [{ lowCount: 2, total: 3, joined: 'a, c, b' }],
      );
    });

    test('booleans as true/false in VALUES and comparisons; exists as 1/0 beside counts in a union', async () => {
      // messages/recipients.ts: the picked entries with literal index and subtree flags, unioned with a count.
      await same(
        sql`with picked(idx, kind, subtree) as (values (0, 'department', true), (1, 'member', false))
      select idx, 1 as n from picked where subtree = true
      union all select -2, case when exists (select 1 from picked where kind = 'member') then 1 else 0 end
      order by idx`,
        [
          { idx: -2, n: 1 },
          { idx: 0, n: 1 },
        ],
      );
    });

    test('insert … select, on conflict do nothing returning, row values, octet_length', async () => {
      const T = 1_800_000_000_000;
      // As mailbox/batch.ts and live/service.ts write events: parameters typed by the columns they go into.
      for (const [at, payload] of [
        [T, JSON.stringify({ messageId: '中文' })],
        [T + 1, '{}'],
      ] as const) {
        const insert = sql`insert into events (at, audience_kind, audience_id, type, payload)
        select ${at}, 'member', ${'m1'}, 'message.read', ${payload}`;
        await dialect.run(twins.lite, insert);
        await twins.pgDb.execute(insert);
      }
      await same(
        sql`select at, octet_length(payload) as bytes from events
      where audience_id = ${'m1'} and (at, seq) < (${T + 1}, ${0}) order by at desc, seq desc`,
        [{ at: T, bytes: 22 }],
      );
      const keys = sql`insert into mailbox_versions (owner_id, version) values (${'o7'}, 1)
      on conflict do nothing returning owner_id as "ownerId"`;
      assert.deepEqual(await onLite(keys), [{ ownerId: 'o7' }]);
      assert.deepEqual(await onPg(keys), [{ ownerId: 'o7' }]);
      await same(keys, []);
    });

    test('the PostgreSQL forms of the phase 2 Dialect methods answer as their SQLite side', async () => {
      const both = async (build: (d: typeof pgForms) => SQL, want: Rows) => {
        assert.deepEqual(await onLite(build(dialect)), want, 'SQLite');
        assert.deepEqual(await onPg(build(pgForms)), want, 'PostgreSQL');
      };
      const list = sql`${JSON.stringify(['b', 'a', 'b'])}`;
      await both(
        (d) => sql`select distinct t.value as tag from ${d.jsonEach(list, 't')} order by tag`,
        [{ tag: 'a' }, { tag: 'b' }],
      );
      // Lateral over a row's column (contacts/service.ts contactTags).
      await both(
        (d) => sql`select count(*) as n from (select ${'["x","y"]'} as tags) c, ${d.jsonEach(sql`c.tags`, 't')}`,
        [{ n: 2 }],
      );
      const doc = sql`${JSON.stringify({ kind: 'email', n: 1 })}`;
      await both((d) => sql`select ${d.jsonField(doc, 'kind')} as kind`, [{ kind: 'email' }]);
      const set = async (d: typeof pgForms | typeof dialect, run: (q: SQL) => Promise<Rows>) => {
        const [row] = await run(sql`select ${d.jsonSet(doc, 'result', sql`${'added'}`)} as v`);
        return JSON.parse(String(row!.v)) as unknown;
      };
      assert.deepEqual(await set(dialect, onLite), { kind: 'email', n: 1, result: 'added' });
      assert.deepEqual(await set(pgForms, onPg), { kind: 'email', n: 1, result: 'added' });
      await both(
        (d) => sql`select count(*) as n from (select 'E1001' as no union all select 'e1002') m
        where ${d.ciIn(sql`m.no`, ['e1001', 'E1002', 'x'])}`,
        [{ n: 2 }],
      );
      const ids = async (d: typeof pgForms | typeof dialect, run: (q: SQL) => Promise<Rows>) =>
        (await run(sql`select ${d.randomId()} as id from (select 1 union all select 2) t`)).map((r) => String(r.id));
      for (const [d, run] of [
        [dialect, onLite],
        [pgForms, onPg],
      ] as const) {
        const [a, b] = await ids(d, run);
        assert.match(a!, /^[0-9a-f]{32}$/);
        assert.notEqual(a, b, 'a fresh id per row');
      }
    });

    test('flag: a boolean column is true, over mailbox_mentioned_idx on SQLite', async () => {
      const plan = await twins.lite.$client.execute(
        `explain query plan select count(*) from mailbox mb where mb.owner_id = 'x' and ` +
          `${new SQLiteAsyncDialect().sqlToQuery(dialect.flag(sql`mb.mentioned`)).sql} and mb.deleted_at is null`,
      );
      assert.match(plan.rows.map((r) => String(r.detail)).join(' '), /mailbox_mentioned_idx/);
      await onPg(sql`select count(*) from mailbox mb where ${pgForms.flag(sql`mb.mentioned`)}`);
    });
  },
);
