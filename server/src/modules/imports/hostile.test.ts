// Issue 22: hostile spreadsheets — one huge cell, control characters, decomposed text — and who may import contacts.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { IMPORT_LIMITS } from './limits.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

type Row = { rowNo: number; data: Record<string, string>; errors: Array<{ field: string; code: string }> };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('issue 22: imports bound every cell and row', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let admin: Browser;
  before(async () => {
    demo = await demoApp();
    admin = demo.admin;
  });
  after(() => demo.deps.cleanup());

  const upload = (b: Browser, file: Buffer, query: string, contentType = 'text/csv') =>
    b.request(`/api/v1/imports?${query}`, {
      method: 'POST',
      body: new Uint8Array(file),
      headers: { 'content-type': contentType },
    });
  const rowsOf = async (id: string) =>
    (await body<{ items: Row[] }>(await admin.request(`/api/v1/imports/${id}/rows?limit=200`))).items;

  test('issue 22: a 19 MB CSV cell is cut while read and refused as that cell, and the heap returns to its \
baseline', async () => {
    const baseline = heapAfterGc();
    const csv = Buffer.concat([
      Buffer.from('kind,name,company\ncustomer,"'),
      Buffer.alloc(19 * 1024 * 1024, 'x'),
      Buffer.from('",ACME\npartner,李雷,ACME\n'),
    ]);
    const res = await upload(admin, csv, 'kind=contacts&fileName=huge.csv');
    assert.equal(res.status, 201);
    const batch = await body(res);
    assert.equal(batch.rowCount, 2);
    assert.equal(batch.errorCount, 1, 'only the row with the huge cell');
    const [huge, fine] = await rowsOf(batch.id);
    assert.deepEqual(
      huge!.errors.map((e) => `${e.field}:${e.code}`),
      ['name:too-long'],
    );
    assert.equal(huge!.data.name!.length, IMPORT_LIMITS.maxCellChars + 1, 'the stored cell is bounded');
    assert.equal(huge!.data.company, 'ACME', 'the cells after it are read');
    assert.deepEqual(fine!.errors, []);
    // mode changes re-validate: a cut cell never becomes importable without an edit
    assert.equal(
      (await body(await admin.request(`/api/v1/imports/${batch.id}`, { method: 'PATCH', json: { mode: 'upsert' } })))
        .errorCount,
      1,
    );
    csv.fill(0);
    assert.ok(heapAfterGc() - baseline < 16 * 1024 * 1024, 'nothing of the upload stays in memory');
  });

  test('issue 22: an over-long .xlsx cell is flagged; cells are NFC', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['Kind', 'Name', 'Company']);
    ws.addRow(['customer', 'y'.repeat(600), 'A']);
    ws.addRow(['customer', 'Rene\u0301e', 'Cafe\u0301']);
    const res = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=contacts', XLSX);
    assert.equal(res.status, 201);
    const [long, nfc] = await rowsOf((await body(res)).id);
    assert.deepEqual(
      long!.errors.map((e) => `${e.field}:${e.code}`),
      ['name:too-long'],
    );
    assert.deepEqual([nfc!.data.name, nfc!.data.company, nfc!.errors.length], ['Ren\u00e9e', 'Caf\u00e9', 0]);
  });

  test('issue 22: a CSV cell with a control character is flagged, not cut', async () => {
    const res = await upload(
      admin,
      Buffer.from('kind,name,company\ncustomer,韩\u0007梅梅,B\ncustomer,"a\r\nb",C\n'),
      'kind=contacts&fileName=c.csv',
    );
    assert.equal(res.status, 201);
    const [bell, lines] = await rowsOf((await body(res)).id);
    assert.deepEqual(
      bell!.errors.map((e) => `${e.field}:${e.code}`),
      ['name:invalid-format'],
    );
    assert.equal(lines!.data.name, 'a\nb', 'line breaks are kept as LF');
  });

  test('issue 22: importing contacts needs what creating one needs', async () => {
    const roles = [
      ['E1002', 'sender'],
      ['E1003', 'auditor'],
      ['E1004', 'department-admin'],
      ['E1005', 'external-sender'],
      ['E1006', 'org-admin'],
    ] as const;
    for (const [employeeNo, role] of roles) {
      const b = await demo.as(employeeNo, role);
      const created = await b.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: `由 ${role}` },
      });
      const imported = await upload(b, Buffer.from(`kind,name\ncustomer,经 ${role}\n`), 'kind=contacts&fileName=c.csv');
      assert.equal(
        imported.status === 201,
        created.status === 201,
        `${role}: create ${created.status}, import ${imported.status}`,
      );
      assert.ok([201, 403].includes(imported.status), `${role}: ${imported.status}`);
    }
  });
});
