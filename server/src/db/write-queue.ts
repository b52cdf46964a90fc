import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { deadlineFromNow, whenUnlocked } from './busy.js';

/** How long a write waits for the process's turn before it is treated as stuck. */
export const WRITE_WAIT_MS = 15_000;

/** How long statements in a row may hold the event loop before it is given a turn (issue 15: no stalls). */
export const loopBudget = { ms: 20 };
let lastTurn = performance.now();
let marking = false;
const markTurn = () => {
  marking = false;
  lastTurn = performance.now();
};

/**
 * Lets the event loop turn when it has not for `loopBudget.ms`. The embedded client answers every statement with a
 * promise that is already settled, so a transaction of thousands of statements (an import commit, a big send) or a
 * long paged read would otherwise run from start to end without one timer, socket or other request being served —
 * 30,000 imported rows held everyone for seconds. Called before each statement; costs a clock read when the loop is
 * turning. Safe inside a transaction: it keeps the write turn, other writes wait for it asynchronously, reads go on.
 */
export async function pace(): Promise<void> {
  if (!marking) {
    marking = true;
    setImmediate(markTurn);
  }
  if (performance.now() - lastTurn >= loopBudget.ms) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Asked of a write transaction (through any wrapper), answers the pooled connection it runs on while it is open, and
 * undefined once it is committed, rolled back or closed: `db/prepared.ts` runs hot statements on it directly.
 */
export const TX_CONNECTION = Symbol('herald.txConnection');
/** A wrapped write transaction answers its list of what runs once it has committed (`afterCommit` in prepared.ts). */
export const AFTER_COMMIT = Symbol('herald.afterCommit');

/**
 * Asked of a serialised client, answers a function that runs its argument in the process's write turn (no other write
 * of this process begins meanwhile): the checkpointer's last pass (`db/checkpoint.ts`).
 */
export const IN_WRITE_TURN = Symbol('herald.inWriteTurn');
export type InWriteTurn = <T>(run: () => Promise<T>) => Promise<T>;

const READ_ONLY = /^\s*(select|with\s[\s\S]*?\)\s*select)\b/i;
const isRead = (stmt: InStatement | string) => READ_ONLY.test(typeof stmt === 'string' ? stmt : stmt.sql);

/**
 * One turn at a time, FIFO, in this process: resolves with the function that gives the turn back (once). A wait over
 * `WRITE_WAIT_MS` fails (a write nested inside a transaction would otherwise wait for ever). The embedded engine's
 * writes take it (`serializeWrites`), and so do PostgreSQL's transactions (`db/pg/open.ts`), so that a process's
 * waiting writers hold no pooled connection.
 */
export function writeTurn(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  /** Turns asked for and not yet given back: the holder's and those waiting. */
  let taken = 0;

  return async (): Promise<() => void> => {
    let resolveMine!: () => void;
    const mine = new Promise<void>((resolve) => {
      resolveMine = resolve;
    });
    let given = false;
    const release = () => {
      if (!given) {
        given = true;
        taken--;
        resolveMine();
      }
    };
    const previous = tail;
    tail = previous.then(() => mine);
    // Nobody holds or waits for the turn (the usual case): it is this one's now, without a timer (issue 15).
    if (taken++ === 0) return release;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `database write waited over ${WRITE_WAIT_MS} ms for its turn (a write nested inside a ` +
                `transaction on the root handle?)`,
            ),
          ),
        WRITE_WAIT_MS,
      );
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (err) {
      previous.then(release, release); // keep the queue moving once the holder finishes
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return release;
  };
}

/**
 * One writer at a time per process, for the embedded (`file:`) database.
 *
 * That client runs SQLite synchronously. While one of its connections holds the write lock (a transaction that
 * awaits between statements), a second `BEGIN IMMEDIATE` or a plain INSERT from the same process does not wait
 * politely: SQLite's busy handler sleeps inside the call, blocking the whole event loop for up to
 * `busy_timeout`, so the holder cannot finish, and then it fails with SQLITE_BUSY. Queueing writes here turns
 * that into an ordinary asynchronous wait. Reads (WAL) need no turn. Other processes on the same file hold SQLite's
 * own lock: a transaction, statement or batch that meets it is tried again asynchronously (`busy.ts`) from the start,
 * before anything of it ran, until its deadline (counted from when it was asked for, the turn's wait included).
 * `begunOn` answers the connection the latest write transaction began on (`ConfiguredPool`): write transactions
 * begin one at a time, in their turn, so right after one begins it is that one's (`TX_CONNECTION`).
 */
export function serializeWrites(client: Client, begunOn?: () => unknown): Client {
  const turn = writeTurn();

  /** Runs a write in the process's turn, tried again while another process holds the lock (until its deadline). */
  const withTurn = async <T>(run: () => Promise<T>, deadline = deadlineFromNow()): Promise<T> => {
    const release = await turn();
    try {
      return await whenUnlocked(run, deadline);
    } finally {
      release();
    }
  };

  const wrapTransaction = (tx: Transaction, release: () => void, connection: unknown): Transaction => {
    let released = false;
    const done = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    const onCommit: Array<() => void> = [];
    return new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === TX_CONNECTION) return released ? undefined : connection;
        if (prop === AFTER_COMMIT) return onCommit;
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'execute' || prop === 'batch') {
          return async (...args: unknown[]) => {
            await pace();
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        }
        if (prop === 'commit' || prop === 'rollback') {
          return async () => {
            try {
              await (value as () => Promise<void>).call(target);
            } finally {
              done();
            }
            // Only what was committed: a failed commit threw above, and a rollback forgets the list. What runs here
            // only notes what was done (a kept page's patch, listing-cache.ts): it must not fail the commit.
            for (const run of onCommit.splice(0)) {
              try {
                if (prop === 'commit') run();
              } catch {
                /* a note not taken: the next read is afresh */
              }
            }
          };
        }
        if (prop === 'close')
          return () => {
            try {
              (value as () => void).call(target);
            } finally {
              done();
            }
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  const inWriteTurn: InWriteTurn = async (run) => {
    const release = await turn();
    try {
      return await run();
    } finally {
      release();
    }
  };

  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === IN_WRITE_TURN) return inWriteTurn;
      const value = Reflect.get(target, prop, receiver);
      switch (prop) {
        case 'execute':
          return async (stmt: InStatement | string, args?: never) => {
            await pace();
            // One statement outside a transaction is all or nothing: after SQLITE_BUSY it is safe to run again.
            return isRead(stmt)
              ? whenUnlocked(() => target.execute(stmt as never, args), deadlineFromNow())
              : withTurn(() => target.execute(stmt as never, args));
          };
        case 'batch':
        case 'migrate': // each one transaction, rolled back whole on failure: safe to run again
          return (...args: unknown[]) =>
            withTurn(async () => {
              await pace();
              return (value as (...a: unknown[]) => Promise<ResultSet[]>).apply(target, args);
            });
        case 'executeMultiple': // several statements that may each commit: never run again
          return (...args: unknown[]) =>
            withTurn(async () => {
              await pace();
              return (value as (...a: unknown[]) => Promise<ResultSet[]>).apply(target, args);
            }, 0); // a deadline already past: one attempt
        case 'transaction':
          return async (mode: TransactionMode = 'write') => {
            if (mode === 'read') return target.transaction('read');
            const deadline = deadlineFromNow();
            const release = await turn();
            try {
              // BEGIN IMMEDIATE is where another process's lock is met; nothing of the transaction has run yet.
              const tx = await whenUnlocked(() => target.transaction(mode), deadline);
              return wrapTransaction(tx, release, mode === 'write' ? begunOn?.() : undefined);
            } catch (err) {
              release();
              throw err;
            }
          };
        default:
          return typeof value === 'function' ? value.bind(target) : value;
      }
    },
  });
}
