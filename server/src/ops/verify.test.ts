// `pnpm herald verify` names planner statistics someone took with ANALYZE (README "No ANALYZE on the embedded
// database"): they are no fault of the data, but they can turn a look-up by key into a scan of the whole table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDeps } from '../testing/deps.js';
import { sqliteOnly } from '../testing/engine-only.js';
import { databaseFile } from './data-folder.js';
import { verifyDataFolder } from './verify.js';

test(
  'verify names planner statistics an ANALYZE left, and still finds the data sound',
  sqliteOnly(
    'verify reads \
the embedded database file',
  ),
  async () => {
    const deps = await testDeps();
    try {
      const file = databaseFile(deps.config)!;
      const noted = (r: Awaited<ReturnType<typeof verifyDataFolder>>) =>
        r.findings.filter((f) => f.what.includes('sqlite_stat1'));
      const before = await verifyDataFolder(file, deps.blobs);
      assert.ok(before.ok);
      assert.deepEqual(noted(before), [], 'Herald writes none');
      await deps.db.$client.execute('analyze');
      const after = await verifyDataFolder(file, deps.blobs);
      assert.ok(after.ok, 'statistics are not damage');
      assert.equal(noted(after).length, 1);
      assert.match(noted(after)[0]!.what, /No ANALYZE on the embedded database/);
    } finally {
      await deps.cleanup();
    }
  },
);
