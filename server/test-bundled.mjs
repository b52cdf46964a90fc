// Runs the server's test files as JavaScript bundled ahead (CI's wall time): one esbuild build with shared chunks
// (under a second) turns each src/**/*.test.ts into a .test.mjs in a folder of this run's own, then `node --test` runs
// them, then the folder goes. Under `--import tsx` every module a test file loads (the app's few hundred,
// node_modules' included) goes through tsx's loader hooks on another thread: about 2 s of CPU per file before its
// first test, paid ~220 times a run (both engines).
//
//   node test-bundled.mjs [--test-… flags for node] [src/…/file.test.ts …]   (default: every test file, sorted)
//
// Flags take their value after `=` (`--test-name-pattern=R9`): a word without `--` is a test file.
// Its exit code is `node --test`'s (1 if the build fails). Each run builds into .test-dist/run-<pid>, so two runs at
// once (the SQLite and the PostgreSQL suite, two terminals) never remove each other's files; a folder left by a run
// that was killed is removed by the next run.
//
// The bundles behave as the sources where it matters: `import.meta.url`, `.dirname` and `.filename` are replaced, in
// the text of each source before bundling (so in its strings and comments too), by that source file's own, so paths
// computed from them (src/paths.ts, fixtures, child processes started with tsx) are the sources' paths. Packages
// stay external (loaded from server/node_modules); the @herald/* workspace packages are bundled, so their own
// imports resolve from server/node_modules too (the same copies today: zod is one version in the lockfile).
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER = fileURLToPath(new URL('.', import.meta.url));
// Inside server/: the bundles find their packages by walking up to server/node_modules.
const TEST_DIST = join(SERVER, '.test-dist');
const RUN_DIR = join(TEST_DIST, `run-${process.pid}`);

const args = process.argv.slice(2);
const nodeFlags = args.filter((a) => a.startsWith('--'));
const given = args.filter((a) => !a.startsWith('--'));
const entryPoints = given.length
  ? given.map((f) => relative(SERVER, resolve(f)))
  : readdirSync(join(SERVER, 'src'), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
      .map((e) => relative(SERVER, join(e.parentPath, e.name)))
      .sort();

/** Each source's own `import.meta.url` / `.dirname` / `.filename`, written in as strings before esbuild bundles it. */
const sourcePaths = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const own = { url: pathToFileURL(path).href, dirname: resolve(path, '..'), filename: path };
      return {
        contents: text.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(own[key])),
        loader: 'ts',
      };
    });
  },
};

/** Packages load from node_modules as they are, but @herald/* (TypeScript sources) are bundled. */
const packagesExternal = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('@herald/') ? undefined : { path, external: true },
    );
  },
};

/** Folders of runs whose process is gone (killed before it could clean up). */
function removeAbandonedRuns() {
  let entries = [];
  try {
    entries = readdirSync(TEST_DIST);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if (err.code === 'ESRCH') rmSync(join(TEST_DIST, name), { recursive: true, force: true });
    }
  }
}

removeAbandonedRuns();
const cleanUp = () => rmSync(RUN_DIR, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: SERVER,
    entryPoints,
    outbase: 'src',
    outdir: RUN_DIR,
    ...NODE_BUNDLE,
    plugins: [sourcePaths, packagesExternal],
    chunkNames: '_chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
} catch {
  cleanUp();
  process.exit(1); // esbuild has printed why
}
const bundles = entryPoints.map((f) => join(RUN_DIR, relative('src', f)).replace(/\.ts$/, '.mjs'));
// A stack trace of a failure points at the .ts lines.
const child = spawn(process.execPath, ['--enable-source-maps', '--test', ...nodeFlags, ...bundles], {
  cwd: SERVER,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
