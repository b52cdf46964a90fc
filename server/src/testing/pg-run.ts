// `pnpm --filter @herald/server test:pg` (issue 18): every server test file but those pg-skip.txt names, run by
// `node --test` against one throw-away cluster with one migrated, seeded template database that every test copies
// (testing/pg-database.ts). Files given as arguments replace the list. Without PostgreSQL binaries it says so and
// succeeds (the README's `npm test` runs it only where PostgreSQL is installed). Tests that mean something on one
// engine only skip themselves (testing/engine-only.ts); pg-skip.txt is for whole files that do not pass yet.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE } from '../db/engine.js';
import { pgUnavailable, startPgCluster } from './pg-cluster.js';
import { buildTemplate } from './pg-database.js';

/** A test that hangs (a stream never answered) fails after this instead of holding the CI run until its limit. */
const TEST_TIMEOUT = '--test-timeout=180000';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const SKIP_LIST = `${SERVER_DIR}pg-skip.txt`;

/** pg-skip.txt: a path a line (relative to server/), its reason after `#`; lines starting with `#` are comments. */
export function pgSkipped(): Map<string, string> {
  const skipped = new Map<string, string>();
  for (const line of readFileSync(SKIP_LIST, 'utf8').split('\n')) {
    const [path = '', ...reason] = line.split('#');
    if (path.trim()) skipped.set(path.trim(), reason.join('#').trim());
  }
  return skipped;
}

/** Every `*.test.ts` under server/src, sorted (what `npm test` runs on the embedded engine). */
function allTestFiles(dir = join(SERVER_DIR, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => relative(SERVER_DIR, join(e.parentPath, e.name)))
    .sort();
}

/** The files the PostgreSQL run takes: all but pg-skip.txt's (a listed file that no longer exists is an error). */
export function pgTestFiles(): string[] {
  const skipped = pgSkipped();
  const all = allTestFiles();
  const gone = [...skipped.keys()].filter((f) => !all.includes(f));
  if (gone.length) throw new Error(`pg-skip.txt names files that do not exist: ${gone.join(', ')}`);
  return all.filter((f) => !skipped.has(f));
}

/**
 * How many test files run at once (`HERALD_PG_TEST_CONCURRENCY`, default 2): every test has its own database copied
 * from the template, so files do not share rows; two at a time keeps a 2-core machine busy while one waits on I/O.
 */
function concurrency(): number {
  const n = Number(process.env.HERALD_PG_TEST_CONCURRENCY ?? 2);
  if (!Number.isInteger(n) || n < 1) throw new Error('HERALD_PG_TEST_CONCURRENCY must be a whole number ≥ 1');
  return n;
}

async function main(): Promise<number> {
  if (ENGINE !== 'pg') throw new Error('run with HERALD_TEST_ENGINE=pg (the test:pg script sets it)');
  const missing = pgUnavailable();
  if (missing) {
    // Review: on CI (`.ci/run` installs PostgreSQL) a missing or unsupported PostgreSQL is a failure, never a silent
    // pass of a step that ran nothing.
    if (process.env.CI) {
      console.error(`PostgreSQL tests could not run on CI: ${missing}`);
      return 1;
    }
    console.log(`PostgreSQL tests skipped: ${missing}`);
    return 0;
  }
  const given = process.argv.length > 2;
  const files = given ? process.argv.slice(2) : pgTestFiles();
  if (!given) console.log(`# PostgreSQL run: ${files.length} files; ${pgSkipped().size} in pg-skip.txt`);
  const cluster = await startPgCluster();
  try {
    await buildTemplate(cluster, 'herald_tpl');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HERALD_TEST_ENGINE: 'pg',
      HERALD_TEST_PG_URL: cluster.adminUrl,
      HERALD_TEST_PG_TEMPLATE: 'herald_tpl',
    };
    delete env.DATABASE_URL; // each test gets its own database; a child server must not share the template
    // Plain JavaScript bundled ahead, as the embedded engine's run does (test-bundled.mjs).
    const args = [
      'test-bundled.mjs',
      `--test-concurrency=${concurrency()}`,
      TEST_TIMEOUT,
      '--test-force-exit',
      ...files,
    ];
    const child = spawn(process.execPath, args, { cwd: SERVER_DIR, env, stdio: 'inherit' });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await cluster.stop();
  }
}

process.exitCode = await main();
