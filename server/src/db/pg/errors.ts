// PostgreSQL's SQLSTATE codes as Herald reads them (issue 18): which failures are worth retrying the whole transaction
// for (db/busy.ts), and which are storage faults (http/storage-faults.ts), like SQLite's result codes.

/** serialization_failure, deadlock_detected, lock_not_available: another writer was in the way, nothing kept. */
const RETRYABLE = new Set(['40001', '40P01', '55P03']);

/** Storage faults by SQLSTATE (class 53 insufficient resources, 58 system error, XX internal error). */
export const PG_FAULTS: Record<string, 'full' | 'io' | 'corrupt' | 'busy'> = {
  '53100': 'full', // disk_full
  '58030': 'io', // io_error
  '25006': 'io', // read_only_sql_transaction: a hot standby, or default_transaction_read_only
  XX001: 'corrupt', // data_corrupted
  XX002: 'corrupt', // index_corrupted
  '40001': 'busy',
  '40P01': 'busy',
  '55P03': 'busy',
  '57P03': 'busy', // cannot_connect_now: the server is starting or shutting down
  '53300': 'busy', // too_many_connections
};

type Coded = { code?: unknown; cause?: unknown };

/** The SQLSTATE behind an error (node-postgres puts it in `code`; drizzle wraps errors in `cause`). */
export function sqlState(err: unknown): string | undefined {
  let e = err as Coded | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as Coded, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const isPgRetryable = (err: unknown): boolean => RETRYABLE.has(sqlState(err) ?? '');

/**
 * character_not_in_repertoire (22021: a NUL byte, which PostgreSQL's text cannot hold) and untranslatable_character
 * (22P05): the request's own text was refused, a 400 rather than a 500. The embedded engine stores such text, and the
 * input edge refuses control characters in bodies; a path or query parameter (an id) still reaches the database.
 */
export const isPgRefusedText = (err: unknown): boolean => ['22021', '22P05'].includes(sqlState(err) ?? '');
