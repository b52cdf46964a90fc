// Issue 17 item 2: every SQLite and OS storage code maps to its problem in one place.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LibsqlError } from '@libsql/client';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { createApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import { LiveHub } from '../modules/live/hub.js';
import { garblePagesOf } from '../testing/damage.js';
import { captureLog } from '../testing/log-capture.js';
import { testDeps, TEST_ADMIN_PASSWORD } from '../testing/deps.js';
import { Browser, body } from '../testing/http.js';
import { BUSY_RETRY_AFTER_S, storageFault, storageProblem, STORAGE_RETRY_AFTER_S } from './storage-faults.js';
import { sqliteOnly } from '../testing/engine-only.js';

/** An error shaped as libsql's native one (`code` extended, `rawCode` numeric), as @libsql/client wraps it. */
const sqlite = (extended: string, rawCode: number) => {
  const base = extended.split('_').slice(0, 2).join('_');
  return new LibsqlError(
    `${extended} from SQLite`,
    base,
    extended,
    rawCode,
    Object.assign(new Error('native'), { code: extended, rawCode }),
  );
};
const os = (code: string) => Object.assign(new Error(`${code}: from the OS`), { code, errno: -1, syscall: 'write' });

describe('issue 17: storage faults', () => {
  const cases: Array<[string, Error, 'full' | 'io' | 'corrupt' | 'busy', string]> = [
    ['SQLITE_FULL', sqlite('SQLITE_FULL', 13), 'full', 'SQLITE_FULL'],
    ['SQLITE_IOERR', sqlite('SQLITE_IOERR', 10), 'io', 'SQLITE_IOERR'],
    ['SQLITE_IOERR_WRITE', sqlite('SQLITE_IOERR_WRITE', 778), 'io', 'SQLITE_IOERR_WRITE'],
    ['SQLITE_IOERR_SHORT_READ', sqlite('SQLITE_IOERR_SHORT_READ', 522), 'io', 'SQLITE_IOERR_SHORT_READ'],
    ['SQLITE_IOERR_FSYNC', sqlite('SQLITE_IOERR_FSYNC', 1034), 'io', 'SQLITE_IOERR_FSYNC'],
    ['SQLITE_READONLY_DBMOVED', sqlite('SQLITE_READONLY_DBMOVED', 1032), 'io', 'SQLITE_READONLY_DBMOVED'],
    ['SQLITE_CANTOPEN', sqlite('SQLITE_CANTOPEN', 14), 'io', 'SQLITE_CANTOPEN'],
    ['SQLITE_CORRUPT', sqlite('SQLITE_CORRUPT', 11), 'corrupt', 'SQLITE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', sqlite('SQLITE_CORRUPT_INDEX', 779), 'corrupt', 'SQLITE_CORRUPT_INDEX'],
    ['SQLITE_NOTADB', sqlite('SQLITE_NOTADB', 26), 'corrupt', 'SQLITE_NOTADB'],
    ['ENOSPC', os('ENOSPC'), 'full', 'ENOSPC'],
    ['EDQUOT', os('EDQUOT'), 'full', 'EDQUOT'],
    ['EFBIG (ulimit -f)', os('EFBIG'), 'full', 'EFBIG'],
    ['EIO', os('EIO'), 'io', 'EIO'],
    ['EROFS', os('EROFS'), 'io', 'EROFS'],
    // Item 4: not the storage's fault, but answered in the same place (503 busy, see db/busy.test.ts).
    ['SQLITE_BUSY', sqlite('SQLITE_BUSY', 5), 'busy', 'SQLITE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', sqlite('SQLITE_BUSY_SNAPSHOT', 517), 'busy', 'SQLITE_BUSY_SNAPSHOT'],
  ];
  for (const [name, err, fault, code] of cases) {
    test(`${name} → ${fault}`, () => {
      assert.deepEqual(storageFault(err), { fault, code });
      // drizzle wraps the driver's error in its own; the cause is followed.
      assert.equal(storageFault(new DrizzleQueryError('insert into x', [], err))?.fault, fault);
    });
  }

  test('what is not a storage fault stays an ordinary error (then 500 internal)', () => {
    for (const err of [
      sqlite('SQLITE_CONSTRAINT_UNIQUE', 2067),
      sqlite('SQLITE_ERROR', 1),
      os('ECONNRESET'),
      os('ENOENT'),
      new Error('plain'),
      null,
      'text',
    ]) {
      assert.equal(storageFault(err), null, String((err as Error)?.message ?? err));
    }
  });

  test(
    'each fault answers its problem: 507 storage-full, 503 storage-unavailable with Retry-After, ' +
      '503 storage-corrupt, 503 busy',
    () => {
      const { logger } = captureLog();
      const deps = { config: { databaseUrl: 'file:/srv/herald/herald.db', dataDir: '/srv/herald' } as never, logger };
      const full = storageProblem(os('ENOSPC'), deps)!;
      assert.deepEqual([full.code, full.status, full.extras.retryAfter], ['storage-full', 507, undefined]);
      const io = storageProblem(sqlite('SQLITE_IOERR_WRITE', 778), deps)!;
      assert.deepEqual([io.code, io.status, io.extras.retryAfter], ['storage-unavailable', 503, STORAGE_RETRY_AFTER_S]);
      const corrupt = storageProblem(sqlite('SQLITE_CORRUPT', 11), deps)!;
      assert.deepEqual([corrupt.code, corrupt.status], ['storage-corrupt', 503]);
      const busy = storageProblem(sqlite('SQLITE_BUSY', 5), deps)!;
      assert.deepEqual([busy.code, busy.status, busy.extras.retryAfter], ['busy', 503, BUSY_RETRY_AFTER_S]);
      assert.equal(storageProblem(os('ECONNRESET'), deps), null);
    },
  );

  test('the operator reads one line per kind of fault, naming the file and what to run', () => {
    const { lines, logger } = captureLog();
    const deps = { config: { databaseUrl: 'file:/srv/herald/herald.db', dataDir: '/srv/herald' } as never, logger };
    for (let i = 0; i < 5; i++) storageProblem(sqlite('SQLITE_CORRUPT', 11), deps);
    storageProblem(Object.assign(os('ENOSPC'), { path: '/srv/herald/blobs/ab/x' }), deps);
    assert.equal(lines.length, 2, JSON.stringify(lines));
    assert.equal(lines[0]!.level, 50);
    assert.match(
      String(lines[0]!.msg),
      /^database damaged \(SQLITE_CORRUPT\): \/srv\/herald\/herald\.db\. .*pnpm herald verify.*pnpm herald restore/,
    );
    assert.match(String(lines[1]!.msg), /^storage full \(ENOSPC\) at \/srv\/herald\/blobs\/ab\/x: free space/);
    assert.equal(lines[0]!.stack, undefined, 'no stack trace');
  });
});

describe(
  'issue 17: a database found damaged while Herald runs',
  sqliteOnly('garbles pages of the embedded database file'),
  () => {
    let cleanup = () => {};
    after(() => cleanup());

    test('answers 503 storage-corrupt (not 500) and logs one line naming the file', async () => {
      const deps = await testDeps();
      const file = join(deps.dir, 'herald.db');
      deps.live.close();
      deps.db.$client.close(); // the last connection checkpoints: every page is in the file
      await garblePagesOf(file, 'members');
      const db = openDatabase(deps.config.databaseUrl);
      const live = new LiveHub(db, deps.config.livePollMs);
      const { lines, logger } = captureLog();
      cleanup = () => {
        live.close();
        db.$client.close();
        deps.cleanup();
      };
      const app = createApp({ ...deps, db, live, logger });

      const signIn = await new Browser(app).signIn('admin', TEST_ADMIN_PASSWORD);
      assert.equal(signIn.status, 503);
      assert.equal(signIn.headers.get('content-type'), 'application/problem+json');
      assert.equal((await body(signIn)).code, 'storage-corrupt');
      await new Browser(app).signIn('admin', TEST_ADMIN_PASSWORD);
      const errors = lines.filter((l) => (l.level as number) >= 50);
      assert.equal(errors.length, 1, JSON.stringify(lines));
      assert.ok(
        String(errors[0]!.msg).includes(file) || String(errors[0]!.msg).includes('herald.db'),
        String(errors[0]!.msg),
      );
      assert.match(String(errors[0]!.msg), /pnpm herald verify/);
    });
  },
);
