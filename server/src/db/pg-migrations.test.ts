// Issue 18: the PostgreSQL migrations (drizzle-pg/) on a real, throw-away PostgreSQL 15 cluster: every table, index
// and trigger SQLite's migrations make has its twin, the hand-written triggers move the same counters, and pg_trgm
// search answers what FTS5 trigram answers for the terms the inbox tests use (English, 2-character Chinese, 3+).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { is, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { openEngineTwins, type EngineTwins } from '../testing/engine-twins.js';
import { pgUnavailable } from '../testing/pg-cluster.js';
import type { Db } from './client.js';
import * as sqliteTables from './schema.js';
import * as pgTables from './schema.pg.js';
import { sqliteOnly } from '../testing/engine-only.js';

const BOTH_ENGINES = 'opens both engines itself (a libSQL file beside a PostgreSQL database): part of the embedded run';
const skip = pgUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

/** Only on PostgreSQL: the trigram index (FTS5's tables are its twin) and the events commit-order lock (SQLite has one
 * writer, so its seq order is commit order already). */
const PG_ONLY = { indexes: ['search_docs_text_trgm'], triggers: ['events_commit_order'] };
/** SQLite's FTS5 table and its shadow tables: on PostgreSQL the search text is a column of search_docs. */
const isFts = (name: string) => name === 'message_search' || name.startsWith('message_search_');

describe('PostgreSQL migrations (issue 18)', { skip: sqliteOnly(BOTH_ENGINES).skip || (skip ?? false) }, () => {
  let twins: EngineTwins;
  let pool: pg.Pool;
  let pgDb: NodePgDatabase;
  let lite: Db;

  before(async () => {
    twins = await openEngineTwins('herald_migrations');
    ({ pool, pgDb, lite } = twins);
  });
  after(() => twins?.close());

  const pgRows = async <T>(q: string, params: unknown[] = []) => (await pool.query(q, params)).rows as T[];
  const liteNames = async (type: string) =>
    (
      await lite.all<{ name: string }>(
        sql`select name from sqlite_master where type = ${type} and name not like 'sqlite_%'
          and name not like '__drizzle%' order by name`,
      )
    ).map((r) => r.name);

  test('every table, index and trigger of the SQLite migrations has its PostgreSQL twin, by name', async () => {
    const pgTablesNow = (
      await pgRows<{ n: string }>(`select table_name n from information_schema.tables where table_schema = 'public'`)
    ).map((r) => r.n);
    const pgIndexes = (
      await pgRows<{ n: string }>(`select indexname n from pg_indexes where schemaname = 'public'`)
    ).map((r) => r.n);
    const pgTriggers = (await pgRows<{ n: string }>(`select tgname n from pg_trigger where not tgisinternal`)).map(
      (r) => r.n,
    );
    const missing = (want: string[], have: string[]) => want.filter((n) => !have.includes(n));
    assert.deepEqual(
      missing(
        (await liteNames('table')).filter((n) => !isFts(n)),
        pgTablesNow,
      ),
      [],
      'tables',
    );
    assert.deepEqual(missing(await liteNames('index'), pgIndexes), [], 'indexes');
    assert.deepEqual(missing(await liteNames('trigger'), pgTriggers), [], 'triggers');
    const liteAll = [...(await liteNames('index')), ...(await liteNames('trigger'))];
    const extra = [...pgIndexes.filter((n) => !/_pk(ey)?$/.test(n)), ...pgTriggers].filter((n) => !liteAll.includes(n));
    assert.deepEqual(extra.sort(), [...PG_ONLY.indexes, ...PG_ONLY.triggers].sort(), 'only the known PG-only ones');
    const ext = await pgRows(`select 1 from pg_extension where extname = 'pg_trgm'`);
    assert.equal(ext.length, 1, 'pg_trgm is created by the migration');
  });

  test('the migrations make every column of schema.pg.ts: drizzle-kit generate was run after each change', async () => {
    const have = await pgRows<{ t: string; c: string }>(
      `select table_name t, column_name c from information_schema.columns where table_schema = 'public'`,
    );
    const problems: string[] = [];
    for (const table of (Object.values(pgTables) as unknown[]).filter((v): v is PgTable => is(v, PgTable))) {
      const { name, columns } = getTableConfig(table);
      for (const c of columns) {
        const column = c.name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
        if (!have.some((h) => h.t === name && h.c === column)) problems.push(`${name}.${column}`);
      }
    }
    assert.deepEqual(problems, [], 'columns of schema.pg.ts no drizzle-pg migration creates');
  });

  const T = 1_800_000_000_000;
  const message = (id: string, subject: string, bodyText: string, parentId: string | null = null) => ({
    id,
    threadId: parentId ?? id,
    parentId,
    senderKind: 'member' as const,
    senderId: 'sender',
    kind: 'internal' as const,
    subject,
    body: { type: 'doc' },
    bodyText,
    status: 'sent' as const,
    createdAt: T,
    updatedAt: T,
  });
  const epoch = async () => Number((await pgRows<{ v: string }>(`select value v from identity_epoch`))[0]!.v);

  test('identity epoch (0008, 0010): identity and config writes move it, other columns do not', async () => {
    const start = await epoch();
    await pgDb.insert(pgTables.departments).values({ id: 'd1', name: 'D', path: '/d1/', createdAt: T, updatedAt: T });
    await pgDb
      .insert(pgTables.members)
      .values({ id: 'm1', employeeNo: 'E1', name: '张三', createdAt: T, updatedAt: T });
    assert.equal(await epoch(), start, 'inserting a member changes no one who is calling');
    await pool.query(`update members set phone = '123' where id = 'm1'`);
    assert.equal(await epoch(), start, 'a phone number is not identity');
    await pool.query(`update members set disabled = true where id = 'm1'`);
    assert.equal(await epoch(), start + 1, 'disabling a member moves it');
    await pgDb.insert(pgTables.settings).values({ key: 'messaging', value: { a: 1 }, updatedAt: T });
    assert.equal(await epoch(), start + 2, 'a settings write moves it (0010)');
    const [row] = await pgDb.select().from(pgTables.settings);
    assert.deepEqual(row?.value, { a: 1 }, 'JSON columns read back parsed');
    await assert.rejects(
      pool.query(`insert into members (id, employee_no, name, created_at, updated_at) values ('m2', 'e1', 'x', 0, 0)`),
      /members_employee_no_idx/,
      'employee numbers are unique regardless of case, as collate nocase',
    );
  });

  test('inbox counts (0009) and listing versions (0013) follow entries and their message', async () => {
    await pgDb.insert(pgTables.messages).values(message('c1', 'subject', 'body'));
    const entry = { messageId: 'c1', ownerKind: 'member' as const, threadId: 'c1', priority: 'urgent' as const };
    await pgDb.insert(pgTables.mailbox).values([
      { ...entry, ownerId: 'o1', deliveredAt: T },
      { ...entry, ownerId: 'o2', deliveredAt: T },
    ]);
    const counts = async () =>
      (
        await pgRows<{ o: string; i: string; u: string; uu: string }>(
          `select owner_id o, inbox i, unread u, unread_urgent uu from mailbox_counts order by owner_id`,
        )
      ).map((r) => [r.o, Number(r.i), Number(r.u), Number(r.uu)]);
    const version = async (owner: string) =>
      Number(
        (await pgRows<{ v: string }>(`select version v from mailbox_versions where owner_id = $1`, [owner]))[0]?.v,
      );
    assert.deepEqual(await counts(), [
      ['o1', 1, 1, 1],
      ['o2', 1, 1, 1],
    ]);
    const v1 = await version('o1');
    await pool.query(`update mailbox set read_at = $1 where owner_id = 'o1'`, [T]);
    assert.deepEqual(await counts(), [
      ['o1', 1, 0, 0],
      ['o2', 1, 1, 1],
    ]);
    assert.equal(await version('o1'), v1 + 1, 'reading moves the reader’s listing version');
    await pool.query(`update messages set subject = 'edited' where id = 'c1'`);
    assert.equal(await version('o1'), v1 + 2, 'an edit moves every recipient');
    await pool.query(`update messages set deleted_at = $1 where id = 'c1'`, [T]);
    assert.deepEqual(await counts(), [
      ['o1', 0, 0, 0],
      ['o2', 0, 0, 0],
    ]);
    await pool.query(`update messages set deleted_at = null where id = 'c1'`);
    await pool.query(`delete from messages where id = 'c1'`);
    assert.deepEqual(
      await counts(),
      [
        ['o1', 0, 0, 0],
        ['o2', 0, 0, 0],
      ],
      'removed outright: counted down once, not again by the cascade',
    );
    const names = async () => Number((await pgRows<{ n: string }>(`select names n from listing_epoch`))[0]!.n);
    const before = await names();
    await pool.query(`update members set name = '李四' where id = 'm1'`);
    assert.equal(await names(), before + 1, 'a sender’s new name moves the listing epoch');
  });

  // The corpus and terms of mailbox/query.test.ts's R13 search tests, plus a reply, a 2-character meeting notice and
  // LIKE's special characters.
  const corpus = [
    message('talk', '项目A需求沟通会', '请准备材料'),
    message('needs', '周报', '本周需求已评审'),
    message('other', '午餐', '食堂菜单'),
    message('report', 'Quarterly REPORT', 'Please Review the numbers'),
    message('attached', '附件', ''),
    message('notice', '部门会议通知', '明天上午开会'),
    message('reply', 'Re: 项目A需求沟通会', '收到', 'talk'),
    message('rate', 'Rate 100% done_ok', 'x'),
  ];
  const searches: Array<[string, string[]]> = [
    ['需求沟通', ['talk']],
    ['需求', ['needs', 'talk']],
    ['评审', ['needs']],
    ['菜', ['other']],
    ['准备材料', ['talk']],
    ['沟通会', ['talk']],
    ['会议', ['notice']],
    ['通知', ['notice']],
    ['会议通知', ['notice']],
    ['report', ['report']],
    ['quarterly', ['report']],
    ['review', ['report']],
    ['re', ['report']],
    ['budget-plan', ['attached']],
    ['n.', ['attached']],
    ['收到', ['reply']],
    ['100%', ['rate']],
    ['e_o', ['rate']],
    ['e%o', []],
    ['%', ['rate']],
    ['_', ['rate']],
    ['report or budget', []],
  ];

  /** SQLite as mailbox/query.ts searches: FTS5 phrase for 3+ code points, instr over the columns below that. */
  const liteSearch = async (term: string) => {
    const hits =
      [...term].length >= 3
        ? sql`select d.message_id id from message_search s join search_docs d on d.id = s.rowid
            where message_search match ${`"${term.replace(/"/g, '""')}"`}`
        : sql`select x.id from messages x where instr(lower(case when x.parent_id is null then x.subject else '' end),
            ${term}) > 0 or instr(lower(x.body_text), ${term}) > 0
            or exists (select 1 from attachments a where a.message_id = x.id and instr(lower(a.name), ${term}) > 0)`;
    return (await lite.all<{ id: string }>(hits)).map((r) => r.id).sort();
  };
  /** PostgreSQL as docs/postgresql-plan.md §4 searches: LIKE on the trigram-indexed text, strpos below 3. */
  const pgSearch = async (term: string) => {
    const q =
      [...term].length >= 3
        ? `select message_id id from search_docs where text like $1 escape '\\'`
        : `select x.id from messages x where strpos(lower(case when x.parent_id is null then x.subject else '' end),
            $1) > 0 or strpos(lower(x.body_text), $1) > 0
            or exists (select 1 from attachments a where a.message_id = x.id and strpos(lower(a.name), $1) > 0)`;
    const arg = [...term].length >= 3 ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : term;
    return (await pgRows<{ id: string }>(q, [arg])).map((r) => r.id).sort();
  };

  test('R13 search: pg_trgm answers as FTS5 trigram — English, 2-character Chinese (会议, 通知), 3+', async () => {
    const file = {
      id: 'f1',
      uploaderKind: 'member' as const,
      uploaderId: 'sender',
      messageId: 'attached',
      name: 'Budget-Plan.csv',
      size: 8,
      contentType: 'text/csv',
      sha256: '0',
      blobKey: 'k',
      createdAt: T,
    };
    await lite.insert(sqliteTables.messages).values(corpus);
    await lite.insert(sqliteTables.attachments).values(file);
    await pgDb.insert(pgTables.messages).values(corpus);
    await pgDb.insert(pgTables.attachments).values(file);
    for (const m of corpus) {
      // The statement indexMessage runs; its triggers write the text (FTS5 on SQLite, search_docs.text here).
      const index = sql`insert into search_docs (message_id) values (${m.id})
        on conflict (message_id) do update set message_id = excluded.message_id`;
      await lite.run(index);
      await pgDb.execute(index);
    }
    for (const [term, want] of searches) {
      for (const word of term.split(' ')) assert.ok(word.length > 0);
      const terms = term.split(' ');
      const both = async (search: (t: string) => Promise<string[]>) => {
        const sets = await Promise.all(terms.map(search));
        return sets.reduce((acc, s) => acc.filter((id) => s.includes(id)));
      };
      assert.deepEqual(await both(liteSearch), want.sort(), `SQLite FTS5: ${term}`);
      assert.deepEqual(await both(pgSearch), want.sort(), `PostgreSQL pg_trgm: ${term}`);
    }
  });

  test('R13 search: an edit re-indexes through the upsert, and Chinese terms use the trigram index', async () => {
    await pool.query(`update messages set body_text = '改为下周会议' where id = 'other'`);
    await pool.query(
      `insert into search_docs (message_id) values ('other')
       on conflict (message_id) do update set message_id = excluded.message_id`,
    );
    assert.deepEqual(await pgSearch('下周会'), ['other']);
    assert.deepEqual(await pgSearch('食堂菜单'), [], 'the old text is gone');
    const client = await pool.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = await client.query(`explain select id from search_docs where text like '%需求沟通%'`);
      const text = plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      assert.match(text, /search_docs_text_trgm/, 'a UTF-8 database takes trigrams of Chinese');
    } finally {
      client.release();
    }
  });
});
