// Builds the server's test files ahead of the run (CI's wall time): each src/**/*.test.ts → .test-dist/**/*.test.js,
// one esbuild build with shared chunks, so `node --test` runs plain JavaScript. Under `--import tsx` every module a
// test file loads (the app's few hundred, node_modules' included) goes through tsx's loader hooks on another thread:
// about 2 s of CPU per file before its first test, paid ~220 times a run (both engines).
//
// The bundles behave as the sources: every `import.meta.url` is replaced by the URL of the source file it is written
// in, so paths computed from it (src/paths.ts, fixtures, child processes started with tsx) are the sources' paths;
// packages stay external; the @herald/* workspace packages are bundled.
// Usage: node build-tests.mjs [--out=folder] [src/…/file.test.ts …] (default: .test-dist and every test file); prints
// the bundles' paths, a line each, in the order given (sorted by default).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? '.test-dist';
const TEST_DIST = resolve(SERVER, out);
// The bundles load their packages from server/node_modules, found by walking up from where they are.
if (relative(SERVER, TEST_DIST).startsWith('..')) throw new Error(`--out must be a folder inside ${SERVER}`);
const given = args.filter((a) => !a.startsWith('--out='));
const entryPoints = given.length
  ? given.map((f) => relative(SERVER, resolve(f)))
  : readdirSync(join(SERVER, 'src'), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
      .map((e) => relative(SERVER, join(e.parentPath, e.name)))
      .sort();

/** Each source's own `import.meta.url`, written in as a string before esbuild bundles it. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
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

await rm(TEST_DIST, { recursive: true, force: true });
await build({
  absWorkingDir: SERVER,
  entryPoints,
  outbase: 'src',
  outdir: TEST_DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  plugins: [sourceUrls, packagesExternal],
  chunkNames: '_chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const bundles = entryPoints.map((f) => join(TEST_DIST, relative('src', f)).replace(/\.ts$/, '.mjs'));
process.stdout.write(bundles.map((f) => `${f}\n`).join(''));
