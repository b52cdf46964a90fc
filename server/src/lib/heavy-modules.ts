import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

// Packages most requests never need, loaded the first time they are used instead of at start-up (issue 15): exceljs
// alone is ~260 ms of CPU to load, nodemailer and pinyin-pro ~50 ms each, undici (outbound webhooks and SMS) 1.2 MB.
// They are CommonJS, so a synchronous require() works where the callers are synchronous (pinyin for search text); the
// bundle keeps them external. `main.ts` loads them in the background shortly after start (`warmUpHeavyModules`).
// Two more are only ever loaded at their first use, which is rare and not in a hurry: zxcvbn's leaked-password lists
// (420 KB, decompressed as they load: ~40 ms, for a password change) and yauzl (an .xlsx import's zip).
// The AWS SDK (ES modules, only for HERALD_BLOB_URL=s3://…) is loaded by a dynamic import in blob-store/open.ts.
const require = createRequire(import.meta.url);
const once = <T>(load: () => T): (() => T) => {
  let loaded: T | undefined;
  return () => (loaded ??= load());
};

export const exceljs = once(() => require('exceljs') as typeof import('exceljs'));
export const nodemailer = once(() => require('nodemailer') as typeof import('nodemailer'));
export const pinyinPro = once(() => require('pinyin-pro') as typeof import('pinyin-pro'));
export const undici = once(() => require('undici') as typeof import('undici'));
export const zxcvbnDictionaries = once(
  () => require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common'),
);
export const yauzl = once(() => require('yauzl') as typeof import('yauzl'));

const HEAVY: Array<[name: string, load: () => unknown]> = [
  ['exceljs', exceljs],
  ['pinyin-pro', pinyinPro],
  ['nodemailer', nodemailer],
  ['undici', undici],
];

/**
 * Every package this file loads lazily, and file-type (imported at the first upload): resolved, not loaded, at start,
 * so a broken install stops the start as it did when they were imported there, instead of failing its first import
 * or password change (`main.ts`).
 */
const LAZY_PACKAGES = [...HEAVY.map(([name]) => name), '@zxcvbn-ts/language-common', 'yauzl', 'file-type'];

/** The lazily loaded packages that cannot be found from here (empty when the install is whole). */
export function missingLazyPackages(names: readonly string[] = LAZY_PACKAGES): string[] {
  return names.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Run in a child process: requires the package named by its path and prints, in the order they finished loading,
 * the files it required across package boundaries (a dependency's entry, or the deep file a package asked for).
 */
const RECORD_LOAD_ORDER = `
const Module = require('node:module'), path = require('node:path');
const packageOf = (file) => {
  const i = file.lastIndexOf('node_modules' + path.sep);
  const parts = i < 0 ? [''] : file.slice(i + 13).split(path.sep);
  return parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0];
};
const load = Module._load, order = [];
Module._load = function (request, parent) {
  const exports = load.apply(this, arguments);
  try {
    const file = Module._resolveFilename(request, parent);
    if (path.isAbsolute(file) && parent && packageOf(parent.filename) !== packageOf(file) && !order.includes(file))
      order.push(file);
  } catch {}
  return exports;
};
require(process.argv[1]);
process.stdout.write(JSON.stringify(order));
`;

/**
 * The child is killed past this (a hung or starved child must not hold anything): that package is then not warmed and
 * loads at its first use. Shutdown does not wait for it — `main.ts` ends with `process.exit` once requests are done,
 * and an orphaned child only finishes requiring and exits.
 */
export const LOAD_ORDER_TIMEOUT_MS = 30_000;

const learnLoadOrder = (entry: string, timeout: number) =>
  new Promise<string[]>((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', RECORD_LOAD_ORDER, entry],
      { maxBuffer: 1 << 22, timeout, killSignal: 'SIGKILL' },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as string[])),
    ),
  );

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest `whenQuiet` waits by default: a loop that never quietens still gets the warm-up. */
const QUIET_MAX_WAIT_MS = 60_000;

/**
 * Resolves once the event loop has been busy less than `busyShare` of the time for `quietMs` in a row (measured in
 * windows of `windowMs`), or once `maxWaitMs` have passed. What the warm-up waits for before each package (issue 15):
 * a restart with thousands of pages open is a reconnect storm in its first seconds, and requiring ~400 ms of packages
 * then took that CPU from the streams being resumed (a tenth of a resume's cost in `bench/live.bench.ts`, and
 * event-loop delays of seconds on a loaded machine). A storm has short lulls, hence a quiet second, not one window.
 */
export function whenQuiet({
  windowMs = 250,
  quietMs = 1000,
  busyShare = 0.2,
  maxWaitMs = QUIET_MAX_WAIT_MS,
} = {}): Promise<void> {
  const began = performance.now();
  return new Promise((resolve) => {
    let last = performance.eventLoopUtilization();
    let quietSince: number | undefined;
    const check = () => {
      const now = performance.eventLoopUtilization();
      const busy = performance.eventLoopUtilization(now, last).utilization;
      last = now;
      const t = performance.now();
      quietSince = busy < busyShare ? (quietSince ?? t - windowMs) : undefined;
      if ((quietSince !== undefined && t - quietSince >= quietMs) || t - began >= maxWaitMs) resolve();
      else setTimeout(check, windowMs);
    };
    setTimeout(check, windowMs); // not unref: main.ts exits with process.exit
  });
}

/**
 * Before each piece of a package the warm-up loads (`main.ts`): a short pause, and when the event loop was busy with
 * other work during it, a wait for quiet again (`whenQuiet`, at most until `patientUntil`, a `performance.now()` time:
 * past it, only the pause). A quiet second before a package (`beforePackage`) does not keep a burst of connects from
 * beginning in the middle of it: a stream-open burst then paid for exceljs's pieces, ≈ 20–60 µs an open in
 * `bench/live.bench.ts` (issue 15). On an idle loop it answers after the pause.
 */
export async function whenStillQuiet({
  pauseMs = 10,
  busyShare = 0.2,
  patientUntil = Number.POSITIVE_INFINITY,
  quiet = {} as NonNullable<Parameters<typeof whenQuiet>[0]>,
} = {}): Promise<void> {
  const before = performance.eventLoopUtilization();
  await new Promise<void>((resolve) => setTimeout(resolve, pauseMs));
  const busy = performance.eventLoopUtilization(performance.eventLoopUtilization(), before).utilization;
  const patience = patientUntil - performance.now();
  if (busy >= busyShare && patience > 0)
    await whenQuiet({ ...quiet, maxWaitMs: Math.min(quiet.maxWaitMs ?? QUIET_MAX_WAIT_MS, patience) });
}

/**
 * Loads the heavy packages in the background, a piece per turn of the event loop (issue 15, no stalls): a require()
 * is synchronous, so the first .xlsx import or export after a start held the loop for exceljs's whole load (~260 ms
 * of CPU). A child process learns in which order a package's dependencies finish loading (its CPU is not this
 * thread's); this thread then requires them in that order, dependencies before their dependents, one per turn, so
 * each turn compiles one package's own files (exceljs's lib, the largest, ~35 ms). The modules are the ones the
 * package loads anyway (same files, same cache); a step that fails is left to the package's own require at first use,
 * and if the child fails or times out nothing is warmed: the first use loads it as before. Answers when all are done.
 * `beforePackage` runs before each package's child is started (`main.ts` passes `whenQuiet`), `beforePiece` before
 * each piece (`main.ts` passes `whenStillQuiet`).
 */
export async function warmUpHeavyModules(
  onError: (err: unknown) => void = () => {},
  childTimeoutMs = LOAD_ORDER_TIMEOUT_MS,
  beforePackage: () => Promise<void> = nextTurn,
  beforePiece: () => Promise<void> = nextTurn,
): Promise<void> {
  for (const [name, load] of HEAVY) {
    try {
      await beforePackage();
      for (const file of await learnLoadOrder(require.resolve(name), childTimeoutMs)) {
        await beforePiece();
        try {
          require(file);
        } catch {
          /* loaded, or reported, when the package itself is */
        }
      }
      await beforePiece();
      load(); // the package's own files, its dependencies already loaded
    } catch (err) {
      onError(err); // left to its first use
    }
  }
}
