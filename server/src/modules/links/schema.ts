// The contact links' table of this process's engine (issue 18, docs/postgresql-plan.md §2): SQLite in
// schema.sqlite.ts, PostgreSQL in schema.pg.ts; services import from here.
import { forEngine } from '../../db/engine.js';
import * as pg from './schema.pg.js';
import * as sqlite from './schema.sqlite.js';

export const { contactLinks } = forEngine(sqlite, pg);
