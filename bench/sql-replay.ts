/**
 * The raw-SQL anchor (issue 15): what the statements of one request cost on their own. `recordStatements()` keeps
 * every statement the server's pooled connections run while `during()` runs (its SQL, how it was run, its
 * arguments, the connection); `replayer()` then runs that list again, prepared once, one native call per statement:
 * no Hono, no validation, no drizzle, no client. What a request costs above its replay is Herald's own JavaScript
 * around the same SQL.
 *
 * A write is replayed with fresh ids: every UUIDv7 in the arguments (JSON text included) made while the request ran
 * is replaced, per replay, by a new one from the server's own generator, so each replay inserts new rows in the
 * same places of the b-trees, as a new send would. Ids made before (the sender, the recipient) stay.
 */
import { onPrepare } from '../server/src/testing/bench.js';
import { newId } from '../server/src/lib/ids.js';

type Method = 'run' | 'all' | 'get' | 'iterate';
type Call = { sql: string; method: Method; args: unknown[]; conn: Connection };
type Statement = Record<Method, (...args: unknown[]) => unknown> & { reader: boolean; raw(on: boolean): Statement };
type Connection = { prepare(sql: string): Statement };

const METHODS: Method[] = ['run', 'all', 'get', 'iterate'];
const UUID7 = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

/**
 * Starts watching the pool's connections (call before the app opens any); answers `record`. Statements are wrapped
 * only while `record` runs, and given back as they were after: the requests measured between recordings run on
 * statements as unwrapped as the replay's.
 */
export function recordStatements() {
  let calls: Call[] | undefined;
  let depth = 0;
  /** The statements wrapped during this recording, with their own methods before (none: the prototype's). */
  const wrapped = new Map<Statement, Array<[Method, PropertyDescriptor | undefined]>>();
  onPrepare<Statement>((conn, sql, stmt) => {
    if (!calls || wrapped.has(stmt)) return;
    wrapped.set(
      stmt,
      METHODS.map((m) => [m, Object.getOwnPropertyDescriptor(stmt, m)]),
    );
    for (const method of METHODS) {
      const original = stmt[method].bind(stmt);
      // The outermost call only: libsql's `all` runs `iterate`.
      stmt[method] = (...a: unknown[]) => {
        if (depth === 0 && calls) {
          // Herald binds positional arguments only; anything else would be replayed wrongly.
          if (a[0] !== undefined && !Array.isArray(a[0])) throw new Error(`not positional arguments: ${sql}`);
          calls.push({ sql, method, args: [...((a[0] as unknown[] | undefined) ?? [])], conn: conn as Connection });
        }
        depth++;
        try {
          return original(...a);
        } finally {
          depth--;
        }
      };
    }
  });
  /** The statements run while `during` ran. */
  return async (during: () => Promise<unknown>): Promise<Call[]> => {
    calls = [];
    try {
      await during();
      return calls;
    } finally {
      calls = undefined;
      for (const [stmt, own] of wrapped)
        for (const [m, descriptor] of own)
          if (descriptor) Object.defineProperty(stmt, m, descriptor);
          else delete (stmt as Partial<Statement>)[m];
      wrapped.clear();
    }
  };
}

/** A UUIDv7's time (ms), from its first 48 bits. */
const uuidTime = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

/**
 * Replays `calls` on the connection that ran the recorded write transaction (the pool's own, so the page cache it
 * shares with Herald's writes is the same as theirs; a connection of its own would re-read every page after each of
 * Herald's commits, and make Herald's re-read after each replay), synchronously: nothing of Herald runs in between.
 * It takes no write turn (db/write-queue.ts): safe only because a replay never awaits and no transaction of Herald's
 * is open while it runs — the bench runs Herald's requests one at a time, and over HTTP each route alone.
 * Ids of UUIDv7 time ≥ `since` (made by the recorded request) are new in each replay.
 */
export function replayer(calls: Call[], since: number) {
  const conn = (calls.find((c) => /^\s*begin/i.test(c.sql)) ?? calls[0])?.conn;
  if (!conn) throw new Error('no statement was recorded');
  const fresh = new Set<string>();
  for (const { args } of calls)
    for (const a of args)
      if (typeof a === 'string') for (const [id] of a.matchAll(UUID7)) if (uuidTime(id) >= since) fresh.add(id);
  const statements = calls.map(({ sql, method, args }) => ({ stmt: conn.prepare(sql), method, args }));
  const swap = (value: unknown, ids: Map<string, string>) =>
    typeof value === 'string' && fresh.size > 0 ? value.replace(UUID7, (id) => ids.get(id) ?? id) : value;
  return {
    statements: calls.length,
    /** One replay; with `times`, each statement's µs is pushed to `times[i]` (BENCH_DUMP). */
    replay(times?: number[][]) {
      const ids = new Map([...fresh].map((id) => [id, newId()]));
      for (const [i, { stmt, method, args }] of statements.entries()) {
        const t0 = times && performance.now();
        const values = args.map((a) => swap(a, ids));
        // Reads answer arrays, the cheapest form (Herald's hot reads do too); the statement is Herald's cached one,
        // whose flags every user sets before each use.
        if (stmt.reader) stmt.raw(true);
        if (method === 'iterate') for (const _row of stmt.iterate(values) as Iterable<unknown>);
        else stmt[method](values);
        if (times) (times[i] ??= []).push((performance.now() - t0!) * 1000);
      }
    },
  };
}
