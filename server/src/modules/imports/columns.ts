import { pace } from '../../db/write-queue.js';
import { Problem } from '../../http/problem.js';
import type { SheetRow } from './spreadsheet.js';

export type ImportKind = 'members' | 'contacts';
export type ImportLocale = 'zh-CN' | 'en';

type Column = {
  field: string;
  required: boolean;
  header: Record<ImportLocale, string>;
  /** Other header texts accepted on upload (lower-case, no spaces). */
  aliases: string[];
  width: number;
};

/** The template's columns, in order. Uploads may order them freely; headers match in either locale. */
export const COLUMNS: Record<ImportKind, Column[]> = {
  members: [
    {
      field: 'employeeNo',
      required: true,
      header: { 'zh-CN': '工号', en: 'Employee number' },
      aliases: ['employeeno', 'employeenumber', 'employeeid', '员工编号', '编号'],
      width: 16,
    },
    { field: 'name', required: true, header: { 'zh-CN': '姓名', en: 'Name' }, aliases: ['name', '名字'], width: 14 },
    {
      field: 'department',
      required: true,
      header: { 'zh-CN': '部门', en: 'Department' },
      aliases: ['department', 'departmentpath', '部门路径', '所属部门'],
      width: 30,
    },
    {
      field: 'position',
      required: false,
      header: { 'zh-CN': '职位', en: 'Position' },
      aliases: ['position', 'jobtitle', '岗位', '职务'],
      width: 12,
    },
    {
      field: 'email',
      required: false,
      header: { 'zh-CN': '邮箱', en: 'E-mail' },
      aliases: ['email', 'e-mail', 'mail', '电子邮箱', '邮件'],
      width: 26,
    },
    {
      field: 'phone',
      required: false,
      header: { 'zh-CN': '手机', en: 'Phone' },
      aliases: ['phone', 'mobile', '手机号', '电话', '手机号码'],
      width: 16,
    },
  ],
  contacts: [
    {
      field: 'kind',
      required: true,
      header: { 'zh-CN': '类型', en: 'Kind' },
      aliases: ['kind', 'type', '类别'],
      width: 12,
    },
    {
      field: 'name',
      required: true,
      header: { 'zh-CN': '姓名', en: 'Name' },
      aliases: ['name', '名字', '联系人'],
      width: 14,
    },
    {
      field: 'company',
      required: false,
      header: { 'zh-CN': '公司', en: 'Company' },
      aliases: ['company', 'organisation', 'organization', '单位', '公司名称'],
      width: 24,
    },
    {
      field: 'title',
      required: false,
      header: { 'zh-CN': '职务', en: 'Title' },
      aliases: ['title', 'jobtitle', '职位', '头衔'],
      width: 14,
    },
    {
      field: 'email',
      required: false,
      header: { 'zh-CN': '邮箱', en: 'E-mail' },
      aliases: ['email', 'e-mail', 'mail', '电子邮箱', '邮件'],
      width: 26,
    },
    {
      field: 'phone',
      required: false,
      header: { 'zh-CN': '手机', en: 'Phone' },
      aliases: ['phone', 'mobile', '手机号', '电话', '手机号码'],
      width: 16,
    },
    {
      field: 'tags',
      required: false,
      header: { 'zh-CN': '标签', en: 'Tags' },
      aliases: ['tags', 'tag', '标签（;分隔）'],
      width: 24,
    },
  ],
};

/** The template's example row; an upload that still contains it unchanged skips it. */
export const EXAMPLE_ROWS: Record<ImportKind, Record<ImportLocale, Record<string, string>>> = {
  members: {
    'zh-CN': {
      employeeNo: '00123',
      name: '张三',
      department: '总部/技术部/前端组',
      position: '员工',
      email: 'zhangsan@example.com',
      phone: '13800138000',
    },
    en: {
      employeeNo: '00123',
      name: 'Jane Doe',
      department: 'HQ/Engineering/Front end',
      position: 'Engineer',
      email: 'jane.doe@example.com',
      phone: '+442071838750',
    },
  },
  contacts: {
    'zh-CN': {
      kind: '客户',
      name: '王经理',
      company: '某某科技有限公司',
      title: '采购经理',
      email: 'wang@customer.example',
      phone: '13900139000',
      tags: '重点客户;华东',
    },
    en: {
      kind: 'customer',
      name: 'Sam Lee',
      company: 'Example Ltd',
      title: 'Buyer',
      email: 'sam@customer.example',
      phone: '+14155550123',
      tags: 'key account;west',
    },
  },
};

const norm = (h: string) => h.toLowerCase().replace(/[\s*＊]/g, '');

export const fieldsOf = (kind: ImportKind) => COLUMNS[kind].map((c) => c.field);

/**
 * Maps the header row to fields; `400 spreadsheet-unreadable` names the required columns that are missing.
 * Unknown columns are ignored (an admin may keep notes beside the data).
 */
export function mapHeaders(kind: ImportKind, headers: string[]): Map<string, number> {
  const byHeader = new Map<string, string>();
  for (const c of COLUMNS[kind]) {
    for (const h of [c.header['zh-CN'], c.header.en, c.field, ...c.aliases]) byHeader.set(norm(h), c.field);
  }
  const columns = new Map<string, number>();
  headers.forEach((h, i) => {
    const field = byHeader.get(norm(h));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !columns.has(c.field));
  if (missing.length) {
    throw new Problem(
      'spreadsheet-unreadable',
      `The first row must hold the column headers; missing: ` +
        `${missing.map((c) => `${c.header['zh-CN']} / ${c.header.en}`).join(', ')}. Download the template to ` +
        `see them.`,
    );
  }
  return columns;
}

/** Rows mapped between two `pace()` checks (issue 15: 30,000 at once held the event loop ~50 ms). */
const MAP_SLICE = 200;

/** The sheet's rows as `{ field: text }`, without the template's unchanged example row. */
export async function rowsToData(
  kind: ImportKind,
  headers: string[],
  rows: SheetRow[],
): Promise<Array<{ rowNo: number; data: Record<string, string> }>> {
  const columns = mapHeaders(kind, headers);
  const fields = fieldsOf(kind);
  const examples = Object.values(EXAMPLE_ROWS[kind]).map((e) => JSON.stringify(e));
  // Only a row that starts like an example can be one: the others are not serialised to be compared.
  const exampleStarts = new Set(Object.values(EXAMPLE_ROWS[kind]).map((e) => e[fields[0]!]));
  const out: Array<{ rowNo: number; data: Record<string, string> }> = [];
  for (const [index, row] of rows.entries()) {
    if (index % MAP_SLICE === 0) await pace();
    const data: Record<string, string> = {};
    for (const field of fields) {
      const i = columns.get(field);
      data[field] = i === undefined ? '' : (row.cells[i] ?? '');
    }
    if (Object.values(data).every((v) => v === '')) continue;
    if (exampleStarts.has(data[fields[0]!]) && examples.includes(JSON.stringify(data))) continue;
    out.push({ rowNo: row.rowNo, data });
  }
  return out;
}
