import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for hostile test inputs (zip bombs, headers that lie, hand-made sheets): what a
 * spreadsheet library would never write on purpose.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export type ZipEntry = {
  name: string;
  /** Deflated bytes. */
  compressed: Buffer;
  crc: number;
  size: number;
  /** What the headers claim the entry inflates to (default: the truth). */
  declaredSize?: number;
};

export const entry = (name: string, content: string | Buffer): ZipEntry => {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, compressed: deflateRawSync(data), crc: crc32(data), size: data.length };
};

/** Deflates what `chunks` yields without holding it: for entries of hundreds of MB. */
export async function streamedEntry(name: string, chunks: Iterable<Buffer>): Promise<ZipEntry> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => { deflate.on('end', resolve); deflate.on('error', reject); });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(out), crc, size };
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + e.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts every .xlsx needs around `xl/worksheets/sheet1.xml`. */
export function workbookParts(): ZipEntry[] {
  return [
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types' +
      ' xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels"' +
      ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"' +
      ' ContentType="application/xml"/><Override PartName="/xl/workbook.xml"' +
      ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override' +
      ' PartName="/xl/worksheets/sheet1.xml"' +
      ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override' +
      ' PartName="/xl/sharedStrings.xml"' +
      ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
    ),
    entry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships' +
      ' xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"' +
      ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"' +
      ' Target="xl/workbook.xml"/></Relationships>',
    ),
    entry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook' +
      ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
      ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships' +
      ' xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"' +
      ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"' +
      ' Target="worksheets/sheet1.xml"/><Relationship Id="rId2"' +
      ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"' +
      ' Target="sharedStrings.xml"/></Relationships>',
    ),
    entry(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8"?><sst' +
      ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
    ),
  ];
}

/** A member sheet: the header row, then `rows` rows of one number each (as small as a row gets), produced lazily. */
export function* memberSheetXml(rows: number): Generator<Buffer> {
  const is = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  yield Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1">${is('A1', '工号')}${is('B1', '姓名')}${is('C1', '部门')}</row>`,
  );
  let parts: string[] = [];
  for (let r = 2; r <= rows + 1; r++) {
    parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    if (parts.length === 10_000) { yield Buffer.from(parts.join('')); parts = []; }
  }
  yield Buffer.from(`${parts.join('')}</sheetData></worksheet>`);
}
