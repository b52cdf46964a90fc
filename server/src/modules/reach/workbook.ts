import { exceljs } from '../../lib/heavy-modules.js';
import type { ExportLocale } from '../mailbox/export.js';
import type { reachSummary } from './summary.js';

type Summary = Awaited<ReturnType<typeof reachSummary>>;
type Words = Record<string, string>;

const WORDS: Record<ExportLocale, Words> = {
  en: {
    sheet: 'Reach',
    figure: 'Figure',
    value: 'Value',
    window: 'Last days',
    sent: 'Messages sent',
    kind: 'Kind',
    priority: 'Priority',
    count: 'Count',
    internal: 'internal',
    external: 'external',
    urgent: 'urgent',
    normal: 'normal',
    high: 'high',
    read: 'Time to read (minutes)',
    confirm: 'Time to confirm (minutes)',
    median: 'median',
    p90: '90th percentile',
    reached: 'Urgent: time to reach 90 % (minutes)',
    urgentCount: 'Urgent messages',
    urgentReached: 'reached 90 %',
    channel: 'Channel',
    delivered: 'Sent',
    failed: 'Failed',
    waiting: 'Waiting',
    skipped: 'Skipped',
    rate: 'Success rate',
    approvals: 'Approvals waiting',
    oldest: 'oldest (hours)',
    medianAge: 'median age (hours)',
  },
  'zh-CN': {
    sheet: '送达概览',
    figure: '指标',
    value: '数值',
    window: '最近天数',
    sent: '已发送消息',
    kind: '类型',
    priority: '优先级',
    count: '数量',
    internal: '内部',
    external: '外部',
    urgent: '紧急',
    normal: '普通',
    high: '重要',
    read: '阅读用时（分钟）',
    confirm: '确认用时（分钟）',
    median: '中位数',
    p90: '第 90 百分位',
    reached: '紧急消息：送达 90% 用时（分钟）',
    urgentCount: '紧急消息数',
    urgentReached: '已达 90%',
    channel: '渠道',
    delivered: '已发送',
    failed: '失败',
    waiting: '等待中',
    skipped: '跳过',
    rate: '成功率',
    approvals: '待审批',
    oldest: '最久（小时）',
    medianAge: '中位等待（小时）',
  },
};

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 360_000) / 10);

/** The dashboard's figures as .xlsx (issue 24), one sheet of labelled rows, in the reader's language. */
export async function summaryWorkbook(summary: Summary, locale: ExportLocale): Promise<Buffer> {
  const w = WORDS[locale];
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet(w.sheet);
  sheet.columns = [
    { header: w.figure, key: 'a', width: 36 },
    { header: w.value, key: 'b', width: 16 },
    { header: '', key: 'c', width: 16 },
    { header: '', key: 'd', width: 12 },
    { header: '', key: 'e', width: 12 },
    { header: '', key: 'f', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  const heading = (...cells: unknown[]) => (sheet.addRow(cells).font = { bold: true });
  sheet.addRow([w.window, summary.days]);
  sheet.addRow([w.sent, summary.sent.total]);
  sheet.addRow([]);
  heading(w.kind, w.priority, w.count);
  for (const c of summary.sent.cells) sheet.addRow([w[c.kind], w[c.priority], c.count]);
  sheet.addRow([]);
  heading(w.figure, w.median, w.p90, w.count);
  sheet.addRow([w.read, minutes(summary.timeToRead.p50), minutes(summary.timeToRead.p90), summary.timeToRead.count]);
  sheet.addRow([
    w.confirm,
    minutes(summary.timeToConfirm.p50),
    minutes(summary.timeToConfirm.p90),
    summary.timeToConfirm.count,
  ]);
  sheet.addRow([w.reached, minutes(summary.urgent.p50), minutes(summary.urgent.p90), summary.urgent.reached]);
  sheet.addRow([w.urgentCount, summary.urgent.messages, w.urgentReached, summary.urgent.reached]);
  sheet.addRow([]);
  heading(w.channel, w.delivered, w.failed, w.waiting, w.skipped, w.rate);
  for (const c of summary.channels)
    sheet.addRow([c.channel, c.sent, c.failed, c.waiting, c.skipped, c.successRate]).getCell(6).numFmt = '0.0%';
  sheet.addRow([]);
  heading(w.approvals, w.count, w.oldest, w.medianAge);
  sheet.addRow(['', summary.approvals.waiting, hours(summary.approvals.oldestMs), hours(summary.approvals.medianMs)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
