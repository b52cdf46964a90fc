import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkpointerOf, checkpointTiming } from './checkpoint.js';
import { openDatabase, type Db } from './client.js';
import { sql } from 'drizzle-orm';
import { until } from '../testing/until.js';
import { sqliteOnly } from '../testing/engine-only.js';

// Issue 15 (no stalls): SQLite never checkpoints inside the app's COMMIT; the checkpointer moves the WAL into the
// database file from its own connection, and empties the WAL file once writes stop.

const PAGE = 4096;
const ROWS = 3000; // ~3,000 pages: three times the 1,000 pages at which SQLite would checkpoint inside a COMMIT
let dir: string;
const timing = { ...checkpointTiming };
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-checkpoint-'));
});
after(() => {
  Object.assign(checkpointTiming, timing);
  rmSync(dir, { recursive: true, force: true });
});

/** A database of its own, with a table of rows about a page each. */
async function open(name: string): Promise<{ db: Db; path: string }> {
  const path = join(dir, name);
  const db = openDatabase(`file:${path}`);
  await db.$client.execute('create table pages (n integer primary key, fill blob not null)');
  return { db, path };
}

const size = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Many writes, several transactions. */
async function writeRows(db: Db): Promise<void> {
  for (let i = 0; i < ROWS; i += 500) {
    await db.$client.execute({
      sql: `with recursive s(i) as (select ? union all select i + 1 from s where i < ?)
        insert into pages (n, fill) select i, randomblob(${PAGE - 200}) from s`,
      args: [i, Math.min(ROWS, i + 500) - 1],
    });
  }
}

test(
  'issue 15: no checkpoint inside a COMMIT (the WAL keeps every page until the checkpointer runs)',
  sqliteOnly("WAL checkpoints are the embedded file's"),
  async () => {
    Object.assign(checkpointTiming, { passiveAfterMs: 60_000, truncateAfterMs: 60_000 });
    const { db, path } = await open('held.db');
    await writeRows(db);
    // With SQLite's own checkpoint at 1,000 pages the WAL would have been reset and reused: it holds them all.
    assert.ok(size(`${path}-wal`) > ROWS * PAGE, `WAL ${size(`${path}-wal`)} bytes`);
    const auto = await db.$client.execute('PRAGMA wal_autocheckpoint');
    assert.equal(Object.values(auto.rows[0]!)[0], 0);
    db.$client.close();
  },
);

test(
  'issue 15: after many writes the checkpointer copies the WAL into the database and then empties it',
  sqliteOnly("WAL checkpoints are the embedded file's"),
  async () => {
    Object.assign(checkpointTiming, { passiveAfterMs: 10, truncateAfterMs: 200 });
    const { db, path } = await open('moved.db');
    const checkpointer = checkpointerOf(db.$client)!;
    await writeRows(db);
    await until(
      () => checkpointer.results.some((r) => r.mode === 'PASSIVE' && r.checkpointed > 0),
      'a passive checkpoint',
    );
    await until(() => checkpointer.results.some((r) => r.mode === 'TRUNCATE' && !r.busy), 'a truncating checkpoint');
    assert.equal(size(`${path}-wal`), 0);
    assert.ok(size(path) > ROWS * PAGE, 'the pages are in the database file');
    const count = await db.$client.execute('select count(*) as n from pages');
    assert.equal(Number(count.rows[0]!.n), ROWS);
    db.$client.close();
  },
);

test(
  'issue 15: under writes that never stop, the WAL is started again from its beginning (not appended to for ever)',
  sqliteOnly("WAL checkpoints are the embedded file's"),
  async () => {
    Object.assign(checkpointTiming, { passiveAfterMs: 20, truncateAfterMs: 60_000 });
    const { db, path } = await open('steady.db');
    const checkpointer = checkpointerOf(db.$client)!;
    // A steady stream of small write transactions (a send is ~40 pages): no quiet moment for a checkpoint to catch up.
    // It goes on until the writer has started the WAL again from its beginning three times — SQLite counts each
    // restart in the WAL header — however slowly the machine runs; appended to for ever, the WAL is never restarted
    // and the test fails once it has written far more than a few checkpoints' worth.
    const restarts = walRestarts(`${path}-wal`);
    const LIMIT = 4000; // transactions: 64 MB, dozens of passive checkpoints' worth
    let written = 0;
    let largest = 0;
    let i = 0;
    for (; restarts() < 3 && i < LIMIT; i++) {
      await db.transaction(async (tx) => {
        for (let j = 0; j < 4; j++)
          await tx.run(sql`insert into pages (n, fill) values (${i * 4 + j}, randomblob(${PAGE - 200}))`);
      });
      written += 4 * PAGE;
      largest = Math.max(largest, size(`${path}-wal`));
    }
    // Appended to for ever, the WAL would hold every page written and its header would never change.
    assert.ok(restarts() >= 3, `WAL restarts after ${i} transactions (largest WAL ${largest} bytes of ${written})`);
    assert.ok(
      checkpointer.results.some((r) => r.mode === 'PASSIVE' && r.checkpointed > 0),
      'checkpoints ran',
    );
    db.$client.close();
  },
);

/**
 * How many times the WAL was started again from its beginning since this was called: the checkpoint sequence number
 * in the WAL header (bytes 12–15, big-endian), which SQLite increments each time a writer restarts the log.
 */
function walRestarts(wal: string): () => number {
  const sequence = (): number | undefined => {
    const header = Buffer.alloc(32);
    let fd: number | undefined;
    try {
      fd = openSync(wal, 'r');
      return readSync(fd, header, 0, 32, 0) === 32 ? header.readUInt32BE(12) : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  let first: number | undefined;
  return () => {
    const now = sequence();
    first ??= now;
    return now === undefined || first === undefined ? 0 : (now - first) >>> 0;
  };
}
