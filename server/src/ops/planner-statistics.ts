// Herald's SQL is written for SQLite's planner without statistics (README "No ANALYZE on the embedded database").
// Statistics an ANALYZE took while a table was small later steer look-ups by key into scans of the whole table: with
// two sessions counted, a session look-up read all 5,220 sessions, 71–74 µs instead of 3.5–4.8 (issue 15).
import { existsSync } from 'node:fs';
import { SqliteFile } from './sqlite-file.js';

const TABLES = ['sqlite_stat1', 'sqlite_stat4'];

/**
 * Drops the planner statistics an ANALYZE (or `PRAGMA optimize`) left in the database file; answers the tables
 * dropped. Dropped rather than emptied: a change to the schema makes every connection, in every process on the file,
 * reload it without them (at their next statement). Looked for and dropped on connections of its own, each closed
 * after its step: a statement left open on a connection can keep SQLite from dropping a table there.
 */
export async function dropPlannerStatistics(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  const look = await SqliteFile.open(file);
  let found: string[];
  try {
    const rows = await look.all<{ name: string }>(
      `select name from sqlite_schema where type = 'table' and name in (${TABLES.map(() => '?').join(', ')})`,
      ...TABLES,
    );
    found = rows.map((r) => r.name);
  } finally {
    look.close();
  }
  if (!found.length) return [];
  const drop = await SqliteFile.open(file);
  try {
    await drop.exec(found.map((t) => `drop table if exists ${t};`).join(' '));
  } finally {
    drop.close();
  }
  return found;
}
