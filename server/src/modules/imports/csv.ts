import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Problem } from '../../http/problem.js';
import { boundedCell } from './cells.js';
import { IMPORT_LIMITS } from './limits.js';
import type { Sheet, SheetRow } from './spreadsheet.js';

const CHUNK_BYTES = 64 * 1024;

const unreadable = (detail: string) => new Problem('spreadsheet-unreadable', detail);
const tooLarge = (detail: string) => new Problem('spreadsheet-too-large', detail);

/**
 * Issue 22: an RFC 4180 reader fed chunk by chunk (quotes, doubled quotes, CRLF or LF, newlines inside quotes; the
 * separator is `,`, else tab or `;` when the header line has no comma). A cell keeps at most `maxCellChars + 1`
 * characters however long it is in the file — the rest is counted, never held — and a row at most `maxColumns`
 * cells, so one huge cell costs neither memory nor time beyond the bytes scanned.
 */
class CsvReader {
  readonly headers: string[] = [];
  readonly rows: SheetRow[] = [];
  private sep: string | null = null;
  private cells: string[] = [];
  private field = '';
  private overflowed = false;
  private started = false; // the field has seen a non-blank character (or an opening quote)
  private quoted = false;
  private quoteInQuoted = false; // a `"` inside quotes, waiting for the next character to tell `""` from the end
  private afterCr = false;
  private record = 1; // the row number Excel would show: records, not physical lines

  constructor(private readonly limits: typeof IMPORT_LIMITS) {}

  push(text: string) {
    if (this.sep === null) {
      const firstLine = text.slice(0, text.search(/\r?\n|$/));
      this.sep = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
    }
    for (let i = 0; i < text.length; i++) this.char(text[i]!);
  }

  end(): Sheet {
    if (this.quoteInQuoted) {
      this.quoted = false;
      this.quoteInQuoted = false;
    }
    if (this.quoted) throw unreadable('The CSV file ends inside a quoted field.');
    if (this.field !== '' || this.cells.length) this.endRow();
    if (!this.headers.length) throw unreadable('The file is empty.');
    return { headers: this.headers, rows: this.rows };
  }

  private char(ch: string) {
    const wasCr = this.afterCr;
    this.afterCr = false;
    if (this.quoteInQuoted) {
      this.quoteInQuoted = false;
      if (ch === '"') return this.append('"');
      this.quoted = false; // the closing quote: this character is read outside quotes
    } else if (this.quoted) {
      if (ch === '"') this.quoteInQuoted = true;
      else this.append(ch);
      return;
    }
    if (ch === '"' && !this.started) {
      this.started = true;
      this.quoted = true;
    } else if (ch === this.sep) {
      this.endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\n' && wasCr) return; // the LF of a CRLF
      this.afterCr = ch === '\r';
      this.endRow();
    } else if (this.started || ch.trim() !== '') {
      this.started = true;
      this.append(ch);
    }
  }

  private append(s: string) {
    if (this.field.length > this.limits.maxCellChars) this.overflowed = true;
    else this.field += s;
  }

  private endField() {
    // columns past `maxColumns` are ignored, like any column without a known header
    if (this.cells.length < this.limits.maxColumns)
      this.cells.push(boundedCell(this.field, this.overflowed || this.field.length > this.limits.maxCellChars));
    this.field = '';
    this.overflowed = false;
    this.started = false;
  }

  private endRow() {
    this.endField();
    const cells = this.cells;
    this.cells = [];
    const row = this.record++;
    if (!cells.some((c) => c !== '')) return;
    if (!this.headers.length) {
      if (row !== 1) throw unreadable('The first row must hold the column headers.');
      let n = cells.length;
      while (n > 0 && cells[n - 1] === '') n--;
      this.headers.push(...cells.slice(0, n));
      return;
    }
    this.rows.push({ rowNo: row, cells });
    if (this.rows.length > this.limits.maxRows)
      throw tooLarge(`The sheet has more than ${this.limits.maxRows.toLocaleString('en')} rows.`);
  }
}

/**
 * Reads the file in chunks with one decoder, yielding to the event loop between chunks; throws when the bytes do not
 * decode.
 */
async function readWith(file: Buffer, encoding: 'utf-8' | 'gb18030', limits: typeof IMPORT_LIMITS): Promise<Sheet> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const reader = new CsvReader(limits);
  for (let at = 0; at < file.length; at += CHUNK_BYTES) {
    const end = Math.min(at + CHUNK_BYTES, file.length);
    let text: string;
    try {
      text = decoder.decode(file.subarray(at, end), { stream: end < file.length });
    } catch {
      throw new TypeError(`not ${encoding}`);
    }
    reader.push(text);
    if (end < file.length) await yieldToEventLoop();
  }
  return reader.end();
}

/** A .csv upload in UTF-8 (with or without BOM), else GB18030 (what Excel in Chinese saves as "CSV"). */
export async function readCsv(file: Buffer, limits = IMPORT_LIMITS): Promise<Sheet> {
  try {
    return await readWith(file, 'utf-8', limits);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
  try {
    return await readWith(file, 'gb18030', limits);
  } catch (e) {
    if (e instanceof TypeError)
      throw new Problem('not-a-spreadsheet', 'The file is neither an .xlsx workbook nor a .csv text file.');
    throw e;
  }
}
