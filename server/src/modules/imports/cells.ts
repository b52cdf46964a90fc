import { normaliseText } from '../../http/text.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * The mark that ends a cell cut at `maxCellChars`: such a cell is always one character too long, so it never validates.
 */
const CUT = '…';

/**
 * Issue 22: one cell as an import keeps it, whichever reader produced it — trimmed, line breaks as `\n`, NFC
 * (as every text the API takes in), and at most `maxCellChars` characters: a longer cell keeps its first ones
 * and a `…`, so it is flagged `too-long` by every validation, the first and each one after an edit. A cell
 * with control characters is kept as it is, for validation to flag (`invalid-format`).
 */
export function boundedCell(
  raw: string,
  overflowed = raw.length > IMPORT_LIMITS.maxCellChars,
  max = IMPORT_LIMITS.maxCellChars,
): string {
  const normalised = normaliseText(raw);
  const text = (normalised.ok ? normalised.value : raw).trim();
  if (!overflowed && text.length <= max) return text;
  return text.slice(0, max).padEnd(max, CUT) + CUT;
}

/** A cell error for what `boundedCell` let through but may not be imported, or null. */
export function cellTextError(
  value: string,
  max = IMPORT_LIMITS.maxCellChars,
): { code: string; message: string } | null {
  if (value.length > max)
    return { code: 'too-long', message: `At most ${max} characters in a cell; this one holds more (cut at ${CUT}).` };
  const normalised = normaliseText(value);
  if (!normalised.ok) return { code: 'invalid-format', message: `${normalised.message}.` };
  return null;
}
