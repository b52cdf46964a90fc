// Issue 18: the SQLite tables (`schema.sqlite.ts`) and their PostgreSQL twins (`schema.pg.ts`) must not drift:
// same tables, column keys, not-null, primary keys, unique columns, foreign-key targets, index names, columns and
// uniqueness, and defaults where both sides hold a value. A new SQLite column without its PG twin fails here, naming
// the table, the column and the file to add it to. (Hand-written tables, indexes and triggers are checked by name in
// db/pg-migrations.test.ts.)
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Column, getTableName, is, SQL, StringChunk } from 'drizzle-orm';
import { getTableConfig as pgConfig, integer, PgTable, pgTable, text as pgText } from 'drizzle-orm/pg-core';
import {
  getTableConfig as liteConfig,
  index as liteIndex,
  integer as liteInteger,
  SQLiteTable,
  sqliteTable,
  text as liteText,
} from 'drizzle-orm/sqlite-core';

const MODULES = fileURLToPath(new URL('../modules/', import.meta.url));

type AnyConfig = ReturnType<typeof liteConfig> | ReturnType<typeof pgConfig>;
type ColumnLike = { name: string };

/** The columns an index entry or a WHERE reads: a column's key, or `expr(keys)` for an expression. */
function describeExpr(part: unknown): string {
  if (is(part, SQL)) {
    const cols = part.queryChunks.filter((c): c is Column => is(c, Column)).map((c) => c.name);
    return `expr(${cols.join(',')})`;
  }
  return (part as ColumnLike).name;
}

/** A default as comparable text: a value as JSON, an SQL literal `'…'` as its contents, other SQL as `sql`. */
function describeDefault(column: Column): string | undefined {
  if (!column.hasDefault) return undefined;
  const value: unknown = column.default;
  if (is(value, SQL)) {
    const text = value.queryChunks.map((c) => (is(c, StringChunk) ? c.value.join('') : '?')).join('');
    const literal = /^'(.*)'$/s.exec(text.trim());
    return literal ? literal[1] : 'sql';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeTable(config: AnyConfig) {
  const columns = new Map(
    config.columns.map((c) => [
      c.name,
      {
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique ? (c.uniqueName ?? 'unique') : null,
        default: describeDefault(c),
      },
    ]),
  );
  const primaryKey = config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).join(','));
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const r = fk.reference();
      const target = `${getTableName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name).join(',')})`;
      return `${r.columns.map((c) => c.name).join(',')} -> ${target} on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  const indexes = new Map(
    config.indexes.map((i) => [
      i.config.name,
      {
        unique: i.config.unique,
        columns: (i.config.columns as unknown[]).map(describeExpr).join(', '),
        where: i.config.where ? describeExpr(i.config.where) : null,
      },
    ]),
  );
  return { columns, primaryKey, foreignKeys, indexes };
}

/** What differs between a SQLite table and its PG twin, each as one sentence naming what to add where. */
export function tableDifferences(lite: SQLiteTable, pg: PgTable, pgFile: string): string[] {
  const name = getTableName(lite);
  const a = describeTable(liteConfig(lite));
  const b = describeTable(pgConfig(pg));
  const out: string[] = [];
  for (const [key, col] of a.columns) {
    const twin = b.columns.get(key);
    if (!twin) {
      out.push(`${name}.${key}: column missing in ${pgFile} (add its PostgreSQL twin)`);
      continue;
    }
    for (const prop of ['notNull', 'primary', 'unique', 'default'] as const) {
      if (col[prop] !== twin[prop]) {
        out.push(`${name}.${key}: ${prop} is ${String(col[prop])} on SQLite but ${String(twin[prop])} in ${pgFile}`);
      }
    }
  }
  for (const key of b.columns.keys()) {
    if (!a.columns.has(key)) out.push(`${name}.${key}: column in ${pgFile} has no SQLite column`);
  }
  const same = (what: string, x: string[], y: string[]) => {
    for (const v of x) if (!y.includes(v)) out.push(`${name}: ${what} ${v} missing in ${pgFile}`);
    for (const v of y) if (!x.includes(v)) out.push(`${name}: ${what} ${v} in ${pgFile} is not on SQLite`);
  };
  same('primary key', a.primaryKey, b.primaryKey);
  same('foreign key', a.foreignKeys, b.foreignKeys);
  for (const [index, def] of a.indexes) {
    const twin = b.indexes.get(index);
    if (!twin) out.push(`${name}: index ${index} (${def.columns}) missing in ${pgFile}`);
    else if (JSON.stringify(def) !== JSON.stringify(twin)) {
      out.push(`${name}: index ${index} is ${JSON.stringify(def)} on SQLite but ${JSON.stringify(twin)} in ${pgFile}`);
    }
  }
  for (const index of b.indexes.keys()) {
    if (!a.indexes.has(index)) out.push(`${name}: index ${index} in ${pgFile} is not on SQLite`);
  }
  return out;
}

const tablesOf = <T>(mod: Record<string, unknown>, kind: abstract new (...args: never[]) => T) =>
  new Map(
    Object.values(mod)
      .filter((v): v is T => is(v, kind as never))
      .map((t) => [getTableName(t as never), t] as const),
  );

describe('schema parity: SQLite schema.sqlite.ts and PostgreSQL schema.pg.ts (issue 18)', () => {
  test('every module has a schema.pg.ts with the same tables, columns, keys and indexes', async () => {
    const problems: string[] = [];
    const modules = readdirSync(MODULES).filter((m) => existsSync(join(MODULES, m, 'schema.sqlite.ts')));
    assert.ok(modules.length >= 15, 'found the modules');
    for (const m of modules) {
      const pgFile = `modules/${m}/schema.pg.ts`;
      if (!existsSync(join(MODULES, m, 'schema.pg.ts'))) {
        problems.push(`${pgFile} is missing: every modules/*/schema.sqlite.ts needs its PostgreSQL twin`);
        continue;
      }
      const lite = tablesOf((await import(`../modules/${m}/schema.sqlite.ts`)) as Record<string, unknown>, SQLiteTable);
      const pg = tablesOf((await import(`../modules/${m}/schema.pg.ts`)) as Record<string, unknown>, PgTable);
      for (const [name, table] of lite) {
        const twin = pg.get(name);
        if (!twin) problems.push(`table ${name}: missing in ${pgFile}`);
        else problems.push(...tableDifferences(table as SQLiteTable, twin as PgTable, pgFile));
      }
      for (const name of pg.keys()) if (!lite.has(name)) problems.push(`table ${name} in ${pgFile} is not on SQLite`);
    }
    assert.deepEqual(problems, [], `schema.sqlite.ts and schema.pg.ts differ:\n${problems.join('\n')}`);
  });

  test('a SQLite column, index or default without its twin is named in the failure', () => {
    const lite = sqliteTable(
      'notes',
      { id: liteText().primaryKey(), body: liteText().notNull(), pinned: liteInteger().notNull().default(0) },
      (t) => [liteIndex('notes_body_idx').on(t.body)],
    );
    const pg = pgTable('notes', { id: pgText().primaryKey(), pinned: integer().notNull().default(1) });
    assert.deepEqual(tableDifferences(lite, pg, 'modules/notes/schema.pg.ts'), [
      'notes.body: column missing in modules/notes/schema.pg.ts (add its PostgreSQL twin)',
      'notes.pinned: default is 0 on SQLite but 1 in modules/notes/schema.pg.ts',
      'notes: index notes_body_idx (body) missing in modules/notes/schema.pg.ts',
    ]);
  });
});
