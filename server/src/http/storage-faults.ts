// Issue 17 item 2: a full disk, a failing disk or a damaged database reach people as a code the widgets translate
// (507 storage-full, 503 storage-unavailable, 503 storage-corrupt), and the operator as one log line saying what
// happened where and what to do — never as "500 internal" with the cause buried in a stack trace. Item 4: a write
// that waited its deadline for another process's lock (db/busy.ts) is `503 busy` with Retry-After, logged as a warning.
import { PG_FAULTS } from '../db/pg/errors.js';
import { BlobStoreUnavailable } from '../blob-store/store.js';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { databaseFile, shown } from '../ops/data-folder.js';
import { Problem } from './problem.js';

/** `busy` is no fault of the storage: another process held the write lock past the write's deadline (db/busy.ts). */
export type StorageFault = 'full' | 'io' | 'corrupt' | 'busy';

/** SQLite's primary result codes (the low byte of an extended code) that are storage faults. */
const SQLITE_FAULTS: Record<string, StorageFault> = {
  SQLITE_FULL: 'full',
  SQLITE_IOERR: 'io',
  SQLITE_READONLY: 'io', // the disk was remounted read-only after errors, or the file's permissions changed under us
  SQLITE_CANTOPEN: 'io', // the WAL or a temporary file could not be opened
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_BUSY: 'busy',
};
const SQLITE_PRIMARY: Record<number, string> = {
  5: 'SQLITE_BUSY',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};
/** Node's errno codes from the blob store (and the log file). */
const OS_FAULTS: Record<string, StorageFault> = {
  ENOSPC: 'full',
  EDQUOT: 'full', // the user's disk quota
  EFBIG: 'full', // the file-size limit (`ulimit -f`)
  EIO: 'io',
  EROFS: 'io',
};

type Coded = { code?: unknown; rawCode?: unknown; extendedCode?: unknown; cause?: unknown; path?: unknown };

/**
 * The storage fault behind an error, if any, with the most specific code seen (`SQLITE_IOERR_WRITE`, `ENOSPC`).
 * Follows `cause` (drizzle wraps libsql's error, which wraps the native one).
 */
export function storageFault(
  err: unknown,
): { fault: StorageFault; code: string; path?: string; remote?: boolean } | null {
  let e = err as Coded | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as Coded, depth++) {
    if (e instanceof BlobStoreUnavailable) return { fault: 'io', code: e.code, path: e.location, remote: true };
    const code = typeof e.extendedCode === 'string' ? e.extendedCode : typeof e.code === 'string' ? e.code : undefined;
    const primary =
      typeof e.rawCode === 'number'
        ? SQLITE_PRIMARY[e.rawCode & 0xff]
        : code?.startsWith('SQLITE_')
          ? Object.keys(SQLITE_FAULTS).find((n) => code === n || code.startsWith(`${n}_`))
          : undefined;
    if (primary) return { fault: SQLITE_FAULTS[primary]!, code: code ?? primary };
    if (code && PG_FAULTS[code]) return { fault: PG_FAULTS[code], code: `PG_${code}` }; // PostgreSQL's SQLSTATE
    if (code && OS_FAULTS[code]) {
      return { fault: OS_FAULTS[code], code, ...(typeof e.path === 'string' ? { path: e.path } : {}) };
    }
  }
  return null;
}

/** How long a client should wait before retrying after an I/O error (`Retry-After`, seconds). */
export const STORAGE_RETRY_AFTER_S = 30;
/** …and after `busy`: the write already waited its deadline (5 s); the lock is usually gone soon after. */
export const BUSY_RETRY_AFTER_S = 2;
/** One log line per fault kind per this long, however many requests meet it. */
const LOG_EVERY_MS = 60_000;

const PROBLEM_OF: Record<StorageFault, () => Problem> = {
  full: () =>
    new Problem(
      'storage-full',
      'The server has no storage space left; nothing was saved. Try again once an administrator has freed space.',
    ),
  io: () =>
    new Problem(
      'storage-unavailable',
      'The server could not read or write its storage; nothing was saved. Try again shortly.',
      { retryAfter: STORAGE_RETRY_AFTER_S },
    ),
  corrupt: () => new Problem('storage-corrupt', "The server's database is damaged; an administrator must repair it."),
  busy: () =>
    new Problem(
      'busy',
      'Another Herald process held the database for longer than this request may wait; ' +
        'nothing was saved. Try again shortly.',
      { retryAfter: BUSY_RETRY_AFTER_S },
    ),
};

/** What the operator reads: what happened, where, and what to do. */
export function storageFaultMessage(fault: StorageFault, code: string, where: string, remote = false): string {
  if (remote) {
    return (
      `object storage error (${code}) at ${where}: check that the endpoint is reachable, the credentials and the ` +
      "service's status; uploads and downloads answer 503 meanwhile"
    );
  }
  switch (fault) {
    case 'full':
      return (
        `storage full (${code}) at ${where}: free space on that disk; ` +
        'uploads and sends answer 507 storage-full until then'
      );
    case 'io':
      return (
        `storage I/O error (${code}) at ${where}: check the disk and the system log (dmesg); ` +
        'requests answer 503 meanwhile'
      );
    case 'busy':
      return (
        `database busy (${code}): another process held the write lock of ${where} past a write's deadline; ` +
        'writes answer 503 busy meanwhile. A long import or restore in another process? ' +
        '(README, "Operating Herald": several processes on one machine)'
      );
    case 'corrupt':
      return (
        `database damaged (${code}): ${where}. Stop Herald, run \`pnpm herald verify\`, ` +
        'then restore the last good ' +
        'backup with `pnpm herald restore <backup folder>` (README, "Operating Herald")'
      );
  }
}

const lastLogged = new WeakMap<Logger, Map<StorageFault, { at: number; suppressed: number }>>();

/**
 * The problem to answer for a storage fault (logged as one error line, at most once a minute per kind), or null
 * when the error is something else.
 */
type FaultDeps = { config: Config; logger: Logger };
export function storageProblem(err: unknown, deps: FaultDeps, requestId?: string): Problem | null {
  const found = storageFault(err);
  if (!found) return null;
  const where = found.remote
    ? found.path!
    : found.fault === 'corrupt' || found.code.startsWith('SQLITE_')
      ? shown(databaseFile(deps.config) ?? deps.config.databaseUrl)
      : shown(found.path ?? deps.config.dataDir);
  const seen = lastLogged.get(deps.logger) ?? new Map<StorageFault, { at: number; suppressed: number }>();
  lastLogged.set(deps.logger, seen);
  const last = seen.get(found.fault);
  const at = Date.now();
  if (!last || at - last.at >= LOG_EVERY_MS) {
    const since = last?.suppressed ? { alsoSince: last.suppressed } : {};
    const level = found.fault === 'busy' ? 'warn' : 'error'; // busy passes by itself
    deps.logger[level](
      { storage: found.fault, code: found.code, file: where, requestId, ...since },
      storageFaultMessage(found.fault, found.code, where, found.remote),
    );
    seen.set(found.fault, { at, suppressed: 0 });
  } else {
    last.suppressed++;
  }
  return PROBLEM_OF[found.fault]();
}
