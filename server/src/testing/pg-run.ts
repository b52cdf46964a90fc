// `pnpm --filter @herald/server test:pg` (issue 18): the server test files that pass on PostgreSQL (pg-tests.txt),
// run by `node --test` against one throw-away cluster with one migrated, seeded template database that every test
// copies (testing/pg-database.ts). Files given as arguments replace the list. Without PostgreSQL binaries it says so
// and succeeds (the README's `npm test` runs it only where PostgreSQL is installed).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE } from '../db/engine.js';
import { pgUnavailable, startPgCluster } from './pg-cluster.js';
import { buildTemplate } from './pg-database.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const LIST = `${SERVER_DIR}pg-tests.txt`;

/** The files named in pg-tests.txt: one path a line (relative to server/), `#` starts a comment. */
export const pgTestFiles = (): string[] =>
  readFileSync(LIST, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);

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
    console.log(`PostgreSQL tests skipped: ${missing}`);
    return 0;
  }
  const files = process.argv.length > 2 ? process.argv.slice(2) : pgTestFiles();
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
    const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency()}`, '--test-force-exit', ...files];
    const child = spawn(process.execPath, args, { cwd: SERVER_DIR, env, stdio: 'inherit' });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await cluster.stop();
  }
}

process.exitCode = await main();
