// The checks a drawn sign-off signature passes before it is stored (issue 19 item 2). Whatever the client says, the
// bytes must be a well-formed PNG: sniffed by its signature and parsed chunk by chunk (lengths, CRCs, IHDR first, IEND
// last with nothing after it), within a byte limit and bounded dimensions. Ancillary chunks other than a few colour
// ones are dropped (text, EXIF, animation…), so what is stored and served is an image and nothing else.
import { crc32 } from 'node:zlib';
import { Problem } from '../../http/problem.js';

/** A signature pad's PNG is a few KB to a few tens of KB; this leaves room for a hi-DPI pad. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;
/** Bounds of the image, in pixels (a 600×200 pad at a device pixel ratio of 3 fits). */
export const SIGNATURE_LIMITS = { minWidth: 16, minHeight: 16, maxWidth: 2048, maxHeight: 1024 } as const;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks kept: the critical ones and colour information a browser's encoder may write. */
const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'sRGB', 'gAMA', 'cHRM', 'pHYs']);

export type CheckedPng = { bytes: Buffer; width: number; height: number };

const refused = (detail: string) =>
  new Problem('unsupported-media-type', `The signature must be a PNG image: ${detail}`);

/** Decodes the request's base64 (not a data: URL), within the byte limit before and after decoding. */
export function decodeSignature(base64: string): Buffer {
  if (base64.length > Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4) throw tooLarge();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new Problem('validation', 'The signature is not base64.', {
      errors: [{ path: 'signature.png', code: 'invalid-format', message: 'Base64 of the PNG bytes (no data: URL)' }],
    });
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) throw tooLarge();
  return bytes;
}

const tooLarge = () =>
  new Problem('payload-too-large', `A signature image may be at most ${MAX_SIGNATURE_BYTES / 1024} KB.`);

/** Parses and bounds the PNG; answers the bytes with only the kept chunks. Throws a problem when refused. */
export function checkSignaturePng(bytes: Buffer): CheckedPng {
  if (bytes.length > MAX_SIGNATURE_BYTES) throw tooLarge();
  if (bytes.length < PNG_MAGIC.length || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw refused('not a PNG file.');
  const kept: Buffer[] = [PNG_MAGIC];
  let offset = 8;
  let width = 0;
  let height = 0;
  let sawData = false;
  let first = true;
  for (;;) {
    if (offset + 12 > bytes.length) throw refused('the file is cut short.');
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) throw refused('a chunk is damaged.');
    const crc = bytes.readUInt32BE(end - 4);
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== crc) throw refused('a chunk is damaged (CRC).');
    if (first && (type !== 'IHDR' || length !== 13)) throw refused('the header is missing.');
    if (type === 'IHDR') {
      if (!first) throw refused('two headers.');
      width = bytes.readUInt32BE(offset + 8);
      height = bytes.readUInt32BE(offset + 12);
    }
    if (type === 'acTL' || type === 'fcTL' || type === 'fdAT') throw refused('animated PNGs are not signatures.');
    if (type === 'IDAT') sawData = true;
    // An unknown critical chunk (upper-case first letter) cannot be dropped safely.
    if (!KEPT.has(type) && type[0]! === type[0]!.toUpperCase()) throw refused(`unknown chunk ${type}.`);
    if (KEPT.has(type)) kept.push(bytes.subarray(offset, end));
    first = false;
    offset = end;
    if (type === 'IEND') break;
  }
  if (offset !== bytes.length) throw refused('bytes follow the end of the image.');
  if (!sawData) throw refused('there is no image data.');
  const { minWidth, minHeight, maxWidth, maxHeight } = SIGNATURE_LIMITS;
  if (width < minWidth || height < minHeight || width > maxWidth || height > maxHeight) {
    throw new Problem(
      'validation',
      `A signature image is ${minWidth}–${maxWidth} × ${minHeight}–${maxHeight} pixels.`,
      {
        errors: [
          { path: 'signature.png', code: 'invalid-value', message: `${width}×${height} pixels is out of bounds` },
        ],
      },
    );
  }
  return { bytes: Buffer.concat(kept), width, height };
}
