import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { loopBudget } from '../../db/write-queue.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { events } from '../live/schema.js';
import { members } from '../org/schema.js';
import { importBatches, importRows } from './schema.js';
import type { Db } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';

/** A trigger that refuses the insert of one member (each engine's trigger language); the result drops it. */
async function refuseMember(db: Db, employeeNo: string): Promise<() => Promise<void>> {
  const no = sql.raw(`'${employeeNo.replace(/'/g, "''")}'`);
  if (ENGINE === 'pg') {
    await dialect.run(
      db,
      sql`create function refuse_late() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`,
    );
    await dialect.run(
      db,
      sql`create trigger refuse_late before insert on members for each row
      when (new.employee_no = ${no}) execute function refuse_late()`,
    );
    return async () => {
      await dialect.run(db, sql`drop trigger refuse_late on members`);
      await dialect.run(db, sql`drop function refuse_late()`);
    };
  }
  await dialect.run(
    db,
    sql`create trigger refuse_late before insert on members when new.employee_no = ${no}
    begin select raise(abort, 'refused by the test'); end`,
  );
  return async () => {
    await dialect.run(db, sql`drop trigger refuse_late`);
  };
}

/** Commit racing discard/edit/mode, and the per-member audit trail of a commit. */
describe('R3: committing an import', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  let n = 0;

  before(async () => {
    deps = await testDeps();
    const app = createApp(deps);
    await seedDemo(deps.db);
    admin = await adminBrowser(app, deps.db);
  });
  after(() => deps.cleanup());

  /** A valid member batch of two new rows. */
  const uploadCsv = async (csv: string, mode: 'add' | 'upsert' = 'add') => {
    const res = await admin.request(`/api/v1/imports?kind=members&mode=${mode}&fileName=commit-${++n}.csv`, {
      method: 'POST',
      body: `工号,姓名,部门,职位,邮箱,手机\n${csv}`,
      headers: { 'content-type': 'text/csv' },
    });
    const batch = await body(res);
    assert.equal(res.status, 201, JSON.stringify(batch));
    assert.equal(batch.errorCount, 0, JSON.stringify(batch));
    return batch.id as string;
  };
  const freshBatch = () => {
    const k = ++n;
    return uploadCsv(`R${k}A,甲${k},总部/技术部,,,\nR${k}B,乙${k},总部/技术部,,,`);
  };
  const commit = (id: string) => admin.request(`/api/v1/imports/${id}/commit`, { method: 'POST' });
  const discard = (id: string) => admin.request(`/api/v1/imports/${id}`, { method: 'DELETE' });
  /** `GET /audit?targetId=…` finds the entry; `GET /audit/{id}` has its before and after. */
  const auditOf = async (targetId: string, action: string) => {
    const list = await body(await admin.request(`/api/v1/audit?targetId=${targetId}`));
    const found = list.items.filter((e: { action: string }) => e.action === action);
    return Promise.all(found.map(async (e: { id: string }) => body(await admin.request(`/api/v1/audit/${e.id}`))));
  };
  const state = async (id: string) => {
    const [batch] = await deps.db.select().from(importBatches).where(eq(importBatches.id, id));
    const rows = await deps.db.select().from(importRows).where(eq(importRows.batchId, id));
    const discards = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import.discard'), eq(auditLog.targetId, id)));
    return { status: batch!.status, rows: rows.length, discards: discards.length };
  };

  test('a discard after the commit is 409 import-already-committed; the batch and its rows stay', async () => {
    const id = await freshBatch();
    assert.equal((await commit(id)).status, 200);
    const res = await discard(id);
    assert.equal(res.status, 409);
    assert.equal((await body(res)).code, 'import-already-committed');
    assert.deepEqual(await state(id), { status: 'committed', rows: 2, discards: 0 });
  });

  test('discard sent together with the commit: the committed batch keeps its rows and no discard is \
audited', async () => {
    for (let i = 0; i < 3; i++) {
      const id = await freshBatch();
      const [c, d] = await Promise.all([commit(id), discard(id)]);
      const s = await state(id);
      if (c.status === 200) {
        assert.equal(d.status, 409, await d.clone().text());
        assert.equal((await body(d)).code, 'import-already-committed');
        assert.deepEqual(s, { status: 'committed', rows: 2, discards: 0 });
      } else {
        // The discard won: the commit finds no batch and nothing was imported.
        assert.equal(d.status, 204);
        assert.equal(c.status, 404, await c.clone().text());
        assert.deepEqual(s, { status: 'discarded', rows: 0, discards: 1 });
      }
    }
  });

  test('a row edit or a mode switch sent together with the commit does not change the committed batch', async () => {
    const id = await freshBatch();
    const [c, edit, mode] = await Promise.all([
      commit(id),
      admin.request(`/api/v1/imports/${id}/rows/2`, {
        method: 'PATCH',
        json: { data: { employeeNo: 'EDITED', name: '改', department: '总部/技术部' } },
      }),
      admin.request(`/api/v1/imports/${id}`, { method: 'PATCH', json: { mode: 'upsert' } }),
    ]);
    assert.equal(c.status, 200, await c.clone().text());
    // On the embedded engine writes queue in arrival order, so the commit (sent first) always wins. On PostgreSQL
    // the three run at once and may serialize in any order: a change that came first is in what was committed; none
    // lands after the commit.
    const earlier = (r: Response) => ENGINE === 'pg' && r.status === 200;
    for (const r of [edit, mode]) {
      if (earlier(r)) continue;
      assert.equal(r.status, 409, await r.clone().text());
      assert.equal((await body(r)).code, 'import-already-committed');
    }
    const [batch] = await deps.db.select().from(importBatches).where(eq(importBatches.id, id));
    assert.equal(batch!.mode, earlier(mode) ? 'upsert' : 'add');
    const edits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'import.edit-row')));
    assert.equal(edits.length, earlier(edit) ? 1 : 0);
    const editedMember = await deps.db.select().from(members).where(eq(members.employeeNo, 'EDITED'));
    assert.equal(editedMember.length, earlier(edit) ? 1 : 0, 'an edit that came first was committed with the batch');
  });

  test('each member added or updated by a commit has its own audit row with before/after; updated members get \
me.updated', async () => {
    const first = await uploadCsv('AUD1,审计一,总部/技术部,,aud1@example.com,\nAUD2,审计二,总部/技术部,,,');
    assert.equal((await commit(first)).status, 200);
    const [aud1] = await deps.db.select().from(members).where(eq(members.employeeNo, 'AUD1'));
    const [aud2] = await deps.db.select().from(members).where(eq(members.employeeNo, 'AUD2'));
    const [createEntry] = await auditOf(aud1!.id, 'member.import-create');
    assert.ok(createEntry, 'the added member has its own audit row');
    assert.equal(createEntry.targetType, 'member');
    assert.equal(createEntry.after.employeeNo, 'AUD1');
    assert.equal(createEntry.after.email, 'aud1@example.com');

    const second = await uploadCsv('AUD1,审计一改,总部/市场部,,,\nAUD2,审计二,总部/技术部,,,', 'upsert');
    const res = await commit(second);
    assert.deepEqual(await body(res), { added: 0, updated: 1, skipped: 1 });
    const updates = await auditOf(aud1!.id, 'member.import-update');
    assert.equal(updates.length, 1, 'the updated member has its own audit row');
    const update = updates[0];
    assert.equal(update.targetType, 'member');
    assert.deepEqual(Object.keys(update.before).sort(), ['departmentId', 'name'], 'only the changed fields');
    assert.equal(update.before.name, '审计一');
    assert.equal(update.after.name, '审计一改');
    assert.equal(update.before.departmentId, aud1!.departmentId);
    assert.notEqual(update.after.departmentId, aud1!.departmentId);
    assert.equal((await auditOf(aud2!.id, 'member.import-update')).length, 0, 'an unchanged member has no update row');
    const summary = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import.commit'), eq(auditLog.targetId, second)));
    assert.equal(summary.length, 1, 'the summary row stays');
    const nudged = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'me.updated'), eq(events.audienceId, aud1!.id)));
    assert.equal(nudged.length, 1);
    assert.equal(
      (
        await deps.db
          .select()
          .from(events)
          .where(and(eq(events.type, 'me.updated'), eq(events.audienceId, aud2!.id)))
      ).length,
      0,
    );
  });

  /** A batch of `n` new members (several write chunks), employee numbers `${prefix}0001…`. */
  const bigBatch = (prefix: string, n: number) =>
    uploadCsv(
      Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')},成员${i},总部/技术部,,,`).join(
        '\n',
      ),
    );
  const imported = async (prefix: string) =>
    (
      await deps.db
        .select()
        .from(members)
        .where(like(members.employeeNo, `${prefix}%`))
    ).length;

  test('issue 15: a row failing late in a chunked commit leaves nothing imported, and the batch can be committed \
later', async () => {
    const id = await bigBatch('LATE', 1200);
    // The last member's insert fails, after every earlier chunk was written in the same transaction.
    const allow = await refuseMember(deps.db, 'LATE1200');
    try {
      assert.equal((await commit(id)).status, 500);
      assert.equal(await imported('LATE'), 0, 'no member of the batch');
      assert.equal((await state(id)).status, 'validated');
    } finally {
      await allow();
    }
    assert.deepEqual(await body(await commit(id)), { added: 1200, updated: 0, skipped: 0 });
    assert.equal(await imported('LATE'), 1200);
  });

  test('issue 15: the event loop turns during a commit: a timer set before it fires before it ends', async () => {
    const id = await bigBatch('TURN', 600);
    const budget = loopBudget.ms;
    loopBudget.ms = 0; // every pace() yields: no clock involved
    try {
      const seen: string[] = [];
      setTimeout(() => seen.push('timer'), 0);
      const res = await commit(id);
      seen.push('committed');
      assert.equal(res.status, 200);
      assert.deepEqual(seen, ['timer', 'committed']);
    } finally {
      loopBudget.ms = budget;
    }
  });
});
