/** What an uploaded spreadsheet may cost the server (R3). Checked in this order, each before the next step. */
export const IMPORT_LIMITS = {
  /** The request body, counted while it streams in; nothing is kept past this. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Zip central directory, read before anything is inflated. A workbook has a few dozen entries. */
  maxZipEntries: 500,
  /** Sum of the declared uncompressed sizes (and, while verifying, of the real ones). */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /**
   * The shared strings part, which exceljs holds whole (cells are cut only after): a bound on what one upload can make
   * the server parse and hold in one go (a 90 MB single string stalled the event loop, review of issue 22).
   */
  maxSharedStringsBytes: 32 * 1024 * 1024,
  /** Data rows (the header and blank rows not counted); the parse stops at the first row past it. */
  maxRows: 50_000,
  /**
   * Issue 22: characters kept of one cell (as many as a row edit may type); a longer one is cut while read and flagged
   * `too-long`.
   */
  maxCellChars: 500,
  /** Issue 22: cells kept of one row (with the cell bound, a row's size); a header row with more is refused. */
  maxColumns: 100,
};
