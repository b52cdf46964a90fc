import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../lib/heavy-modules.js';
import type { DbOrTx } from '../../db/client.js';
import { auditBatches, type AuditFilters } from './query.js';

const HEADERS = ['time', 'actor kind', 'actor id', 'actor name', 'action', 'target type', 'target id', 'request id', 'ip', 'before', 'after'];
const CELL_MAX = 32_000; // Excel refuses cells over 32,767 characters

type Row = { at: number; actorKind: string; actorId: string | null; actorName: string | null; action: string; targetType: string; targetId: string | null; requestId: string | null; ip: string | null; before: unknown; after: unknown };

const jsonCell = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value).slice(0, CELL_MAX));
const cells = (r: Row) => [new Date(r.at).toISOString(), r.actorKind, r.actorId ?? '', r.actorName ?? '', r.action, r.targetType, r.targetId ?? '', r.requestId ?? '', r.ip ?? '', jsonCell(r.before), jsonCell(r.after)];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A value a spreadsheet would run
 * as a formula (`= + - @`, tab, CR at the start) is prefixed with `'` (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Pulled a batch at a time. */
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
      if (next.done) { controller.close(); return; }
      controller.enqueue(encoder.encode(next.value.map((r) => csvLine(cells(r))).join('')));
    },
    async cancel() { await batches.return(undefined); },
  });
}

/** Streams the workbook as it is written (exceljs' streaming writer), waiting for the reader between batches. */
export function auditXlsx(db: DbOrTx, filters: AuditFilters): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const write = async () => {
    const book = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet('audit');
    sheet.columns = HEADERS.map((header, i) => ({ header, key: String(i), width: i === 0 ? 22 : i >= 9 ? 50 : 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of auditBatches(db, filters)) {
      for (const r of batch) {
        const row = cells(r);
        sheet.addRow([new Date(r.at), ...row.slice(1)]).commit();
      }
      // Backpressure: let a slow reader catch up before reading the next batch; stop if it went away.
      while (out.readableLength > 1 << 20 && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 5));
      if (out.destroyed) return;
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
