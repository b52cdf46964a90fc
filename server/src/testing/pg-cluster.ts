// A throw-away PostgreSQL 15 cluster for tests (issue 18, docs/postgresql-plan.md §7): initdb into a temp folder and
// pg_ctl on a free loopback port, as the `postgres` user when we are root (PostgreSQL refuses to run as root), fsync
// off. `HERALD_TEST_PG_URL` (a superuser's URL) reuses a running server instead; databases are then made beside it.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * Where Debian puts the server binaries (`apt-get install postgresql`: 15 on Debian 12; a newer major if that is what
 * is installed); `HERALD_PG_BIN` overrides.
 */
export const PG_BIN =
  process.env.HERALD_PG_BIN ??
  ['17', '16', '15'].map((v) => `/usr/lib/postgresql/${v}/bin`).find((bin) => existsSync(join(bin, 'initdb'))) ??
  '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL tests cannot run here, or null when they can (a reusable server, or the binaries to start one). */
export function pgUnavailable(): string | null {
  if (process.env.HERALD_TEST_PG_URL) return null;
  if (existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'))) return null;
  return (
    `PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql postgresql-contrib, ` +
    'or set HERALD_TEST_PG_URL to a running server)'
  );
}

export type PgCluster = {
  /** A new UTF-8 database (C.UTF-8: code-point order, pg_trgm takes Chinese trigrams), empty or a template's copy. */
  createDatabase(name: string, template?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Stops and deletes a cluster this process started; leaves a reused server running. */
  stop(): Promise<void>;
  /** A superuser's URL (the `postgres` database). */
  adminUrl: string;
  /** The data folder of a cluster this process started (undefined for a reused server). */
  dataDir?: string;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
async function asOwner(bin: string, args: string[]): Promise<void> {
  const file = join(PG_BIN, bin);
  if (userInfo().uid === 0) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  else await run(file, args);
}

const withUrlDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return `"${name}"`;
};

function clusterOn(adminUrl: string, stop: () => Promise<void>, dataDir?: string): PgCluster {
  return {
    adminUrl,
    ...(dataDir ? { dataDir } : {}),
    createDatabase: (name, template) =>
      onAdmin(adminUrl, async (c) => {
        await c.query(
          template
            ? `create database ${ident(name)} template ${ident(template)}`
            : `create database ${ident(name)} template template0 encoding 'UTF8' ` +
                `lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
        );
        return withUrlDatabase(adminUrl, name);
      }),
    dropDatabase: (name) =>
      onAdmin(adminUrl, async (c) => {
        await c.query(`drop database if exists ${ident(name)} with (force)`);
      }),
    stop,
  };
}

/** Starts a cluster (or reuses `HERALD_TEST_PG_URL`); call `pgUnavailable()` first to skip cleanly. */
export async function startPgCluster(): Promise<PgCluster> {
  const reuse = process.env.HERALD_TEST_PG_URL;
  if (reuse) return clusterOn(reuse, async () => {});
  const dir = mkdtempSync(join(tmpdir(), 'herald-pg-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await asOwner('initdb', ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  await asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const stop = async () => {
    await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  return clusterOn(`postgres://postgres@127.0.0.1:${port}/postgres`, stop, data);
}
