// `pnpm herald migrate-data` (issue 18 item 5): reads its options, opens the two blob stores and prints the report;
// the work is in ./migrate-data.ts.
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBlobLocation } from '../blob-store/location.js';
import { openBlobStore } from '../blob-store/open.js';
import { ConfigError, loadConfig } from '../config.js';
import { engineOf } from '../db/engine.js';
import { OpsError } from './backup.js';
import { databaseFile, shown } from './data-folder.js';
import { formatMigrateReport, migrateData, shownPgUrl } from './migrate-data.js';

const USAGE =
  'usage: pnpm herald migrate-data --to postgres://HOST/DB [--from file:data/herald.db] [--from-blobs URL] ' +
  '[--to-blobs URL]';

/** Runs the command; resolves with the exit code (0 copied and verified, 1 a problem, 2 a usage error). */
export async function runMigrateData(args: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'from-blobs': { type: 'string' },
        'to-blobs': { type: 'string' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.to || engineOf(values.to) !== 'pg') {
    process.stderr.write(`--to must name the target PostgreSQL database (postgres://…).\n${USAGE}\n`);
    return 2;
  }
  try {
    // The source: --from, else the database this Herald is configured with (DATABASE_URL / HERALD_DATA_DIR).
    const fromUrl = values.from ?? loadConfig().databaseUrl;
    const from = fromUrl.startsWith('file:')
      ? databaseFile({ databaseUrl: fromUrl })
      : /:\/\//.test(fromUrl)
        ? null
        : resolve(fromUrl);
    if (!from) {
      process.stderr.write(`--from must name the embedded database file (file:data/herald.db), not ${fromUrl}.\n`);
      return 2;
    }
    // Blobs the way Herald finds them: --from-blobs, else HERALD_BLOB_URL, else `blobs/` beside the database file
    // (the data folder's layout). The target: --to-blobs, else the same store (the new Herald keeps using it).
    const store = async (option: '--from-blobs' | '--to-blobs', url: string | undefined) => {
      try {
        const env = { ...process.env, HERALD_BLOB_URL: url ?? process.env.HERALD_BLOB_URL };
        return await openBlobStore(parseBlobLocation(env, dirname(from)));
      } catch (err) {
        throw new ConfigError(
          url ? (err as Error).message.replaceAll('HERALD_BLOB_URL', option) : (err as Error).message,
        );
      }
    };
    const fromBlobs = await store('--from-blobs', values['from-blobs']);
    const toBlobs = values['to-blobs'] ? await store('--to-blobs', values['to-blobs']) : null;
    process.stdout.write(`Moving ${shown(from)} to ${shownPgUrl(values.to)}.\n`);
    // Ctrl-C, SIGTERM or SIGHUP mid-run: the snapshot is removed and the target's session ended (`signal`); the
    // process says what the target holds, then exits with the signal's usual code. A second signal changes nothing.
    const interrupt = new AbortController();
    let outcome: { text: string; settled: Promise<void> } | undefined;
    const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
    const onSignal = (signal: NodeJS.Signals) => {
      if (interrupt.signal.aborted) return;
      interrupt.abort();
      const settled = outcome?.settled ?? Promise.resolve();
      const bounded = new Promise<void>((done) => setTimeout(done, 5000).unref());
      void Promise.race([settled, bounded]).then(() => {
        process.stderr.write(
          `\n✖ Interrupted (${signal}): ${outcome?.text ?? 'the copy was stopped'}; the snapshot of the source was ` +
            'removed. Attachments already copied stay in the target store; a new run skips them.\n',
        );
        process.exit(CODES[signal] ?? 1);
      });
    };
    for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.on(signal, onSignal);
    let report;
    try {
      report = await migrateData({
        from,
        to: values.to,
        fromBlobs,
        toBlobs,
        progress: (line) => process.stdout.write(`${line}\n`),
        signal: interrupt.signal,
        onInterrupt: (o) => (outcome = o),
      });
    } finally {
      // An interrupt already under way finishes (its message, its exit) before the report would be written.
      if (interrupt.signal.aborted) await new Promise(() => {});
      for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.off(signal, onSignal);
    }
    process.stdout.write(formatMigrateReport(report));
    if (report.ok)
      process.stdout.write(
        'Writes made to the source after its snapshot are not in the copy: for the switch-over, stop Herald, run ' +
          'this again into a new database, then start Herald with DATABASE_URL set to it.\n',
      );
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof OpsError || err instanceof ConfigError) {
      process.stderr.write(`✖ ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
