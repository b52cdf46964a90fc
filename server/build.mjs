// Builds the server ahead of time (issue 15): server/src/main.ts and cli.ts → server/dist/*.js, one esbuild bundle
// with shared chunks, so production runs plain JavaScript and never compiles TypeScript at start-up (`pnpm dev`
// keeps `tsx watch`). `node scripts/herald.mjs start` runs this whenever a source is newer than the bundle.
//
// Native and heavy packages stay external (loaded from node_modules, as they are): @libsql/* and @node-rs/* carry
// native binaries; pino starts worker threads by file name; exceljs, nodemailer, pinyin-pro and undici are loaded on
// first use (src/lib/heavy-modules.ts), and bundling them would only make the start-up file bigger; so are zxcvbn's
// password lists, yauzl and file-type, which only a password change, an .xlsx import and an upload need (file-type is
// imported then: from node_modules, never from a chunk of server/dist that a rebuild for another process replaced).
// The AWS SDK is bundled, into chunks that only blob-store/open.ts's dynamic import (s3:// stores) loads.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('.', import.meta.url));
export const EXTERNAL = [
  '@libsql/*',
  'libsql',
  '@node-rs/*',
  'pino',
  'pino-*',
  'thread-stream',
  'exceljs',
  'nodemailer',
  'pinyin-pro',
  'undici',
  '@zxcvbn-ts/language-common',
  'yauzl',
  'file-type',
];

rmSync(`${SERVER}dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: SERVER,
  entryPoints: ['src/main.ts', 'src/cli.ts'],
  outdir: 'dist',
  ...NODE_BUNDLE,
  minifySyntax: true,
  external: EXTERNAL,
  // Chunks beside main.js, never in a sub-folder: src/paths.ts finds server/ as `..` of whichever file it ends up in.
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js:
      "import { createRequire as __heraldRequire } from 'node:module'; const require = " +
      '__heraldRequire(import.meta.url);',
  },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`server bundle: server/dist (${(bytes / 1024).toFixed(0)} KB with source maps)\n`);
