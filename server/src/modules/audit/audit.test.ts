import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { adminBrowser } from '../../testing/admin.js';
import { body, type Browser } from '../../testing/http.js';
import { newId } from '../../lib/ids.js';
import { csvField } from './export.js';
import { auditLog } from './schema.js';

type Entry = {
  id: string;
  at: number;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
};

describe('audit trail (R14)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  let deptId: string;
  before(async () => {
    deps = await testDeps();
    admin = await adminBrowser(createApp(deps), deps.db);
    deptId = (
      await body(await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }))
    ).id;
    await admin.request(`/api/v1/departments/${deptId}`, {
      method: 'PATCH',
      json: { name: '=HYPERLINK("http://evil")' },
    });
    await admin.request(`/api/v1/departments/${deptId}`, { method: 'PATCH', json: { name: '总部, "北京"' } });
  });
  after(() => deps.cleanup());

  test("R14: newest first, with the actor's name; filters by action, target and time; keyset pages", async () => {
    const { items } = await body<{ items: Entry[] }>(await admin.request('/api/v1/audit'));
    assert.equal(items[0]!.action, 'department.update');
    assert.ok(items.length >= 3, 'the department alone has three entries: an order to check');
    assert.ok(items.every((e, i) => i === 0 || e.at <= items[i - 1]!.at));
    assert.equal(items[0]!.actorName, 'Super Admin');
    const byTarget = await body<{ items: Entry[] }>(
      await admin.request(`/api/v1/audit?targetType=department&targetId=${deptId}`),
    );
    assert.deepEqual(
      byTarget.items.map((e) => e.action),
      ['department.update', 'department.update', 'department.create'],
    );
    const family = await body<{ items: Entry[] }>(await admin.request('/api/v1/audit?action=department.*'));
    assert.equal(family.items.length, 3);
    // A family is a prefix match, not a LIKE pattern: `_` and `%` are ordinary characters.
    assert.deepEqual(
      (await body<{ items: Entry[] }>(await admin.request('/api/v1/audit?action=department_*'))).items,
      [],
    );
    assert.deepEqual((await body<{ items: Entry[] }>(await admin.request('/api/v1/audit?action=%25.*'))).items, []);
    const future = await body<{ items: Entry[] }>(await admin.request(`/api/v1/audit?from=${Date.now() + 60_000}`));
    assert.deepEqual(future.items, []);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await body(
        await admin.request(`/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      ids,
      items.map((e) => e.id),
    );
  });

  test('issue 23: entries name their targets (set-based), a sent message its subject, audience and head \
count', async () => {
    const member = await body(
      await admin.request('/api/v1/members', {
        method: 'POST',
        json: { employeeNo: 'A23', name: '王五', departmentId: deptId },
      }),
    );
    const body23 = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '新品发布' }] }] };
    const sent = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: 'Q4 launch',
        body: body23,
        audience: [{ kind: 'department', targetId: deptId }],
      },
    });
    assert.equal(sent.status, 201, JSON.stringify(await sent.clone().json()));
    type Named = Entry & {
      targetName: string | null;
      targetKey: string | null;
      audience: Array<{ kind: string; name: string | null }> | null;
      recipientCount: number | null;
    };
    const { items } = await body<{ items: Named[] }>(await admin.request('/api/v1/audit?limit=200'));
    const send = items.find((e) => e.action === 'message.send')!;
    assert.equal(send.targetName, 'Q4 launch');
    assert.deepEqual(send.audience, [{ kind: 'department', id: deptId, name: '总部, "北京"' }]);
    assert.equal(send.recipientCount, 1);
    assert.equal(items.find((e) => e.action === 'member.create' && e.targetId === member.id)!.targetName, '王五');
    assert.equal(
      items.find((e) => e.action === 'department.create')!.targetName,
      '总部, "北京"',
      'the name it has now',
    );
    const detail = await body<Named>(await admin.request(`/api/v1/audit/${send.id}`));
    assert.equal(detail.targetName, 'Q4 launch');
  });

  test('R14: one entry shows before and after', async () => {
    const { items } = await body<{ items: Entry[] }>(await admin.request('/api/v1/audit?action=department.update'));
    const entry = await body(await admin.request(`/api/v1/audit/${items[0]!.id}`));
    assert.equal(entry.before.name, '=HYPERLINK("http://evil")');
    assert.equal(entry.after.name, '总部, "北京"');
    assert.equal((await admin.request(`/api/v1/audit/${newId()}`)).status, 404);
  });

  test('R14: CSV export is UTF-8 with BOM, RFC 4180 quoted, and defused against formula injection', async () => {
    const res = await admin.request('/api/v1/audit/export?format=csv&targetType=department');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="herald-audit-.*\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.includes('""name"":""总部, \\""北京\\""""'), 'quotes doubled inside a quoted field');
    assert.equal(text.split('\r\n').length, 1 + 3 + 1, 'header, three rows, final CRLF');
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('a,"b"'), '"a,""b"""');
    assert.equal(csvField('+1,2'), `"'+1,2"`);
    assert.equal(csvField('plain 文本'), 'plain 文本');
  });

  test('R14: .xlsx export streams every matching row (a large trail, in batches)', async () => {
    const t = Date.now() - 10_000;
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: newId(),
      at: t + i,
      actorKind: 'system' as const,
      action: 'bulk.test',
      targetType: 'thing',
      targetId: `t${i}`,
      after: { i, name: '张三' },
    }));
    for (let i = 0; i < rows.length; i += 500) await deps.db.insert(auditLog).values(rows.slice(i, i + 500));
    const res = await admin.request('/api/v1/audit/export?format=xlsx&action=bulk.test');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('audit')!;
    assert.equal(sheet.rowCount, 2501);
    assert.equal(sheet.getRow(1).getCell(5).value, 'action');
    assert.equal(sheet.getRow(2).getCell(7).value, 't2499', 'newest first');
    assert.match(String(sheet.getRow(2).getCell(11).value), /张三/);
  });

  test('R14: needs organisation-wide data.view', async () => {
    const anonymous = await createApp(deps).request('/api/v1/audit');
    assert.equal(anonymous.status, 401);
  });
});
