// The SQLite-only calls services still make on a database or transaction (`db.all`, `db.run`, `db.get`, `db.values`,
// a result's `rowsAffected`), answered on PostgreSQL the same way, so that a module runs on both engines before its
// raw SQL moves to `dialect.all` / `dialect.run` (docs/postgresql-plan.md §2). Installed once, on drizzle's
// PostgreSQL database class (a transaction is one too) and on node-postgres' result.
import type { SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { clientOf } from './statements.js';

type Rows = { rows: Record<string, unknown>[] };
type Handle = { execute(q: SQL): Promise<Rows>; dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } };

let installed = false;

export function installSqliteCalls(): void {
  if (installed) return;
  installed = true;
  // node-postgres counts affected rows in `rowCount` (null for statements that count none).
  Object.defineProperty(pg.Result.prototype, 'rowsAffected', {
    get(this: pg.QueryResult) {
      return this.rowCount ?? 0;
    },
  });
  const proto = PgDatabase.prototype as unknown as Record<string, unknown>;
  proto.all = async function (this: Handle, q: SQL) {
    return (await this.execute(q)).rows;
  };
  proto.get = async function (this: Handle, q: SQL) {
    return (await this.execute(q)).rows[0];
  };
  proto.run = function (this: Handle, q: SQL) {
    return this.execute(q);
  };
  proto.values = async function (this: Handle, q: SQL) {
    const { sql, params } = this.dialect.sqlToQuery(q);
    return (await clientOf(this).query({ text: sql, values: params, rowMode: 'array' })).rows;
  };
}
