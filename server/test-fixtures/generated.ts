import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A member sheet of `rows` valid rows (demo departments and positions), written by exceljs's streaming writer. */
export async function membersWorkbook(rows: number, prefix = 'B'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('成员');
  ws.addRow(['工号*', '姓名*', '部门*', '职位', '邮箱', '手机']).commit();
  const departments = ['总部/技术部/前端组', '总部/技术部', '总部/市场部', '总部/人事部', '总部/销售部'];
  const positions = ['员工', '经理', '总监'];
  const surnames = '王李张刘陈杨黄赵吴周';
  const given = '伟芳娜敏静丽强磊军洋';
  for (let i = 1; i <= rows; i++) {
    const no = `${prefix}${String(i).padStart(6, '0')}`;
    const name = `${surnames[i % 10]}${given[(i * 7) % 10]}${given[(i * 3) % 10]}`;
    ws.addRow([no, name, departments[i % departments.length], positions[i % positions.length],
      `${no.toLowerCase()}@example.com`, `13${String(100000000 + i).slice(-9)}`]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The baseline: exceljs's streaming reader going through every row of the first sheet, doing nothing else. */
export async function streamReadRows(file: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  let n = 0;
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) if (row.number > 1) n++;
    break;
  }
  return n;
}
