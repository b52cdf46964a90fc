// For the benchmarks in bench/ (they resolve packages from the root, where the server's dependencies are not).
import { ConnectionPool } from '@libsql/client/sqlite3';
import { Hono } from 'hono';

/** A bare Hono hello-world: the baseline every request is compared with. */
export const helloApp = () => new Hono().get('/', (c) => c.text('Hello'));

/**
 * Counts the SQL statements the server runs from now on (each goes through a pooled connection's `prepare`).
 * Answers a function reading the count.
 */
export function countStatements(): () => number {
  let statements = 0;
  const acquire = ConnectionPool.prototype.acquireSync;
  const wrapped = new WeakSet<object>();
  ConnectionPool.prototype.acquireSync = function (this: ConnectionPool, ...args: Parameters<typeof acquire>) {
    const conn = acquire.apply(this, args) as unknown as { prepare(sql: string): unknown };
    if (!wrapped.has(conn)) {
      const prepare = conn.prepare.bind(conn);
      conn.prepare = (sql: string) => { statements++; return prepare(sql); };
      wrapped.add(conn);
    }
    return conn as never;
  };
  return () => statements;
}
