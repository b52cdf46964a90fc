import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { ConnectionPool, Sqlite3Client } from '@libsql/client/sqlite3';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema.js';
import { serializeWrites } from './write-queue.js';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx;

/**
 * Settings every connection to an embedded database must carry. `journal_mode` is stored in the file, so
 * it is set once when the database opens (asking for WAL again on every connection would take a lock that
 * waits for readers); the rest are per connection.
 */
export const CONNECTION_PRAGMAS = [
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = NORMAL',
] as const;

type RawConnection = { exec(sql: string): unknown };

/**
 * A `file:` client keeps a pool of connections and opens new ones as transactions hold the others; a
 * PRAGMA sent through the client reaches only whichever connection ran it. This pool runs the settings
 * on each connection the first time it is handed out.
 */
class ConfiguredPool extends ConnectionPool {
  readonly #configured = new WeakSet<object>();
  override acquireSync(forTransaction = false) {
    const conn = super.acquireSync(forTransaction) as unknown as RawConnection;
    if (!this.#configured.has(conn)) {
      for (const pragma of CONNECTION_PRAGMAS) conn.exec(pragma);
      this.#configured.add(conn);
    }
    return conn as never;
  }
}

const MAX_FILE_CONNECTIONS = 8;

export function openDatabase(url: string, authToken?: string): Db {
  let client: Client;
  if (url.startsWith('file:')) {
    const path = resolve(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
    mkdirSync(dirname(path), { recursive: true });
    const pool = new ConfiguredPool(path, { timeout: 5000 } as never, MAX_FILE_CONNECTIONS);
    const first = pool.acquireSync(); // fails fast if the file cannot be opened
    (first as unknown as RawConnection).exec('PRAGMA journal_mode = WAL');
    pool.release(first);
    client = serializeWrites(new Sqlite3Client(pool, 'number') as unknown as Client);
  } else {
    // libsql:// and http(s):// point at a libSQL server (sqld / Turso), which owns its own settings.
    client = createClient({ url, ...(authToken ? { authToken } : {}) });
  }
  return drizzle(client, { schema, casing: 'snake_case' }) as Db;
}
