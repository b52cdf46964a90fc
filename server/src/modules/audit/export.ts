import { PassThrough, Readable } from 'node:stream';
import { exceljs } from '../../lib/heavy-modules.js';
import type { DbOrTx } from '../../db/client.js';
import { auditBatches, type AuditFilters } from './query.js';

const HEADERS = [
  'time',
  'actor kind',
  'actor id',
  'actor name',
  'action',
  'target type',
  'target id',
  'request id',
  'ip',
  'before',
  'after',
];
const CELL_MAX = 32_000; // Excel refuses cells over 32,767 characters

type Row = {
  at: number;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
};

const jsonCell = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value).slice(0, CELL_MAX);
const cells = (r: Row) => [
  new Date(r.at).toISOString(),
  r.actorKind,
  r.actorId ?? '',
  r.actorName ?? '',
  r.action,
  r.targetType,
  r.targetId ?? '',
  r.requestId ?? '',
  r.ip ?? '',
  jsonCell(r.before),
  jsonCell(r.after),
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A value a spreadsheet would run
 * as a formula (`= + - @`, tab, CR at the start) is prefixed with `'` (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** A turn of the event loop: what a long export gives every other request and stream between two slices of it. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Pulled a batch at a time, with a turn of the
 * event loop after each (issue 15: no stalls): a reader that pulls again at once — a body written to a fast socket —
 * would otherwise chain every batch in microtasks, as the database answers without a turn in between.
 */
export function auditCsv(db: DbOrTx, filters: AuditFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditBatches(db, filters);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADERS)}`));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((r) => csvLine(cells(r))).join('')));
      await turn();
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** Rows handed to exceljs between two turns of the event loop: writing a row's XML is the long step (issue 15). */
export const XLSX_SLICE = 50;
/** How much of the file may wait unread before writing pauses for the reader. */
const XLSX_BUFFER = 1 << 20;

/**
 * Streams the workbook as it is written (exceljs' streaming writer, rows committed as they are added): a slice of
 * rows, then a turn of the event loop, and a pause while the reader is over `XLSX_BUFFER` behind (until it drains
 * or goes away), so neither a 100,000-entry export nor a slow reader holds the process.
 */
export function auditXlsx(db: DbOrTx, filters: AuditFilters): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: XLSX_BUFFER });
  const write = async () => {
    const book = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet('audit');
    sheet.columns = HEADERS.map((header, i) => ({ header, key: String(i), width: i === 0 ? 22 : i >= 9 ? 50 : 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of auditBatches(db, filters)) {
      for (let i = 0; i < batch.length; i += XLSX_SLICE) {
        for (const r of batch.slice(i, i + XLSX_SLICE)) sheet.addRow([new Date(r.at), ...cells(r).slice(1)]).commit();
        await turn();
        while (out.writableNeedDrain && !out.destroyed) await drained(out);
        if (out.destroyed) return; // the reader went away
      }
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/** Resolves when the stream wants more, or is gone. */
const drained = (stream: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
