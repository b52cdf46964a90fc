// Damaged database files for the tests of issue 17 (start-up checks, storage faults, verify, restore).
import { openSync, closeSync, writeSync } from 'node:fs';
import Database from 'libsql/promise';

/**
 * Overwrites every page of one table in a closed database file with garbage: "garbage pages in the middle", which
 * SQLite notices only when it reads them.
 */
export async function garblePagesOf(file: string, table: string): Promise<number[]> {
  const db = new Database(file, {});
  let pages: number[];
  let pageSize: number;
  try {
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)'); // every page in the file itself, none left in the WAL
    const stmt = await db.prepare(`SELECT pageno FROM dbstat WHERE name = '${table}' ORDER BY pageno`);
    pages = ((await stmt.all()) as Array<{ pageno: number }>).map((r) => r.pageno);
    pageSize = ((await (await db.prepare('PRAGMA page_size')).all()) as Array<{ page_size: number }>)[0]!.page_size;
  } finally {
    db.close();
  }
  if (!pages.length) throw new Error(`no pages for ${table}`);
  const fd = openSync(file, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages;
}
