// The mailbox tables of this process's engine (issue 18, docs/postgresql-plan.md §2): SQLite in schema.sqlite.ts,
// PostgreSQL in schema.pg.ts; services import from here.
import { forEngine } from '../../db/engine.js';
import * as pg from './schema.pg.js';
import * as sqlite from './schema.sqlite.js';
export * from './schema.sqlite.js'; // the value lists and types

export const { mailbox, searchDocs, sentState } = forEngine(sqlite, pg);
