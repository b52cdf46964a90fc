// README "No ANALYZE on the embedded database": statistics an ANALYZE took are no fault of the data, but they can turn
// a look-up by key into a scan of the whole table. `pnpm herald verify` names them; Herald drops them when it starts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { EPOCH_AND_SESSION_SQL } from '../modules/auth/session-read.js';
import { testDeps } from '../testing/deps.js';
import { sqliteOnly } from '../testing/engine-only.js';
import { databaseFile } from './data-folder.js';
import { dropPlannerStatistics } from './planner-statistics.js';
import { SqliteFile } from './sqlite-file.js';
import { verifyDataFolder } from './verify.js';

const FILE_ONLY = "planner statistics are SQLite's (PostgreSQL keeps its own, up to date)";

test(
  'verify names the statistics an ANALYZE left; dropping them at start brings back the look-up by key',
  sqliteOnly(FILE_ONLY),
  async () => {
    const deps = await testDeps();
    try {
      await adminBrowser(createApp(deps), deps.db); // a session, so that ANALYZE counts the sessions table
      const file = databaseFile(deps.config)!;
      const noted = async () =>
        (await verifyDataFolder(file, deps.blobs)).findings.filter((f) => f.what.includes('sqlite_stat1'));
      /** How a connection opened now finds a session not yet kept (Herald drops statistics before it opens its own). */
      const plan = async () => {
        const conn = await SqliteFile.open(file);
        try {
          const rows = await conn.all<{ detail: string }>(`explain query plan ${EPOCH_AND_SESSION_SQL}`, 'x', 0);
          return rows.map((r) => r.detail).find((d) => / s\b/.test(d));
        } finally {
          conn.close();
        }
      };
      assert.deepEqual(await noted(), [], 'Herald writes none');
      assert.match((await plan())!, /SEARCH s USING INDEX/);
      assert.deepEqual(await dropPlannerStatistics(file), [], 'nothing to drop');

      await deps.db.$client.execute('analyze');
      assert.match((await plan())!, /SCAN s/, 'one session counted: the planner reads them all');
      const found = await noted();
      assert.equal(found.length, 1);
      assert.match(found[0]!.what, /Herald drops them when it starts/);
      assert.ok((await verifyDataFolder(file, deps.blobs)).ok, 'statistics are no damage');

      assert.deepEqual(await dropPlannerStatistics(file), ['sqlite_stat1']);
      assert.match((await plan())!, /SEARCH s USING INDEX/, 'planned without them again');
      assert.deepEqual(await noted(), []);
      // Emptied rather than dropped (by hand): nothing left to steer the planner, and nothing to note.
      await deps.db.$client.execute('analyze');
      const conn = await SqliteFile.open(file);
      await conn.exec('delete from sqlite_stat1').finally(() => conn.close());
      assert.deepEqual(await noted(), []);
      assert.match((await plan())!, /SEARCH s USING INDEX/);
    } finally {
      await deps.cleanup();
    }
  },
);
