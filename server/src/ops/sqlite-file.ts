import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import Database from 'libsql/promise';
import { storageFault } from '../http/storage-faults.js';

/**
 * One raw connection to an embedded database file for the operator's tools (start-up check, backup, restore,
 * verify) — never for serving requests. libsql's promise API runs each statement on its own thread, so a long
 * `PRAGMA quick_check` or `VACUUM INTO` leaves the event loop free and can be interrupted.
 */
export class SqliteFile {
  private constructor(
    private readonly db: Database,
    readonly path: string,
  ) {}

  /** Opens an existing file (never creates one); `busyTimeoutMs` is how long a locked file is waited for. */
  static async open(path: string, { busyTimeoutMs = 5000 } = {}): Promise<SqliteFile> {
    if (!existsSync(path)) throw Object.assign(new Error(`${path} does not exist`), { code: 'ENOENT' });
    const file = new SqliteFile(new Database(path, {}), path);
    try {
      await file.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    } catch (err) {
      file.close();
      throw err;
    }
    return file;
  }

  async all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
    const stmt = await this.db.prepare(sql);
    return (await stmt.all(...params)) as T[];
  }

  /**
   * The rows of one statement, stepped a few at a time (libsql fetches 100 per step): a whole table in bounded memory,
   * with other work (awaits) between steps. Nothing else may run on this connection until it is done.
   */
  async iterate<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<Iterator<T>> {
    const stmt = await this.db.prepare(sql);
    return (await stmt.iterate(...params)) as Iterator<T>;
  }

  exec(sql: string): Promise<void> {
    return this.db.exec(sql) as Promise<void>;
  }

  /** Runs `sql`, interrupting it after `ms`: its rows, or `'timed-out'`. */
  async allWithin<T = Record<string, unknown>>(sql: string, ms: number): Promise<T[] | 'timed-out'> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.db.interrupt();
    }, ms);
    try {
      return await this.all<T>(sql);
    } catch (err) {
      if (timedOut && (err as { code?: string }).code === 'SQLITE_INTERRUPT') return 'timed-out';
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      /* already closed */
    }
  }
}

const MAGIC = 'SQLite format 3\0';

/**
 * What the first 100 bytes say about a database file, before SQLite is asked: a cause an operator can act on
 * ("not a SQLite database", "truncated") instead of "database disk image is malformed". Null when nothing is wrong
 * that the header can show.
 */
export function headerProblem(path: string): string | null {
  const size = statSync(path).size;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100) return `is truncated (${size} bytes: even the 100-byte header is incomplete)`;
  if (header.toString('latin1', 0, 16) !== MAGIC) {
    const start = header.toString('latin1', 0, 16).replace(/[^\x20-\x7e]/g, '.');
    return `is not a SQLite database (it begins "${start}", not "SQLite format 3")`;
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `has a damaged header (page size ${rawPageSize})`;
  const pages = header.readUInt32BE(28);
  const headerSizeValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  // A checkpoint cut short leaves the file shorter than its new header until the WAL is replayed: only a file with no
  // WAL to replay is called truncated.
  const walPending = existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
  if (headerSizeValid && !walPending && size < pages * pageSize) {
    return (
      `is truncated (${size} bytes, where its header says ${pages} pages of ${pageSize} bytes = ` +
      `${pages * pageSize})`
    );
  }
  return null;
}

/** One line for an error SQLite gave on a file: the cause in words, and its code. */
export function sqliteCause(err: unknown): string {
  const code = (err as { code?: string }).code ?? 'unknown';
  const message = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return (
      `is locked by another program (${code}: ${message}); close whatever holds it ` +
      '(a sqlite3 shell, a copy or backup tool)'
    );
  }
  if (code === 'SQLITE_NOTADB') return `is not a SQLite database (${code}: ${message})`;
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') {
    return `cannot be opened (${code}: ${message}); check its permissions`;
  }
  const fault = storageFault(err)?.fault;
  if (fault === 'corrupt') return `is damaged (${code}: ${message})`;
  if (fault === 'io') return `cannot be read (${code}: ${message}); check the disk and the system log (dmesg)`;
  if (fault === 'full') return `cannot be written: the disk is full (${code})`;
  return `cannot be used (${code}: ${message})`;
}
