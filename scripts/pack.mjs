#!/usr/bin/env node
// `node scripts/pack.mjs` (issue 16 item 4): the installable `@herald/elements` — built ESM, .d.ts, the Custom Elements
// Manifest, React and Vue typings — staged in packages/herald/package/ and packed with `npm pack` into
// .pack/herald-elements-<version>.tgz (also copied to .pack/herald-elements.tgz, the name the examples install).
// The workspace keeps importing the TypeScript sources (Vite dev, web-test-runner, Storybook, e2e); only this staged
// copy is what a host installs. Why one package with an export per element: docs/elements.md, "Installing".
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementsOf, reactTypes, vueTypes } from './framework-types.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const HERALD = join(ROOT, 'packages', 'herald');
const OUT = join(HERALD, 'package');
const PACKS = join(ROOT, '.pack');
const ELEMENTS = JSON.parse(readFileSync(join(HERALD, 'build', 'elements.json'), 'utf8'));
/** The workspace packages bundled into @herald/elements, by their folder under packages/. */
const FOLDERS = readdirSync(join(ROOT, 'packages'));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const manifests = Object.fromEntries(FOLDERS.map((f) => [f, readJson(join(ROOT, 'packages', f, 'package.json'))]));
const folderOf = Object.fromEntries(FOLDERS.map((f) => [manifests[f].name, f]));
/** Dependencies kept exact: the virtualizer is patched at run time (inbox/src/list/virtualizer-patch.ts). */
const EXACT = new Set(['@lit-labs/virtualizer']);

const step = (msg) => process.stdout.write(`▶ ${msg}\n`);
function run(cmd, args, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})\n${r.stdout}`);
  return r.stdout;
}
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const rel = (from, to) => {
  const r = relative(from, to);
  return r.startsWith('.') ? r : `./${r}`;
};

/** `@herald/inbox/herald-inbox` → the path (packages/…/x.ts) its package's exports map names, relative to the root. */
function sourceOf(spec) {
  const [, name, sub] = /^(@herald\/[\w-]+)(?:\/(.+))?$/.exec(spec) ?? [];
  const folder = folderOf[name];
  if (!folder) throw new Error(`unknown workspace import ${spec}`);
  const exports = manifests[folder].exports;
  const target = sub ? (exports[`./${sub}`] ?? exports['./*']?.replace('*', sub)) : exports['.'];
  if (!target) throw new Error(`${spec} is not exported by ${name}`);
  return join('packages', folder, target).replace(/\.(js|ts)$/, '');
}

/** In the package, packages/<folder>/src/x.ts is dist/<folder>/src/x.js (JavaScript) and .d.ts (types). */
const packagePath = (source) => source.replace(/^packages\//, 'dist/');

step('JavaScript (vite, one file per module, dependencies left as imports)');
run(join(BIN, 'vite'), ['build', '-c', 'build/vite.package.config.ts', '--logLevel', 'warn'], HERALD);

step('Types (tsc declarations, workspace imports made relative)');
const staging = mkdtempSync(join(tmpdir(), 'herald-types-'));
try {
  run(join(BIN, 'tsc'), ['-p', join(HERALD, 'build', 'tsconfig.package.json'), '--outDir', staging]);
  for (const file of walk(join(staging, 'packages'))) {
    const source = relative(staging, file).replace(/\.d\.ts$/, '');
    const target = join(OUT, `${packagePath(source)}.d.ts`);
    const specifier = /(from\s+|import\()(['"])(@herald\/[^'"]+)\2/g;
    const text = readFileSync(file, 'utf8').replace(specifier, (_, lead, q, spec) => {
      const to = spec === '@herald/server' ? 'dist/server-app' : packagePath(sourceOf(spec));
      return `${lead}${q}${rel(dirname(join('/', packagePath(source))), join('/', to))}.js${q}`;
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
// The API's route types stay with the server (they would bring zod, drizzle and the server into a host's types):
// in the package, the typed RPC client (`client.api`) is untyped; elements, events and the client's methods are typed.
writeFileSync(
  join(OUT, 'dist', 'server-app.d.ts'),
  "/** The server's route types are not part of the package: `HeraldClient.api` is untyped here. */\n" +
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport type AppType = any;\n',
);

step('Custom Elements Manifest and the React / Vue typings made from it');
run(join(BIN, 'custom-elements-manifest'), ['analyze']);
const cem = JSON.parse(
  readFileSync(join(ROOT, 'custom-elements.json'), 'utf8').replace(/packages\/([\w-]+\/src\/[^"]+)\.ts/g, 'dist/$1.js'),
);
writeFileSync(join(OUT, 'custom-elements.json'), `${JSON.stringify(cem, null, 2)}\n`);
const elements = elementsOf(cem);
writeFileSync(join(OUT, 'react.d.ts'), reactTypes(elements));
writeFileSync(join(OUT, 'vue.d.ts'), vueTypes(elements));
for (const name of ['react', 'vue']) {
  writeFileSync(join(OUT, `${name}.js`), `// Types only: see ./${name}.d.ts.\nexport {};\n`);
}

step('package.json');
const dependencies = {};
for (const folder of FOLDERS) {
  for (const [dep, version] of Object.entries(manifests[folder].dependencies ?? {})) {
    if (!dep.startsWith('@herald/')) dependencies[dep] = EXACT.has(dep) ? version : `^${version}`;
  }
}
// Every bare import the built JavaScript keeps must be a dependency (else a host's install could not resolve it).
const bare = new Set();
for (const file of walk(join(OUT, 'dist')).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(file, 'utf8');
  const imports = /^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\("([^"]+)"\)/gm;
  for (const [, ...specs] of code.matchAll(imports)) {
    const spec = specs.find(Boolean);
    if (spec.startsWith('.')) continue;
    bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
}
const missing = [...bare].filter((dep) => !dependencies[dep]);
if (missing.length) throw new Error(`the built package imports ${missing.join(', ')}, not among its dependencies`);
// Declared but not imported (@tiptap/pm, @tiptap/suggestion): peers of what is imported; kept, as the workspace
// has them.

const types = (source) => `./${packagePath(source)}.d.ts`;
const pkg = {
  name: manifests.herald.name,
  version: manifests.herald.version,
  description: "Herald's embeddable messaging elements: inbox, composer, approval queue, member admin (Lit).",
  type: 'module',
  exports: {
    '.': { types: types('packages/herald/src/index'), default: './dist/index.js' },
    ...Object.fromEntries(
      ELEMENTS.map((tag) => [
        `./${tag}`,
        { types: types(`packages/herald/src/elements/${tag}`), default: `./dist/${tag}.js` },
      ]),
    ),
    './react': { types: './react.d.ts', default: './react.js' },
    './vue': { types: './vue.d.ts', default: './vue.js' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  // Only these register elements; a host's bundler drops whatever else it does not import.
  sideEffects: ['./dist/index.js', './dist/herald-*.js', './dist/**/define.js'],
  customElements: 'custom-elements.json',
  files: ['dist', 'custom-elements.json', 'react.d.ts', 'react.js', 'vue.d.ts', 'vue.js'],
  dependencies: Object.fromEntries(Object.entries(dependencies).sort()),
};
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
cpSync(join(HERALD, 'README.md'), join(OUT, 'README.md'));

step('npm pack');
mkdirSync(PACKS, { recursive: true });
const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', PACKS], OUT));
const shipped = packed.files.map((f) => f.path);
const stray = shipped.filter((p) => (/\.ts$/.test(p) && !p.endsWith('.d.ts')) || /\.(test|stories)\./.test(p));
if (stray.length) throw new Error(`sources or tests in the package: ${stray.join(', ')}`);
copyFileSync(join(PACKS, packed.filename), join(PACKS, 'herald-elements.tgz'));
step(
  `${join('.pack', packed.filename)}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB packed, ` +
    `${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked; dependencies ${Object.keys(pkg.dependencies).join(', ')}`,
);
