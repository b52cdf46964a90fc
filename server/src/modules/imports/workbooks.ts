import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lib/heavy-modules.js';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { inScope, requireScope } from '../auth/scope.js';
import { positions } from '../org/schema.js';
import { COLUMNS, EXAMPLE_ROWS, type ImportKind, type ImportLocale } from './columns.js';
import { IMPORT_PERMISSIONS, batchRows, getBatch, splitResult } from './service.js';
import { departmentPaths } from './validate.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TEXT = {
  'zh-CN': {
    members: '成员',
    contacts: '外部联系人',
    reference: '参考',
    departments: '部门路径',
    positions: '职位',
    kinds: '类型',
    customer: '客户（customer）',
    partner: '合作伙伴（partner）',
    row: '行号',
    errors: '错误',
    result: '结果',
    results: { added: '已新增', updated: '已更新', skipped: '无变化' },
    // One note per kind: contacts have no employee number (issue 14).
    note: {
      members: '带 * 的列必填。工号按文本填写（保留前导零）。示例行原样保留时导入会跳过它。',
      contacts:
        '带 * 的列必填。类型填“客户”或“合作伙伴”（见“参考”表）；多个标签用分号（;）分隔；手机按文本填写。示例行原样保留时导入会跳过它。',
    },
  },
  en: {
    members: 'Members',
    contacts: 'External contacts',
    reference: 'Reference',
    departments: 'Department paths',
    positions: 'Positions',
    kinds: 'Kinds',
    customer: 'customer',
    partner: 'partner',
    row: 'Row',
    errors: 'Errors',
    result: 'Result',
    results: { added: 'added', updated: 'updated', skipped: 'unchanged' },
    note: {
      members:
        'Columns marked * are required. Employee numbers are text (leading zeros kept). The example row is ' +
        'skipped if left unchanged.',
      contacts:
        'Columns marked * are required. Kind is customer or partner (see the Reference sheet); separate ' +
        'several tags with a semicolon (;); phone numbers are text. The example row is skipped if left ' +
        'unchanged.',
    },
  },
} as const;

const headerStyle = (row: ExcelJS.Row) => {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
};

/**
 * The standard template (R3): headers in the locale (required ones marked *), every column formatted as text
 * so Excel keeps leading zeros, an example row, and a second sheet listing the department paths the caller may
 * use and the positions (or, for contacts, the kinds).
 */
export async function templateWorkbook(
  db: DbOrTx,
  actor: Actor,
  kind: ImportKind,
  locale: ImportLocale,
): Promise<Buffer> {
  const scope = await requireScope(db, actor, IMPORT_PERMISSIONS[kind]);
  const t = TEXT[locale];
  const wb = new (exceljs().Workbook)();
  wb.creator = 'Herald';
  const sheet = wb.addWorksheet(t[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS[kind].map((c) => ({
    header: `${c.header[locale]}${c.required ? '*' : ''}`,
    key: c.field,
    width: c.width,
    style: { numFmt: '@' },
  }));
  headerStyle(sheet.getRow(1));
  const example = sheet.addRow(EXAMPLE_ROWS[kind][locale]);
  example.font = { italic: true, color: { argb: 'FF888888' } };
  sheet.getCell(1, COLUMNS[kind].length + 2).value = t.note[kind];

  const ref = wb.addWorksheet(t.reference);
  if (kind === 'members') {
    const paths = (await departmentPaths(db))
      .filter((d) => inScope(scope, d.path))
      .map((d) => d.display)
      .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const names = (await db.select({ name: positions.name, level: positions.level }).from(positions))
      .sort((a, b) => a.level - b.level)
      .map((p) => p.name);
    ref.columns = [
      { header: t.departments, width: 40 },
      { header: t.positions, width: 20 },
    ];
    for (let i = 0; i < Math.max(paths.length, names.length); i++) ref.addRow([paths[i] ?? null, names[i] ?? null]);
  } else {
    ref.columns = [{ header: t.kinds, width: 24 }];
    ref.addRow([t.customer]);
    ref.addRow([t.partner]);
  }
  headerStyle(ref.getRow(1));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Every row of an import with an errors column (and, once committed, what happened to it), written by
 * exceljs's streaming writer page by page: a 50,000-row report never sits in memory whole.
 */
export async function reportStream(
  db: DbOrTx,
  actor: Actor,
  id: string,
  locale: ImportLocale,
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  const batch = await getBatch(db, actor, id);
  const t = TEXT[locale];
  const out = new PassThrough();
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet(t[batch.kind]);
  const committed = batch.status === 'committed';
  sheet.columns = [
    { header: t.row, key: 'rowNo', width: 8 },
    ...COLUMNS[batch.kind].map((c) => ({
      header: c.header[locale],
      key: c.field,
      width: c.width,
      style: { numFmt: '@' },
    })),
    { header: t.errors, key: 'errors', width: 60 },
    ...(committed ? [{ header: t.result, key: 'result', width: 12 }] : []),
  ];
  headerStyle(sheet.getRow(1));
  sheet.getRow(1).commit();
  const labels = Object.fromEntries(COLUMNS[batch.kind].map((c) => [c.field, c.header[locale]]));
  (async () => {
    for await (const row of batchRows(db, batch.id)) {
      const { data, result } = splitResult(row.data);
      const r = sheet.addRow({
        rowNo: row.rowNo,
        ...data,
        errors: row.errors.map((e) => `${labels[e.field] ?? e.field}: ${e.message}`).join('\n'),
        ...(committed ? { result: result ? t.results[result] : '' } : {}),
      });
      if (row.errors.length) r.getCell('errors').font = { color: { argb: 'FFC00000' } };
      r.commit();
    }
    sheet.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return { stream: Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>, fileName: `import-${batch.id}.xlsx` };
}
