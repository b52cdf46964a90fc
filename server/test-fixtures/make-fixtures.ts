/**
 * Writes the import fixtures (R3) committed beside this file. Run from the repo root:
 *   node --import tsx server/test-fixtures/make-fixtures.ts
 * Spreadsheets are written by exceljs (a real spreadsheet library); the hostile ones (zip bombs, an OLE
 * container) by hand. Departments and positions match `seedDemo()`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { streamedEntry, workbookParts, zip } from './zip.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const write = (name: string, data: Buffer | Uint8Array) => {
  writeFileSync(`${dir}${name}`, data);
  console.log(`${name}: ${data.length.toLocaleString('en')} bytes`);
};
const book = async (fill: (wb: ExcelJS.Workbook) => void) => {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
/** Rows that exist in the file (styled) but hold nothing: what Excel leaves after deleting contents. */
const trailingBlankRows = (ws: ExcelJS.Worksheet, from: number, count: number) => {
  for (let r = from; r < from + count; r++) {
    const row = ws.getRow(r);
    row.height = 18;
    row.getCell(1).style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFCC' } } };
  }
};

// Valid members: Chinese headers and names, leading zeros as text, numbers stored as numbers (an employee
// number, a phone, a zero-padded "00000" format), a date column the import ignores, trailing blank rows.
write('members-valid.xlsx', await book((wb) => {
  const ws = wb.addWorksheet('成员');
  ws.addRow(['工号*', '姓名*', '部门*', '职位', '邮箱', '手机', '入职日期']);
  ws.addRow(['00123', '陈一', '总部/技术部/前端组', '员工', 'ChenYi@Example.com', '13800138001', new Date(Date.UTC(2024, 2, 1))]);
  ws.addRow([1002, '林二', '总部/市场部', '经理', null, 13800138002, new Date(Date.UTC(2023, 11, 31))]);
  const padded = ws.addRow([42, 'Ann Wu', '总部 / 人事部', null, 'ann.wu@example.com', '+86 138-0013-8003', null]);
  padded.getCell(1).numFmt = '00000';
  ws.addRow(['E2004', '欧阳娜娜', '总部/销售部', '总监', 'ouyang@example.com', null, null]);
  trailingBlankRows(ws, 6, 5);
}));

// Every kind of cell error, English headers in another order.
write('members-errors.xlsx', await book((wb) => {
  const ws = wb.addWorksheet('Members');
  ws.addRow(['Name*', 'Employee number*', 'Department*', 'Position', 'E-mail', 'Phone']);
  ws.addRow([null, 'M001', '总部/技术部', null, null, null]); // 2: name required
  ws.addRow(['Bad Number', 'A 1', '总部/技术部', null, null, null]); // 3: invalid-format
  ws.addRow(['Twin One', 'D001', '总部/技术部', null, null, null]); // 4: duplicate-in-file
  ws.addRow(['Twin Two', 'd001', '总部/技术部', null, null, null]); // 5: duplicate-in-file (case-insensitive)
  ws.addRow(['Already Here', 'E1001', '总部/技术部', null, null, null]); // 6: duplicate-existing (mode add)
  ws.addRow(['Bad Mail', 'M002', '总部/技术部', null, 'not-an-email', null]); // 7: invalid-email
  ws.addRow(['Bad Phone', 'M003', '总部/技术部', null, null, '12345']); // 8: invalid-phone
  ws.addRow(['Lost', 'M004', '总部/不存在', null, null, null]); // 9: unknown-department
  ws.addRow(['Chair', 'M005', '总部/技术部', '董事长', null, null]); // 10: unknown-position
  // 11: formula
  ws.addRow([{ formula: 'CONCAT("Form","ula")', result: 'Formula' }, 'M006', '总部/技术部', null, null, null]);
  ws.addRow(['Fine Person', 'M007', '总部/技术部', '员工', 'fine@example.com', '+14155550100']); // 12: valid
}));

// Merged cells in the data area.
write('members-merged.xlsx', await book((wb) => {
  const ws = wb.addWorksheet('成员');
  ws.addRow(['工号', '姓名', '部门']);
  ws.addRow(['G001', '甲', '总部/技术部']);
  ws.addRow(['G002', '乙', null]);
  ws.mergeCells('C2:C3');
}));

write('empty-sheet.xlsx', await book((wb) => { wb.addWorksheet('成员'); }));

write('contacts.xlsx', await book((wb) => {
  const ws = wb.addWorksheet('外部联系人');
  ws.addRow(['类型*', '姓名*', '公司', '职务', '邮箱', '手机', '标签']);
  ws.addRow(['客户', '王经理', '华东科技有限公司', '采购经理', 'wang@customer.example', '13900139000', '重点客户;华东']);
  ws.addRow(['partner', 'Sam Lee', 'Supply Co', 'Buyer', 'sam@supply.example', '+14155550123', 'supplier； west']);
  ws.addRow(['合作伙伴', '赵工', '外包团队', null, null, null, null]);
  trailingBlankRows(ws, 5, 3);
}));

// CSV as Excel writes it: UTF-8 with BOM, CRLF, quotes where needed.
write('members.csv', Buffer.from(
  '\uFEFF工号,姓名,部门,职位,邮箱,手机\r\n' +
    '00777,"郑,七",总部/技术部,员工,zheng@example.com,13700137000\r\n' +
    'C002,"He said ""hi""",总部/市场部,,,\r\n' +
    ',,,,,\r\n',
  'utf8',
));
// Excel in Chinese saves "CSV" as GBK: 工号,姓名,部门 / G900,张三,总部
write('members-gbk.csv', Buffer.concat([
  Buffer.from('B9A4BAC5', 'hex'), Buffer.from(','), Buffer.from('D0D5C3FB', 'hex'), Buffer.from(','),
  Buffer.from('B2BFC3C5', 'hex'), Buffer.from('\r\nG900,'),
  Buffer.from('D5C5C8FD', 'hex'), Buffer.from(','), Buffer.from('D7DCB2BF', 'hex'), Buffer.from('\r\n'),
]));

// A zip bomb: ~500 KB whose one sheet declares (truthfully) ~500 MB of zeros.
const MB = 1024 * 1024;
function* zeros(total: number) {
  const chunk = Buffer.alloc(MB);
  for (let left = total; left > 0; left -= MB) yield left >= MB ? chunk : chunk.subarray(0, left);
}
const bombSheet = await streamedEntry('xl/worksheets/sheet1.xml', zeros(500 * MB));
write('zip-bomb.xlsx', zip([...workbookParts().filter((e) => e.name !== 'xl/sharedStrings.xml'), bombSheet]));

// The same trick with headers that lie: 50 MB of zeros declared as 1 KB (caught while inflating).
const liar = await streamedEntry('xl/worksheets/sheet1.xml', zeros(50 * MB));
write('zip-bomb-lying.xlsx', zip([...workbookParts(), { ...liar, declaredSize: 1024 }]));

// A password-protected workbook is an OLE compound file (CFB), not a zip.
const cfb = Buffer.alloc(1536);
Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0);
cfb.write('EncryptedPackage', 1024, 'utf16le');
write('password-protected.xlsx', cfb);


