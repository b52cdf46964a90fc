/** What an uploaded spreadsheet may cost the server (R3). Checked in this order, each before the next step. */
export const IMPORT_LIMITS = {
  /** The request body, counted while it streams in; nothing is kept past this. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Zip central directory, read before anything is inflated. A workbook has a few dozen entries. */
  maxZipEntries: 500,
  /** Sum of the declared uncompressed sizes (and, while verifying, of the real ones). */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Data rows (the header and blank rows not counted); the parse stops at the first row past it. */
  maxRows: 50_000,
};
