// What a host page loads before anything renders, measured the way issue 16 measured it: esbuild `--bundle --minify
// --format=esm` (with code splitting, so lazy chunks stay out of the first load), each file gzip -9 and brotli 11.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { build, type Metafile, type Plugin } from 'esbuild';
import { minifyCssTemplates } from '../../packages/herald/build/minify-css-templates.js';
import { minifyHtmlTemplates } from '../../packages/herald/build/minify-html-templates.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Herald's entries resolve from its all-in-one package (which depends on every widget package). */
export const HERALD_DIR = `${ROOT}packages/herald/src`;
/** The libraries compared against are installed here only (bench/widget-size/package.json). */
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

export interface Measured {
  /** The entry and every chunk it imports statically: what loads before anything renders. */
  initial: Sizes;
  /** Chunks reached only through `import()`, by output name. */
  lazy: { name: string; sizes: Sizes }[];
  /**
   * The English catalogues the first load asks for (issue 16): the `i18n/en.ts` chunks imported by a file of the
   * first load — what its elements wait for before they render. Catalogues of lazy parts (asked for by a lazy chunk)
   * are not.
   */
  strings: Sizes;
  /** Their source files, relative to the repository. */
  stringFiles: string[];
  /** English catalogues the first load may ask for later, which no first render waits for ({@link ON_DEMAND}). */
  onDemandFiles: string[];
}

/**
 * Catalogues no element waits for before it renders: the texts of problems and field errors load when the page is
 * idle after a first render, when a render asks for one of their keys, and before the client throws a problem
 * (packages/core/src/i18n/catalogues.ts, `problemStrings`). Listed by the bench, not counted in the first load.
 */
const ON_DEMAND = ['packages/core/src/i18n/problems/en.ts'];
const relative = (source: string) => source.replace(/^.*?packages\//, 'packages/');

const sizesOf = (bytes: Uint8Array): Sizes => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const add = (a: Sizes, b: Sizes): Sizes => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO: Sizes = { min: 0, gzip: 0, brotli: 0 };

/** An entry made of `import '<specifier>'` lines, resolved from `resolveDir` as a host's own module would be. */
function virtualEntry(specifiers: string[], resolveDir: string): Plugin {
  return {
    name: 'virtual-entry',
    setup(b) {
      b.onResolve({ filter: /^virtual:entry$/ }, () => ({ path: 'entry', namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
        contents: specifiers.map((s) => `import ${JSON.stringify(s)};`).join('\n'),
        resolveDir,
        loader: 'js',
      }));
    },
  };
}

/**
 * Herald's own build steps (packages/herald/build): the CSS inside Lit's css`…` templates minified too, and the line
 * breaks between the tags of its html`…` templates collapsed.
 */
export const heraldCss: Plugin = {
  name: 'herald-css-templates',
  setup(b) {
    b.onLoad({ filter: /\/packages\/[\w-]+\/src\/.*\.ts$/ }, async ({ path }) => ({
      contents: minifyHtmlTemplates(minifyCssTemplates(await readFile(path, 'utf8')), path),
      loader: 'ts',
    }));
  },
};

/** Every output reachable from `start` through imports of the given kind (transitively through static ones). */
function reachable(meta: Metafile, start: string, kind: 'import-statement' | 'dynamic-import'): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    for (const imp of meta.outputs[file]?.imports ?? []) {
      if (imp.external || imp.kind !== kind || seen.has(imp.path)) continue;
      seen.add(imp.path);
      walk(imp.path);
    }
  };
  walk(start);
  return seen;
}

/** Bundles `specifiers` as one host page would import them and answers the first load and the lazy chunks. */
export async function measure(specifiers: string[], resolveDir: string, plugins: Plugin[] = []): Promise<Measured> {
  const result = await build({
    entryPoints: { entry: 'virtual:entry' },
    plugins: [virtualEntry(specifiers, resolveDir), ...plugins],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    absWorkingDir: '/', // output paths in the metafile are then 'virtual-out/…'
    outdir: '/virtual-out',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const meta = result.metafile!;
  const bytes = new Map(result.outputFiles.map((f) => [f.path.slice(1), f.contents]));
  const js = (name: string) => name.endsWith('.js');
  const entry = 'virtual-out/entry.js'; // (chunks reached by import() are entry points to esbuild too)
  const first = new Set([entry, ...reachable(meta, entry, 'import-statement')]);
  let initial = ZERO;
  for (const file of first) initial = add(initial, sizesOf(bytes.get(file)!));
  // Lazy: every chunk reached only through import(), from anything (a lazy chunk may itself import lazily).
  const lazyFiles = new Set<string>();
  for (const file of Object.keys(meta.outputs)) {
    for (const lazy of reachable(meta, file, 'dynamic-import')) {
      if (!first.has(lazy)) lazyFiles.add(lazy);
      for (const dep of reachable(meta, lazy, 'import-statement')) if (!first.has(dep)) lazyFiles.add(dep);
    }
  }
  const lazy = [...lazyFiles]
    .filter(js)
    .map((name) => ({ name: name.replace('virtual-out/', ''), sizes: sizesOf(bytes.get(name)!) }));
  lazy.sort((a, b) => b.sizes.gzip - a.sizes.gzip);
  let strings = ZERO;
  const stringFiles: string[] = [];
  const onDemandFiles: string[] = [];
  for (const file of first) {
    for (const imp of meta.outputs[file]?.imports ?? []) {
      const source = relative(meta.outputs[imp.path]?.entryPoint ?? '');
      if (imp.kind !== 'dynamic-import' || !/\/i18n\/(.+\/)?en\.ts$/.test(source)) continue;
      if (ON_DEMAND.includes(source)) {
        if (!onDemandFiles.includes(source)) onDemandFiles.push(source);
      } else if (!stringFiles.includes(source)) {
        stringFiles.push(source);
        strings = add(strings, sizesOf(bytes.get(imp.path)!));
      }
    }
  }
  return { initial, lazy, strings, stringFiles: stringFiles.sort(), onDemandFiles };
}

export const kb = (n: number) => (n / 1024).toFixed(1);
