// The installable package's JavaScript (`scripts/pack.mjs` → packages/herald/package/): the same sources as the served
// widgets (vite.config.ts), but built for a host's own bundler. One output file per source module under the
// package's src/<package>/… (preserveModules), so the `sideEffects` list can name exactly the files that register
// elements and a host's bundler keeps only what it imports; beside each file the .d.ts that tsc emits
// (build/tsconfig.package.json) for the same path. lit, @lit/context, nanostores, hono, the virtualizer and Tiptap
// stay imports (the package's dependencies, deduped by the host's package manager), never copied in.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLitCss } from './minify-css-templates.js';
import { minifyLitHtml } from './minify-html-templates.js';
import ELEMENTS from './elements.json' with { type: 'json' };

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
/** The package's dependencies (scripts/pack.mjs writes them into its package.json): imports, never bundled. */
export const EXTERNAL = /^(lit|@lit\/context|@lit-labs\/virtualizer|nanostores|hono|@tiptap\/[a-z-]+)(\/.*)?$/;

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  logLevel: 'warn',
  plugins: [minifyLitCss(), minifyLitHtml()],
  build: {
    target: 'es2022',
    outDir: 'package/dist',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    modulePreload: false,
    copyPublicDir: false,
    // Library mode: no module-preload wrapper around the lazy imports (the host's bundler does its own).
    lib: {
      entry: { index: 'src/index.ts', ...Object.fromEntries(ELEMENTS.map((tag) => [tag, `src/elements/${tag}.ts`])) },
      formats: ['es'],
    },
    rolldownOptions: {
      external: (id) => EXTERNAL.test(id),
      output: { preserveModules: true, preserveModulesRoot: PACKAGES, entryFileNames: '[name].js' },
    },
  },
});
