// Test helpers for sign-off signatures (issue 19 item 2): real PNG files made here, as a signature pad makes them.
import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/**
 * A `width`×`height` greyscale+alpha PNG with a diagonal stroke; `extra` chunks go before the image data and `tail`
 * bytes after IEND (for the refusals).
 */
export function signaturePng(
  width = 300,
  height = 100,
  { extra = [], tail }: { extra?: Array<[string, Buffer]>; tail?: Buffer } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 4; // greyscale + alpha
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 2); // filter byte 0, then (grey, alpha) pairs: transparent
    const x = Math.floor((y / height) * width);
    for (let dx = 0; dx < 3 && x + dx < width; dx++) row[2 + (x + dx) * 2] = 255; // an opaque black stroke
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map(([type, data]) => chunk(type, data)),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND'),
    ...(tail ? [tail] : []),
  ]);
}

/** The decision body of a drawn sign-off. */
export const drawn = (png: Buffer = signaturePng()) => ({ kind: 'drawn' as const, png: png.toString('base64') });
