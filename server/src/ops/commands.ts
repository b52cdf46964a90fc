// `pnpm herald backup|restore|verify` (issue 17 item 1; README, "Operating Herald"). They work on the files
// directly and never migrate or open the database through the app, so they run beside a live Herald (backup,
// verify) or on a folder Herald cannot start on (verify, restore).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { backup, OpsError } from './backup.js';
import { LocalBlobStore } from '../blob-store/local.js';
import { openBlobStore } from '../blob-store/open.js';
import { blobsDir, databaseFile, notAFile, shown, shownBlobs } from './data-folder.js';
import { MANIFEST } from './manifest.js';
import { restore } from './restore.js';
import { runMigrateData } from './migrate-data-command.js';
import { formatReport, verifyBackup, verifyDataFolder } from './verify.js';

export const OPS_USAGE = `  pnpm herald backup DIR         a consistent copy of the (running) Herald's database and \
attachments
  pnpm herald restore DIR        replace the data folder's database and attachments with the backup in DIR
                                 (checked first; Herald must be stopped; the old files are moved aside)
  pnpm herald verify [DIR] [--full]  check a data folder (default: HERALD_DATA_DIR) or a backup;
                                 exit code 1 on a problem
  pnpm herald migrate-data --to postgres://HOST/DB [--from file:data/herald.db] [--from-blobs URL] [--to-blobs URL]
                                 copy this embedded installation into an empty PostgreSQL database, verified by
                                 counts and checksums (attachments: --to-blobs s3://… or file:/…; without it the
                                 PostgreSQL Herald uses the same store, which is then checked, not copied)`;

export const isOpsCommand = (noun: string | undefined) =>
  noun === 'backup' || noun === 'restore' || noun === 'verify' || noun === 'migrate-data';

const MB = 1024 * 1024;

/** Runs one command; resolves with the exit code. */
export async function runOpsCommand(noun: string, args: string[]): Promise<number> {
  process.umask(0o077); // what these write (backups, a restored data folder) holds the embed apps' secrets
  if (noun === 'migrate-data') return runMigrateData(args);
  const { values, positionals } = parseArgs({ args, options: { full: { type: 'boolean' } }, allowPositionals: true });
  const config = loadConfig();
  const [dir] = positionals;
  try {
    if (noun === 'backup' && dir && positionals.length === 1) {
      const started = performance.now();
      const result = await backup(config, dir);
      const bytes = result.manifest.blobs.reduce((n, b) => n + b.size, 0);
      const { manifest } = result;
      process.stdout.write(
        `Backed up ${shown(manifest.source.database)} (${(manifest.database.size / MB).toFixed(1)} MB, ` +
          `schema ${manifest.schema.migration}) and ${manifest.blobs.length} attachments \
(${(bytes / MB).toFixed(1)} MB) ` +
          `to ${shown(result.dir)} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
      );
      if (result.dropped) process.stdout.write(`${result.dropped} unsent upload(s) removed meanwhile were left out.\n`);
      if (result.missing.length) {
        process.stderr.write(
          `✖ ${result.missing.length} attachment(s) of sent messages had no bytes in ` +
            `${result.blobs}: ` +
            `${result.missing.slice(0, 10).join(', ')}. Run \`pnpm herald verify\`.\n`,
        );
        return 1;
      }
      return 0;
    }
    if (noun === 'restore' && dir && positionals.length === 1) {
      const result = await restore(config, resolve(dir));
      const file = databaseFile(config)!;
      process.stdout.write(
        `Restored the backup of ${result.manifest.createdAt} (${result.manifest.blobs.length} attachments) ` +
          'into ' +
          `${shown(file)} and ${shownBlobs(await openBlobStore(config.blobs))}` +
          (result.uploaded ? ` (${result.uploaded} attachments added to it)` : '') +
          '.\n' +
          (result.movedAside
            ? `The previous files are in ${shown(result.movedAside)}: delete that folder once Herald runs as it \
should.\n`
            : '') +
          'Start Herald now; it applies any newer migrations itself.\n',
      );
      return 0;
    }
    if (noun === 'verify' && positionals.length <= 1) {
      const target = dir ? resolve(dir) : null;
      if (!target && !databaseFile(config)) {
        process.stderr.write(`${notAFile(config, 'verify')}\n`);
        return 2;
      }
      const report =
        target && existsSync(join(target, MANIFEST))
          ? await verifyBackup(target)
          : target
            ? await verifyDataFolder(join(target, 'herald.db'), new LocalBlobStore(blobsDir(target)), values)
            : await verifyDataFolder(databaseFile(config)!, await openBlobStore(config.blobs), values);
      process.stdout.write(formatReport(report));
      return report.ok ? 0 : 1;
    }
  } catch (err) {
    if (err instanceof OpsError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  process.stderr.write(`usage:\n${OPS_USAGE}\n`);
  return 2;
}
