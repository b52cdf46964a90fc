// Issue 18: tests that mean something on one engine only (several nodes on one PostgreSQL; a SQLite file's locks).
// `test('…', pgOnly('several nodes need PostgreSQL'), async () => …)` or the same on `describe`: node:test options.
import { ENGINE } from '../db/engine.js';

/** Skips where the process runs on PostgreSQL (HERALD_TEST_ENGINE=pg), saying why. */
export const sqliteOnly = (reason: string): { skip: string | false } => ({
  skip: ENGINE === 'sqlite' ? false : `SQLite only: ${reason}`,
});

/** Skips on the embedded engine, saying why; `pnpm --filter @herald/server test:pg` runs it. */
export const pgOnly = (reason: string): { skip: string | false } => ({
  skip: ENGINE === 'pg' ? false : `PostgreSQL only: ${reason}`,
});
