#!/usr/bin/env node
// `npm start` and `npm test` on a fresh clone: installs the pinned pnpm's lockfile, builds what is
// needed, then starts Herald or runs every test. Uses only Node's built-ins, as nothing is installed yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PNPM_VERSION = '10.34.8';
const BIN = join(ROOT, 'node_modules', '.bin');
const BUNDLE = join(ROOT, 'packages', 'herald', 'dist', 'herald.js');
const SERVER = join(ROOT, 'server');
const SERVER_BUNDLE = join(SERVER, 'dist', 'main.js');

const log = (msg) => process.stdout.write(`\n\x1b[1m▶ ${msg}\x1b[0m\n`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  return r.status ?? 1;
}

/**
 * Like run(), but keeps the output, so that the summary can repeat what failed; it echoes as it goes unless
 * `opts.echo` is false (a step running beside another one: its output is printed whole when it ends).
 */
function runKept(cmd, args, opts = {}) {
  const { echo = true, ...spawnOpts } = opts;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      ...spawnOpts,
      env: { ...process.env, ...spawnOpts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      from.on('data', (chunk) => {
        chunks.push(chunk);
        if (echo) to.write(chunk);
      });
    }
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/**
 * What a failed step said about its failures: each failure line with the lines after it, or the step's last lines.
 * CI keeps only the end of a run's output, so without this the failing test's name scrolls out of sight.
 */
function failureExcerpt(output) {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const around = (marks) => {
    const kept = new Set();
    lines.forEach((line, i) => {
      if (marks.test(line)) for (let j = i; j < Math.min(lines.length, i + 14); j++) kept.add(j);
    });
    return [...kept]
      .sort((a, b) => a - b)
      .slice(0, 160)
      .map((i) => lines[i]);
  };
  // The test runners' own failure marks first; a crash or a timeout leaves only the looser words.
  const picked = around(/^\s*(not ok \d|❌|✖|✗|FAIL\b)/);
  return [...(picked.length ? picked : around(/Error:|timed out|\bfailed\b/i)), '…', ...lines.slice(-30)].join('\n');
}

function pnpm(args) {
  const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return local.stdout?.trim() === PNPM_VERSION
    ? run('pnpm', args)
    : run('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args]);
}

function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lock = join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log(`Installing dependencies (pnpm ${PNPM_VERSION}, frozen lockfile)`);
  if (pnpm(['install', '--frozen-lockfile']) !== 0) fail('pnpm install failed');
}

const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

function ensureBundle({ force = false } = {}) {
  if (!force && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newest(join(ROOT, 'packages'))) return;
  log('Building the widget bundle (packages/herald → dist/herald.js)');
  if (run(join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: join(ROOT, 'packages', 'herald') }) !== 0)
    fail('widget build failed');
}

/**
 * The server as JavaScript built ahead of time (server/build.mjs → server/dist/), rebuilt when a source (its own or
 * the rich-text contract's, which it bundles), the server's package.json or the lockfile is newer: production never
 * compiles TypeScript at start-up (issue 15).
 */
function ensureServerBundle({ force = false } = {}) {
  const sources = Math.max(
    newest(join(SERVER, 'src')),
    newest(join(ROOT, 'packages', 'rich-text', 'src')),
    newest(join(ROOT, 'packages', 'core', 'src', 'search')), // the search syntax (issue 20 #8)
    ...['package.json', 'build.mjs', 'esbuild-node.mjs'].map((f) => statSync(join(SERVER, f)).mtimeMs),
    statSync(join(ROOT, 'pnpm-lock.yaml')).mtimeMs,
  );
  if (!force && existsSync(SERVER_BUNDLE) && statSync(SERVER_BUNDLE).mtimeMs >= sources) return;
  log('Building the server (server/src → server/dist)');
  if (run(process.execPath, [join(SERVER, 'build.mjs')]) !== 0) fail('server build failed');
}

/** Chromium for the browser tests: Debian's package (test tools cannot download browsers here). */
function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const root = process.getuid?.() === 0;
  if (root && spawnSync('which', ['apt-get']).status === 0) {
    log("Installing Debian's chromium for the browser tests");
    run('apt-get', ['update', '-qq']);
    if (
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { DEBIAN_FRONTEND: 'noninteractive' } }) === 0 &&
      existsSync(path)
    )
      return path;
  }
  fail(`No Chromium at ${path}. Install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
}

function fail(msg) {
  process.stderr.write(`\n✖ ${msg}\n`);
  process.exit(1);
}

function start() {
  ensureInstalled();
  ensureBundle();
  ensureServerBundle();
  log('Starting Herald');
  // The demo customer portal (examples/host-app for the demo contact) runs on :4000 unless told otherwise ('off'); its
  // webhook receiver is on loopback, which outbound requests may reach only when allowed (docs/api.md): that one
  // port, nothing else on this machine.
  const portal = process.env.HERALD_DEMO_PORTAL_PORT ?? '4000';
  // The terminal shows the banner (URL, first password, where the log goes); the JSON log goes to a file (issue 23).
  const env = {
    ...process.env,
    HERALD_LOG_FILE: process.env.HERALD_LOG_FILE ?? join(process.env.HERALD_DATA_DIR ?? 'data', 'herald.log'),
    HERALD_DEMO_PORTAL_PORT: portal,
    HERALD_OUTBOUND_ALLOW: process.env.HERALD_OUTBOUND_ALLOW ?? (portal === 'off' ? '' : `127.0.0.1:${portal}`),
  };
  // `npm start -- --init` / `-- --check` reach Herald (issue 17, start-up checks).
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE, ...process.argv.slice(3)], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function test() {
  ensureInstalled();
  const chrome = ensureChromium();
  const env = { CHROME_PATH: chrome };
  // A step is [name, (echo) => exit code or { code, output }]; a `together` group runs its steps at the same time
  // (steps that each keep one core busy, on a machine with two or more): the first one's output streams, the others'
  // is printed whole when the group ends.
  const steps = [
    {
      together: [
        // Issue 16: one layout (prettier, 120 columns) and eslint's, Lit's and Lit a11y's rules over every source.
        [
          'lint (prettier, eslint)',
          async (echo) => {
            const layout = await runKept(join(BIN, 'prettier'), ['--check', '--log-level', 'warn', '.'], { echo });
            if (layout.code !== 0) return layout;
            const rules = await runKept(join(BIN, 'eslint'), ['.'], { echo });
            return { code: rules.code, output: layout.output + rules.output };
          },
        ],
        ['type check', (echo) => runKept(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { echo })],
      ],
    },
    // Two files at a time: each file is a process of its own on its own temp folder, database and ports (port 0), so
    // files share nothing; much of a file's time is waiting (a child server starting, a stream, a timer), which the
    // other file fills. The files run as JavaScript bundled ahead (server/test-bundled.mjs, under a second): under
    // tsx each file paid ~2 s of loader hooks before its first test.
    [
      'server tests',
      () =>
        runKept(process.execPath, ['test-bundled.mjs', '--test-concurrency=2', '--test-force-exit'], {
          cwd: join(ROOT, 'server'),
        }),
    ],
    // Issue 18: the server suite again on PostgreSQL (every file but those server/pg-skip.txt names, two files at a
    // time), on a throw-away cluster; only where PostgreSQL's binaries are installed (`.ci/run` installs them;
    // elsewhere the step says it skipped).
    [
      'server tests on PostgreSQL (all but pg-skip.txt)',
      () =>
        runKept(process.execPath, ['--import', 'tsx', 'src/testing/pg-run.ts'], {
          cwd: join(ROOT, 'server'),
          env: { HERALD_TEST_ENGINE: 'pg' },
        }),
    ],
    ['widget bundle', () => (ensureBundle({ force: true }), 0)],
    ['server bundle (npm start runs it; an e2e test starts it)', () => (ensureServerBundle({ force: true }), 0)],
    // Issue 16: what a host loads before anything renders, against the budgets (Herald only, no network, a few
    // seconds).
    ['widget size budgets', () => run(process.execPath, ['--import', 'tsx', 'bench/widget-size.bench.ts', '--check'])],
    [
      'element tests (Chromium)',
      () => runKept(join(BIN, 'web-test-runner'), ['--config', 'web-test-runner.config.mjs'], { env }),
    ],
    [
      'Storybook build (with the Custom Elements Manifest)',
      () =>
        run(join(BIN, 'custom-elements-manifest'), ['analyze']) ||
        run(join(BIN, 'storybook'), ['build', '--quiet', '-o', 'storybook-static'], {
          env: { STORYBOOK_DISABLE_TELEMETRY: '1' },
        }),
    ],
    [
      'end-to-end tests (Chromium)',
      () =>
        runKept(
          'sh',
          [
            '-c',
            "node --import tsx --test --test-concurrency=1 --test-force-exit $(find e2e -name '*.test.ts' | sort)",
          ],
          { env },
        ),
    ],
  ];
  const results = [];
  const timed = async (name, step, echo) => {
    const t0 = Date.now();
    const outcome = await step(echo);
    const { code, output } = typeof outcome === 'number' ? { code: outcome, output: '' } : outcome;
    return { name, ok: code === 0, output, s: ((Date.now() - t0) / 1000).toFixed(1) };
  };
  for (const step of steps) {
    if (!step.together) {
      log(step[0]);
      results.push(await timed(step[0], step[1], true));
      continue;
    }
    const names = step.together.map(([name]) => name);
    log(`${names.join(' + ')} (at the same time)`);
    const group = await Promise.all(step.together.map(([name, fn], i) => timed(name, fn, i === 0)));
    for (const r of group.slice(1)) {
      log(`${r.name} (ran beside ${names[0]}; its output)`);
      process.stdout.write(r.output);
    }
    results.push(...group.map((r) => ({ ...r, name: `${r.name} (beside ${names.find((n) => n !== r.name)})` })));
  }
  for (const r of results.filter((r) => !r.ok && r.output)) {
    process.stdout.write(`\n\x1b[1m✖ What failed in "${r.name}"\x1b[0m\n${failureExcerpt(r.output)}\n`);
  }
  process.stdout.write('\nSummary\n');
  for (const r of results) process.stdout.write(`  ${r.ok ? '✔' : '✖'} ${r.name} (${r.s} s)\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`steps: ${results.length - failed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

const command = process.argv[2];
if (command === 'start') start();
else if (command === 'test') test();
else if (command === 'build-server') {
  ensureInstalled();
  ensureServerBundle({ force: process.argv.includes('--force') });
} else fail('usage: node scripts/herald.mjs start|test|build-server [--force]');
