// Column types of the PostgreSQL schemas (`modules/*/schema.pg.ts`), chosen so rows read the same as SQLite's
// (docs/postgresql-plan.md §5): every SQLite integer (times in ms, counts) is a bigint read as a JS number, and a JSON
// column stays text parsed by drizzle (SQLite's `text({ mode: 'json' })`), so raw SQL gets the same JSON text back.
import { bigint, customType } from 'drizzle-orm/pg-core';

/** SQLite's `integer()`: a bigint, read as a number (epoch ms exceed int4). */
export const int = () => bigint({ mode: 'number' });

/** SQLite's `text({ mode: 'json' })`: JSON kept as text, parsed on read and stringified on write by drizzle. */
export const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});
