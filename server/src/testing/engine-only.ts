// Issue 18: tests that only mean something on one engine (the embedded file's checkpointer, WAL, `.backup`, FTS5
// tables, libSQL file faults; PostgreSQL's row locks). Pass the result as node:test options:
// `test('…', sqliteOnly('WAL checkpoints are the embedded file's'), async () => …)`. The reason is printed as the skip.
import { ENGINE } from '../db/engine.js';

/** Runs on the embedded engine; skipped with `reason` when the process runs on PostgreSQL. */
export const sqliteOnly = (reason: string): { skip: string | false } => ({ skip: ENGINE === 'pg' ? reason : false });

/** Runs on PostgreSQL; skipped with `reason` on the embedded engine. */
export const pgOnly = (reason: string): { skip: string | false } => ({ skip: ENGINE === 'pg' ? false : reason });
