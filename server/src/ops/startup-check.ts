// Issue 17 item 3: before Herald migrates or serves, it looks at its data folder. A bad database stops the start
// with one line naming the file and the cause; an empty or missing database next to existing attachments is a lost
// database, not a new company, and is not set up afresh unless told (--init).
import { existsSync, statSync } from 'node:fs';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { BlobStore } from '../blob-store/store.js';
import { databaseFile, hasBlobs, shown } from './data-folder.js';
import { storageFault } from '../http/storage-faults.js';
import { SqliteFile, headerProblem, sqliteCause } from './sqlite-file.js';

/** A start-up refusal: its message is the whole story (one line, no stack trace). */
export class StartupError extends Error {}

/** How long the quick check at start may take; a larger database is checked on demand (`--check`, `verify`). */
export const QUICK_CHECK_AT_START_MS = 5_000;

export type StartupFlags = { init: boolean; check: boolean };

/** `--init` / `HERALD_INIT=true`, `--check` from the command line. */
type Env = Record<string, string | undefined>;
export const startupFlags = (argv: readonly string[], env: Env = process.env): StartupFlags => ({
  init: argv.includes('--init') || env.HERALD_INIT === 'true',
  check: argv.includes('--check'),
});

const RESTORE_HINT = 'restore a backup with `pnpm herald restore <backup folder>` (README, "Operating Herald")';

export async function checkDataFolder(
  config: Config,
  flags: StartupFlags,
  logger: Logger,
  blobs: BlobStore,
): Promise<void> {
  const file = databaseFile(config);
  if (!file) return; // a libSQL server looks after its own files
  const name = shown(file);
  const size = existsSync(file) ? statSync(file).size : null;
  if (!size) {
    if (flags.init) return;
    const wal = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
    if (wal || (await hasBlobs(blobs))) {
      const holder = wal ? `${name}-wal` : shown(blobs.location);
      throw new StartupError(
        `Herald will not start: ${name} is ${size === null ? 'missing' : 'empty'}, but ${holder} ` +
          `holds data — a lost database, not a new install. \
${RESTORE_HINT[0]!.toUpperCase()}${RESTORE_HINT.slice(1)}; ` +
          'or start once with --init (HERALD_INIT=true) to begin a new, empty database beside the old files.',
      );
    }
    return; // a new install
  }
  const fromHeader = headerProblem(file);
  if (fromHeader) throw refuse(name, fromHeader);

  let db: SqliteFile | undefined;
  try {
    db = await SqliteFile.open(file);
    const rows = flags.check
      ? await db.all<{ quick_check: string }>('PRAGMA quick_check')
      : await db.allWithin<{ quick_check: string }>('PRAGMA quick_check', QUICK_CHECK_AT_START_MS);
    if (rows === 'timed-out') {
      logger.warn(
        { file: name },
        `quick check of ${name} did not finish in ${QUICK_CHECK_AT_START_MS / 1000} s ` +
          'and was skipped; ' +
          'run `pnpm herald verify`, or start with --check to wait for it',
      );
      return;
    }
    const findings = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (findings.length) {
      const more = findings.length > 3 ? ` … ${findings.length} findings` : '';
      throw refuse(name, `is damaged (quick_check: ${findings.slice(0, 3).join('; ')}${more})`);
    }
    if (flags.check) logger.info({ file: name }, `quick check of ${name}: ok`);
  } catch (err) {
    if (err instanceof StartupError) throw err;
    // A damaged file needs verify and a backup; a lock or a disk error needs the operator's hand, then a new start.
    const damaged = storageFault(err)?.fault === 'corrupt';
    if (damaged) throw refuse(name, sqliteCause(err));
    throw new StartupError(`Herald will not start: ${name} ${sqliteCause(err)}.`);
  } finally {
    db?.close();
  }
}

const refuse = (name: string, cause: string) =>
  new StartupError(
    `Herald will not start: ${name} ${cause}. \`pnpm herald verify\` reports the damage; ${RESTORE_HINT}.`,
  );

/** The one line printed when start-up fails for any other reason: the stack only at HERALD_LOG_LEVEL=debug. */
export function startupFailureLine(err: unknown, env: Env = process.env): string {
  if (err instanceof StartupError) return err.message;
  const debug = env.HERALD_LOG_LEVEL === 'debug' || env.HERALD_LOG_LEVEL === 'trace';
  if (debug) return `Herald could not start: ${err instanceof Error ? err.stack : String(err)}`;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const coded = typeof code === 'string' ? ` (${code})` : '';
  return `Herald could not start: ${message}${coded} — HERALD_LOG_LEVEL=debug shows where`;
}
