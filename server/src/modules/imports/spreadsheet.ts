import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type yauzl from 'yauzl';
import { exceljs, yauzl as loadYauzl } from '../../lib/heavy-modules.js';
import { Problem } from '../../http/problem.js';
import { releaseQuietly } from '../../http/refused-upload.js';
import { boundedCell } from './cells.js';
import { readCsv } from './csv.js';
import { IMPORT_LIMITS } from './limits.js';

/** One non-blank row of the first sheet: its number in the sheet (1 = header) and its cells as text. */
export type SheetRow = { rowNo: number; cells: string[] };
/** The first sheet of an upload: the header row's texts and the data rows below it. */
export type Sheet = { headers: string[]; rows: SheetRow[] };

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const unreadable = (detail: string) => new Problem('spreadsheet-unreadable', detail);
const tooLarge = (detail: string) => new Problem('spreadsheet-too-large', detail);

/**
 * Reads the body of a request up to `max` bytes, counting while it streams: a larger upload is refused as
 * soon as it crosses the limit (the rest is never read) and nothing of it is kept.
 */
export async function readBodyLimited(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | undefined,
  max = IMPORT_LIMITS.maxFileBytes,
): Promise<Buffer> {
  const mb = Math.round(max / 1024 / 1024);
  if (declaredLength && Number(declaredLength) > max) throw tooLarge(`The file is larger than ${mb} MB.`);
  if (!body) throw new Problem('validation', 'Send the spreadsheet as the request body.');
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      releaseQuietly(reader); // the rest is read and dropped by `drainRefusedUpload`, as for attachments
      throw tooLarge(`The file is larger than ${mb} MB.`);
    }
    chunks.push(Buffer.from(value)); // a copy: a producer may reuse its chunk's memory
  }
  return Buffer.concat(chunks, size);
}

/**
 * Parses an uploaded .xlsx or .csv into rows of text, refusing what would be slow, unsafe or ambiguous:
 * other files by their magic bytes, OLE containers (password-protected books and old .xls), zips whose
 * central directory promises too many entries or too many bytes (checked before inflating anything), and
 * more than `maxRows` data rows (the parse stops there).
 */
export async function readSpreadsheet(
  file: Buffer,
  hint: { fileName?: string | undefined; contentType?: string | undefined } = {},
  limits = IMPORT_LIMITS,
): Promise<Sheet> {
  if (file.length === 0) throw unreadable('The file is empty.');
  if (file.subarray(0, 8).equals(CFB_MAGIC)) {
    throw unreadable(
      'The file is password-protected or an old .xls workbook (an OLE container, not .xlsx). Remove the ' +
        'password or save it as .xlsx, then upload again.',
    );
  }
  if (file.subarray(0, 4).equals(ZIP_MAGIC)) return readXlsx(file, limits);
  const looksCsv = /\.csv$/i.test(hint.fileName ?? '') || /csv|text\/plain/i.test(hint.contentType ?? '');
  if (!looksCsv || file.subarray(0, 8192).includes(0))
    throw new Problem('not-a-spreadsheet', 'The file is neither an .xlsx workbook nor a .csv text file.');
  return readCsv(file, limits);
}

// ── .xlsx ────────────────────────────────────────────────────────────────────────────────────────────────

type OpenZip = { zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry>; merges: Map<string, string[]> };

/**
 * The zip, checked from its central directory (entry count, declared sizes, encryption) before one byte is
 * inflated, then inflated once to nowhere: yauzl stops any entry that inflates past its declared size, so a
 * lying header cannot smuggle a bomb past the first check. The pass also notes merged cells (exceljs's
 * streaming reader skips them). The zip stays open for reading; the caller closes it.
 */
async function openZip(file: Buffer, limits: typeof IMPORT_LIMITS): Promise<OpenZip> {
  // Outside the try: a broken install is the server's fault, never "the file is broken" (review).
  const zipReader = loadYauzl();
  let zip: yauzl.ZipFile;
  try {
    zip = await zipReader.fromBufferPromise(file, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    } as yauzl.Options);
  } catch (e) {
    throw unreadable(
      `The file looks like an .xlsx workbook but its zip structure is broken (${(e as Error).message}).`,
    );
  }
  try {
    if (zip.entryCount > limits.maxZipEntries)
      throw tooLarge(`The workbook has ${zip.entryCount} parts; at most ${limits.maxZipEntries} are accepted.`);
    const list = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const found: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        found.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', reject);
      zip.readEntry();
    }).catch((e: unknown) => {
      throw unreadable(`The workbook's zip directory is broken (${(e as Error).message}).`);
    });
    let declared = 0;
    for (const e of list) {
      if (e.isEncrypted()) throw unreadable('The workbook is encrypted. Remove the password, then upload again.');
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8)
        throw unreadable(`The workbook uses an unsupported compression method (${e.compressionMethod}).`);
      declared += e.uncompressedSize;
      if (
        e.fileName.replace(/^\//, '') === 'xl/sharedStrings.xml' &&
        e.uncompressedSize > limits.maxSharedStringsBytes
      ) {
        throw tooLarge(
          `The workbook's text unpacks to ${Math.round(e.uncompressedSize / 1024 / 1024)} MB; at most ` +
            `${Math.round(limits.maxSharedStringsBytes / 1024 / 1024)} MB are accepted.`,
        );
      }
    }
    const maxMb = Math.round(limits.maxUncompressedBytes / 1024 / 1024);
    if (declared > limits.maxUncompressedBytes)
      throw tooLarge(
        `The workbook unpacks to ${Math.round(declared / 1024 / 1024)} MB; at most ${maxMb} MB are accepted.`,
      );
    const entries = new Map(list.map((e) => [e.fileName.replace(/^\//, ''), e]));
    if (!entries.has('xl/workbook.xml'))
      throw new Problem('not-a-spreadsheet', 'The file is a zip archive but not an .xlsx workbook.');

    const merges = new Map<string, string[]>();
    for (const [name, e] of entries) {
      const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
      const found: string[] = [];
      let carry = '';
      try {
        for await (const chunk of await zip.openReadStreamPromise(e)) {
          if (!isSheet) continue;
          const text = carry + (chunk as Buffer).toString('latin1');
          for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g))
            found.push(m[1]!);
          carry = text.slice(-200);
        }
      } catch (err) {
        if (/too many bytes|too large|exceed/i.test((err as Error).message))
          throw tooLarge(`A part of the workbook (${name}) unpacks to more than it declares.`);
        throw unreadable(`A part of the workbook (${name}) is corrupt (${(err as Error).message}).`);
      }
      if (found.length) merges.set(name, [...new Set(found)]);
    }
    return { zip, entries, merges };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** The parts of exceljs's streaming WorkbookReader we drive ourselves (exceljs 4.4.0, pinned). */
type ReaderInternals = {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ rId: string; name: string }> };
};

/**
 * The first sheet, read row by row with exceljs's streaming parsers. Its own `parse()` reads the zip front to
 * back and, when a sheet comes before the shared strings (as Excel writes them), inflates the sheet into a temp
 * file first — which stays on disk when the read stops early. Fed from yauzl's random access instead, the shared
 * strings, styles and workbook are read first, the first sheet in workbook order is found from its relationship,
 * and it streams straight from the zip.
 */
async function readXlsx(file: Buffer, limits: typeof IMPORT_LIMITS): Promise<Sheet> {
  const { zip, entries, merges } = await openZip(file, limits);
  const open = async (name: string) => zip.openReadStreamPromise(entries.get(name)!);
  const reader = new (exceljs().stream.xlsx.WorkbookReader)(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
  const headers: string[] = [];
  const rows: SheetRow[] = [];
  let sheetStream: Readable | undefined;
  try {
    if (entries.has('xl/_rels/workbook.xml.rels')) await reader._parseRels(await open('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(await open('xl/workbook.xml'));
    if (entries.has('xl/sharedStrings.xml'))
      for await (const _ of reader._parseSharedStrings(await open('xl/sharedStrings.xml'))) {
        /* cached */
      }
    if (entries.has('xl/styles.xml')) await reader._parseStyles(await open('xl/styles.xml'));

    const first = reader.model?.sheets?.[0];
    const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
    const byRel = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : undefined;
    const path =
      byRel && entries.has(byRel) ? byRel : [...entries.keys()].find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    if (!path) throw unreadable('The first sheet is empty.');
    // Merged cells keep their value in the top-left cell only: the rows below would silently lose data.
    const merged = merges.get(path);
    if (merged?.length) {
      throw unreadable(
        `The sheet has merged cells (${merged.slice(0, 5).join(', ')}${merged.length > 5 ? ', …' : ''}). ` +
          `Unmerge them and fill in every cell, then upload again.`,
      );
    }
    sheetStream = await open(path);
    const [event] = [...reader._parseWorksheet(sheetStream, /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '1')];
    const worksheet = event!.value as AsyncIterable<ExcelJS.Row>;
    for await (const row of worksheet) {
      const width = headers.length || row.cellCount;
      const cells: string[] = [];
      for (let col = 1; col <= Math.min(width, limits.maxColumns); col++)
        cells.push(boundedCell(cellText(row.getCell(col))));
      if (cells.every((c) => c === '')) continue; // blank rows (trailing ones included) are ignored
      if (!headers.length) {
        if (row.number !== 1) throw unreadable('The first row must hold the column headers.');
        headers.push(...trimTrailing(cells));
        continue;
      }
      rows.push({ rowNo: row.number, cells });
      if (rows.length > limits.maxRows)
        throw tooLarge(`The sheet has more than ${limits.maxRows.toLocaleString('en')} rows.`);
    }
  } catch (e) {
    if (e instanceof Problem) throw e;
    throw unreadable(`The workbook cannot be read (${(e as Error).message}).`);
  } finally {
    sheetStream?.destroy();
    zip.close();
  }
  if (!headers.length) throw unreadable('The first sheet is empty.');
  return { headers, rows };
}

function trimTrailing(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as the text the admin sees: numbers without exponent or float noise (and zero-padded when the
 * cell's format is `00000`), dates as `YYYY-MM-DD`, formulas as `=<formula>` (refused by validation).
 */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') {
    const fmt = cell.numFmt;
    if (Number.isInteger(v) && fmt && /^0+$/.test(fmt)) return String(v).padStart(fmt.length, '0');
    return Number.isInteger(v) ? v.toFixed(0) : String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    const time =
      v.getUTCHours() || v.getUTCMinutes() || v.getUTCSeconds()
        ? ` ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}:${pad2(v.getUTCSeconds())}`
        : '';
    return date + time;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return `=${String(o.formula ?? o.sharedFormula ?? '')}`;
    if (Array.isArray(o.richText))
      return (o.richText as Array<{ text: string }>)
        .map((r) => r.text)
        .join('')
        .trim();
    if (typeof o.text === 'string') return o.text.trim();
    if (typeof o.error === 'string') return o.error;
  }
  return String(v).trim();
}
