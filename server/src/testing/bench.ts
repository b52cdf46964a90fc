// For the benchmarks in bench/ (they resolve packages from the root, where the server's dependencies are not).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ConfiguredPool } from '../db/client.js';

/** A bare Hono hello-world: the baseline every request is compared with. */
export const helloApp = () => new Hono().get('/', (c) => c.text('Hello'));

/**
 * Calls `hook` for every statement the pool's connections prepare from now on, with the connection and the prepared
 * statement: the client asks the connection to `prepare` every statement it runs (the pool's cache answers most of
 * them), so the outermost `prepare` sees every execution. What the benches count and record (bench/sql-replay.ts).
 */
export function onPrepare<Statement>(hook: (conn: object, sql: string, stmt: Statement) => void): void {
  const acquire = ConfiguredPool.prototype.acquireSync;
  const wrapped = new WeakSet<object>();
  ConfiguredPool.prototype.acquireSync = function (this: ConfiguredPool, ...args: Parameters<typeof acquire>) {
    const conn = acquire.apply(this, args) as unknown as { prepare(sql: string): Statement };
    if (!wrapped.has(conn)) {
      const prepare = conn.prepare.bind(conn);
      conn.prepare = (sql: string) => {
        const stmt = prepare(sql);
        hook(conn, sql, stmt);
        return stmt;
      };
      wrapped.add(conn);
    }
    return conn as never;
  };
}

/** Counts the SQL statements the server runs from now on (`onPrepare`); answers a function reading the count. */
export function countStatements(): () => number {
  let statements = 0;
  onPrepare(() => {
    statements++;
  });
  return () => statements;
}

/** Serves an app over HTTP on a free loopback port (as `main.ts` does); answers its URL and how to close it. */
export const listenOnLoopback = (app: { fetch: (req: Request) => Response | Promise<Response> }) =>
  new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
