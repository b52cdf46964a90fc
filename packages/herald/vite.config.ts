import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { minifyLitCss } from './build/minify-css-templates.js';
import { minifyLitHtml } from './build/minify-html-templates.js';

/** Every element's own entry (src/elements/<tag>.ts → dist/<tag>.js, served at /widgets/<tag>.js). */
import ELEMENTS from './build/elements.json' with { type: 'json' };

/**
 * Writes `<file>.gz` (gzip -9) and `<file>.br` (brotli 11) beside every script, for the server to pick by
 * Accept-Encoding.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'herald-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      await Promise.all(
        Object.values(bundle)
          .filter((f) => f.fileName.endsWith('.js'))
          .map(async (file) => {
            const body = Buffer.from(file.type === 'chunk' ? file.code : file.source);
            const path = join(outDir, file.fileName);
            await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
            await writeFile(
              `${path}.br`,
              brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            );
          }),
      );
    },
  };
}

// dist/herald.js (every element) and dist/<tag>.js (one element each) share their code through content-hashed chunks
// in dist/chunks/ (immutable); lazy parts (the message view, the rich editor, admin tabs, the other locale) are chunks
// too. Entry files keep stable names: hosts link them, the server revalidates them by ETag.
export default defineConfig({
  base: './',
  // nanostores reads process.env.NODE_ENV; the bundle must not touch `process` in a browser.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
  plugins: [minifyLitCss(), minifyLitHtml(), precompress()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    // Not library mode: Vite leaves library ES output unminified. No module-preload helper either: a lazy chunk's
    // static imports are fetched by the browser as the module graph says, from wherever the entry was loaded.
    modulePreload: false,
    rolldownOptions: {
      input: { herald: 'src/index.ts', ...Object.fromEntries(ELEMENTS.map((tag) => [tag, `src/elements/${tag}.ts`])) },
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
