// Issue 15, no stalls: the exports are written in slices with turns of the event loop between them; the files must
// stay complete and hold exactly what they held before (`test-fixtures/audit-export.json` was written by the export
// as it was before the slicing, from the trail below).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createApp } from '../../app.js';
import { insertRows } from '../../db/bulk.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import type { Browser } from '../../testing/http.js';
import { XLSX_SLICE } from './export.js';
import { AUDIT_EXPORT_BATCH } from './query.js';

const ENTRIES = 620; // more than two pages of the trail and many slices of the workbook
const T = Date.UTC(2026, 0, 2, 3, 4, 5);
const fixture = JSON.parse(
  readFileSync(new URL('../../../test-fixtures/audit-export.json', import.meta.url), 'utf8'),
) as { rows: number; xlsx: string; csv: string; first: string[]; last: string[] };

/** A trail with what makes cells hard: nulls, quotes, commas, line breaks, formulas, Chinese, equal times. */
const trail = () =>
  Array.from({ length: ENTRIES }, (_, i) => [
    `fx-${String(i).padStart(4, '0')}`,
    T - Math.floor(i / 3) * 1000,
    i % 5 === 0 ? 'member' : 'system',
    i % 5 === 0 ? `m${i}` : null,
    'fixture.test',
    i % 2 ? 'member' : 'department',
    i % 7 === 0 ? null : `=t${i}`,
    i % 4 === 0 ? null : JSON.stringify({ name: `王伟 ${i}`, note: 'a "quoted", comma\nline' }),
    JSON.stringify({ i, tags: ['华东', '-x'] }),
    i % 3 ? `req-${i}` : null,
    i % 6 ? '127.0.0.1' : null,
  ]);

/** Every cell as text, one line per row: what a reader of the file sees. */
const canonical = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).join('\n');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function xlsxRows(bytes: ArrayBuffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const rows: string[][] = [];
  book.getWorksheet('audit')!.eachRow((row) => {
    rows.push(
      Array.from({ length: 11 }, (_, c) => {
        const v = row.getCell(c + 1).value;
        return v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
      }),
    );
  });
  return rows;
}

describe('issue 15: audit exports written in slices', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let admin: Browser;
  before(async () => {
    deps = await testDeps();
    admin = await adminBrowser(createApp(deps), deps.db);
    await insertRows(
      deps.db,
      'audit_log',
      [
        'id',
        'at',
        'actor_kind',
        'actor_id',
        'action',
        'target_type',
        'target_id',
        'before',
        'after',
        'request_id',
        'ip',
      ],
      trail(),
    );
  });
  after(() => deps.cleanup());

  const download = async (format: 'xlsx' | 'csv') => {
    const res = await admin.request(`/api/v1/audit/export?format=${format}&action=fixture.test`);
    assert.equal(res.status, 200);
    return res.arrayBuffer();
  };

  test('the .xlsx holds every entry, cell for cell as before', async () => {
    const rows = await xlsxRows(await download('xlsx'));
    assert.equal(rows.length, fixture.rows);
    assert.deepEqual(rows[1], fixture.first);
    assert.deepEqual(rows.at(-1), fixture.last);
    assert.equal(sha(canonical(rows)), fixture.xlsx);
  });

  test('the .csv is byte for byte as before', async () => {
    assert.equal(sha(Buffer.from(await download('csv')).toString('utf8')), fixture.csv);
  });

  test('the event loop turns between slices of the .xlsx: at most a slice of rows is written at a \
stretch', async () => {
    // Counts the rows handed to exceljs since the last turn of the event loop; the old export wrote a whole page.
    const Writer = ExcelJS.stream.xlsx.WorkbookWriter.prototype as unknown as {
      addWorksheet: (...a: unknown[]) => ExcelJS.Worksheet;
    };
    const addWorksheet = Writer.addWorksheet;
    let sinceTurn = 0,
      most = 0,
      ticking = true;
    Writer.addWorksheet = function (this: unknown, ...args: unknown[]) {
      const sheet = addWorksheet.apply(this, args);
      const addRow = sheet.addRow.bind(sheet);
      sheet.addRow = (row) => {
        most = Math.max(most, ++sinceTurn);
        return addRow(row);
      };
      return sheet;
    };
    const tick = () => {
      sinceTurn = 0;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      const rows = await xlsxRows(await download('xlsx'));
      assert.equal(rows.length, fixture.rows);
    } finally {
      ticking = false;
      Writer.addWorksheet = addWorksheet;
    }
    assert.ok(most > 0 && most <= XLSX_SLICE, `${most} rows written without a turn of the event loop`);
  });

  test('the event loop turns between pages of the .csv: at most a page of entries arrives at a stretch', async () => {
    // Read as fast as it comes (as a fast socket does): each chunk's lines are counted since the last turn of the
    // loop. Before, the pages chained in microtasks: hundreds of lines (370 to 620 in nine runs) came without one.
    const res = await admin.request('/api/v1/audit/export?format=csv&action=fixture.test');
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let sinceTurn = 0,
      most = 0,
      lines = 0,
      ticking = true;
    const tick = () => {
      sinceTurn = 0;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const n = Buffer.from(value).toString('utf8').split('\r\n').length - 1;
        lines += n;
        sinceTurn += n;
        most = Math.max(most, sinceTurn);
      }
    } finally {
      ticking = false;
    }
    assert.equal(lines, fixture.rows);
    assert.ok(most <= AUDIT_EXPORT_BATCH + 1, `${most} lines arrived without a turn of the event loop`);
  });
});

/** Writes the fixture from the export as it is now: `node --import tsx src/modules/audit/export.test.ts --write`. */
export async function writeFixture(): Promise<void> {
  const deps = await testDeps();
  try {
    const admin = await adminBrowser(createApp(deps), deps.db);
    await insertRows(
      deps.db,
      'audit_log',
      [
        'id',
        'at',
        'actor_kind',
        'actor_id',
        'action',
        'target_type',
        'target_id',
        'before',
        'after',
        'request_id',
        'ip',
      ],
      trail(),
    );
    const get = (f: string) =>
      admin.request(`/api/v1/audit/export?format=${f}&action=fixture.test`).then((r) => r.arrayBuffer());
    const rows = await xlsxRows(await get('xlsx'));
    const out = {
      rows: rows.length,
      xlsx: sha(canonical(rows)),
      csv: sha(Buffer.from(await get('csv')).toString('utf8')),
      first: rows[1],
      last: rows.at(-1),
    };
    console.log(JSON.stringify(out, null, 1));
  } finally {
    deps.cleanup();
  }
}
