// Issue 15, no stalls: a send to a big department writes its mailbox rows a range of ids at a time (bounded
// statements in the send's one transaction) — and still reaches everyone, or no one when it fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Sqlite3Client } from '@libsql/client/sqlite3';
import type { Transaction } from '@libsql/client';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../../app.js';
import { insertRows } from '../../db/bulk.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { newId } from '../../lib/ids.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { FANOUT_RANGE } from './recipients.js';

const PEOPLE = 10_000;
const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '全员通知' }] }] };

describe('issue 15: a send to 10,000 people', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  let deptId: string;
  /** Rows written by each `insert into mailbox` of the sends meanwhile. */
  let mailboxWrites: number[] = [];

  before(async () => {
    deps = await testDeps();
    admin = await adminBrowser(createApp(deps), deps.db);
    deptId = newId();
    const t = Date.now();
    await insertRows(
      deps.db,
      'departments',
      ['id', 'name', 'path', 'created_at', 'updated_at'],
      [[deptId, '全员', `/${deptId}/`, t, t]],
    );
    await insertRows(
      deps.db,
      'members',
      ['id', 'employee_no', 'name', 'department_id', 'created_at', 'updated_at'],
      Array.from({ length: PEOPLE }, (_, i) => [newId(), `F${i}`, `成员${i}`, deptId, t, t]),
    );
    watchMailboxWrites((rows) => mailboxWrites.push(rows));
  });
  after(() => {
    unwatch();
    deps.cleanup();
  });
  let unwatch = () => {};

  /** Calls `seen` with the rows each `insert into mailbox` of a write transaction wrote, on either engine. */
  function watchMailboxWrites(seen: (rows: number) => void) {
    const isMailboxInsert = (text: unknown) => typeof text === 'string' && /insert into mailbox/i.test(text);
    if (ENGINE === 'pg') {
      // Every statement of a PostgreSQL transaction goes through its pooled client's `query` (a promise there).
      const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
      const query = proto.query;
      proto.query = function (this: pg.Client, ...args: unknown[]) {
        const out = query.apply(this, args) as Promise<pg.QueryResult> | undefined;
        const config = args[0] as string | { text?: string } | undefined;
        if (out && isMailboxInsert(typeof config === 'string' ? config : config?.text)) {
          out.then((r) => seen(r.rowCount ?? 0)).catch(() => {});
        }
        return out;
      };
      unwatch = () => {
        proto.query = query;
      };
      return;
    }
    // The embedded engine: the statements of write transactions on the client under the write queue.
    const client = deps.db.$client as unknown as { transaction: (mode: string) => Promise<Transaction> };
    client.transaction = async function (this: Sqlite3Client, mode: string) {
      const tx = await Sqlite3Client.prototype.transaction.call(this, mode as never);
      const execute = tx.execute.bind(tx);
      tx.execute = async (stmt: Parameters<Transaction['execute']>[0]) => {
        const result = await execute(stmt);
        if (isMailboxInsert(typeof stmt === 'string' ? stmt : stmt.sql)) seen(result.rowsAffected);
        return result;
      };
      return tx;
    };
  }

  const send = (audience: unknown[]) =>
    admin.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'internal', subject: '通知', body: doc, audience },
    });
  const received = async (messageId: string) =>
    Number(
      (
        await dialect.all<{ n: number }>(
          deps.db,
          sql`select count(*) as n from mailbox where message_id = ${messageId}`,
        )
      )[0]!.n,
    );

  test('everyone receives it, written in bounded statements', async () => {
    mailboxWrites = [];
    const res = await send([{ kind: 'department', targetId: deptId }]);
    const sent = await body(res);
    assert.equal(res.status, 201, JSON.stringify(sent));
    assert.equal(sent.recipientCount, PEOPLE);
    assert.equal(await received(sent.id), PEOPLE);
    assert.equal(
      mailboxWrites.reduce((a, b) => a + b, 0),
      PEOPLE,
    );
    assert.ok(
      mailboxWrites.length > 1 && Math.max(...mailboxWrites) <= FANOUT_RANGE,
      `mailbox rows per statement: ${mailboxWrites.join(', ')}`,
    );
  });

  test("every recipient's kept inbox counts are right (added in one statement as the send is marked \
sent)", async () => {
    // Kept (migration 0009) against counted, for every member: the plain inbox and the unread that never expire.
    const [wrong] = await dialect.all<{ n: number; owners: number }>(
      deps.db,
      sql`
      with counted as (
        select mb.owner_id, count(*) as inbox,
          count(*) filter (where mb.read_at is null and mb.expires_at is null) as unread
        from mailbox mb join messages m on m.id = mb.message_id and m.status = 'sent' and m.deleted_at is null
        where mb.deleted_at is null and mb.archived_at is null group by mb.owner_id)
      select count(*) filter (where coalesce(k.inbox, 0) <> coalesce(c.inbox, 0)
          or coalesce(k.unread, 0) <> coalesce(c.unread, 0)) as n,
        count(c.owner_id) as owners
      from members p left join mailbox_counts k on k.owner_id = p.id left join counted c on c.owner_id = p.id`,
    );
    assert.ok(Number(wrong!.owners) >= PEOPLE, 'the send reached them');
    assert.equal(Number(wrong!.n), 0, 'owners whose kept counts differ from their entries');
  });

  test('people named twice (the department and one of its members) receive it once', async () => {
    const [one] = await dialect.all<{ id: string }>(deps.db, sql`select id from members where employee_no = 'F4321'`);
    const audience = [
      { kind: 'department', targetId: deptId },
      { kind: 'member', targetId: one!.id },
    ];
    const sent = await body(await send(audience));
    assert.equal(sent.recipientCount, PEOPLE);
    assert.equal(await received(sent.id), PEOPLE);
  });

  test('a send that fails after its fan-out leaves no mailbox row behind (everyone or no one)', async () => {
    // A trigger refuses the message's own audit row, written after every mailbox row: the transaction rolls back.
    if (ENGINE === 'pg') {
      await dialect.run(
        deps.db,
        sql`create function refuse_send() returns trigger language plpgsql as $$
        begin raise exception 'refused by the test'; end $$`,
      );
      await dialect.run(
        deps.db,
        sql`create trigger refuse_send before insert on audit_log for each row
        when (new.action = 'message.send') execute function refuse_send()`,
      );
    } else {
      await dialect.run(
        deps.db,
        sql`create trigger refuse_send before insert on audit_log when new.action = 'message.send'
        begin select raise(abort, 'refused by the test'); end`,
      );
    }
    const mailboxRows = async () =>
      Number((await dialect.all<{ n: number }>(deps.db, sql`select count(*) as n from mailbox`))[0]!.n);
    try {
      const before = await mailboxRows();
      mailboxWrites = [];
      const res = await send([{ kind: 'department', targetId: deptId }]);
      assert.equal(res.status, 500);
      assert.equal(
        mailboxWrites.reduce((a, b) => a + b, 0),
        PEOPLE,
        'the fan-out ran',
      );
      assert.equal(await mailboxRows(), before);
    } finally {
      await dialect.run(
        deps.db,
        sql.raw(ENGINE === 'pg' ? 'drop trigger refuse_send on audit_log' : 'drop trigger refuse_send'),
      );
    }
  });
});
