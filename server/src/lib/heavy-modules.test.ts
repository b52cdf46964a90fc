import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  whenStillQuiet,
  exceljs,
  missingLazyPackages,
  warmUpHeavyModules,
  whenQuiet,
  yauzl,
  zxcvbnDictionaries,
} from './heavy-modules.js';

test('issue 15: the background warm-up loads the heavy packages, reporting no error, and they work after \
it', async () => {
  const errors: unknown[] = [];
  let waits = 0; // the hook each piece waits for (main.ts: `whenStillQuiet`)
  const beforePiece = () => new Promise<void>((resolve) => setImmediate(() => resolve(void waits++)));
  await warmUpHeavyModules((err) => errors.push(err), undefined, undefined, beforePiece);
  assert.deepEqual(errors, []);
  // Four packages, each with its own files after its dependencies: exceljs alone has ~180 pieces.
  assert.ok(waits > 100, `every piece waits for the hook, the dependencies' and each package's own (${waits})`);
  // The package loaded piece by piece is the whole package: a workbook round-trips through it.
  const { Workbook } = exceljs();
  const book = new Workbook();
  book.addWorksheet('s').addRow(['工号', 'E1001']);
  const again = new Workbook();
  await again.xlsx.load(await book.xlsx.writeBuffer());
  const row = again.getWorksheet('s')!.getRow(1);
  assert.deepEqual([row.getCell(1).value, row.getCell(2).value], ['工号', 'E1001']);
});

test('issue 15: a warm-up child that outlives its timeout is killed and reported, and the packages still \
load', async () => {
  const errors: Array<{ killed?: boolean; signal?: string }> = [];
  // 1 ms: no child can start Node and require a package in that time, so every child meets the timeout.
  await warmUpHeavyModules((err) => errors.push(err as { killed?: boolean; signal?: string }), 1);
  assert.deepEqual(
    errors.map((e) => [e.killed, e.signal]),
    Array.from({ length: 4 }, () => [true, 'SIGKILL']),
  );
  assert.equal(typeof exceljs().Workbook, 'function', 'left to its first use');
});

/** Keeps the event loop busy (5 ms of work in every turn) while `still()` says so, as a burst of requests does. */
function keepBusy(still: () => boolean) {
  const spin = () => {
    const end = performance.now() + 5;
    while (performance.now() < end) {
      /* busy */
    }
    if (still()) setImmediate(spin);
  };
  spin();
}

test('issue 15: the warm-up waits for a quiet event loop (not during a reconnect storm)', async () => {
  // The loop kept busy (work in every turn) for 400 ms, then left alone.
  const busyUntil = performance.now() + 400;
  keepBusy(() => performance.now() < busyUntil);
  await whenQuiet({ windowMs: 50, quietMs: 100, busyShare: 0.5, maxWaitMs: 60_000 });
  assert.ok(performance.now() >= busyUntil, 'not while the loop was busy');
});

test('issue 15: a burst that begins in the middle of a package pauses the warm-up before its next piece', async () => {
  // What a piece waits for (`whenStillQuiet`): the loop busy during its pause (a burst of connects after the quiet
  // second the package waited for) means waiting for quiet again, so the piece is not loaded before the burst is over.
  const busyUntil = performance.now() + 400;
  keepBusy(() => performance.now() < busyUntil);
  await whenStillQuiet({ quiet: { windowMs: 50, quietMs: 100, busyShare: 0.5, maxWaitMs: 60_000 } });
  assert.ok(performance.now() >= busyUntil, 'not while the loop was busy');
});

test(
  'issue 15: on an idle loop a piece waits only its pause, not for a quiet second',
  { timeout: 20_000 },
  async () => {
    // A quiet second of ten minutes: waiting for one would outlast the test. A longer pause than main.ts's 10 ms and a
    // higher share, so that a few milliseconds of the runner's own asynchronous work (its reporter, a collection) on a
    // slow machine do not count as a burst; an implementation that always waits still fails.
    await whenStillQuiet({ pauseMs: 200, busyShare: 0.5, quiet: { quietMs: 600_000, maxWaitMs: 600_000 } });
  },
);

for (const [when, patience] of [
  ['has run out', -1],
  ['runs out during the wait', 300],
] as const) {
  test(
    `issue 15: a busy loop no longer holds the pieces back once the warm-up's patience ${when}`,
    { timeout: 20_000 },
    async () => {
      let spinning = true;
      keepBusy(() => spinning);
      // The quiet second asked for would outlast the test: only the patience lets the piece go.
      await whenStillQuiet({
        patientUntil: performance.now() + patience,
        quiet: { quietMs: 600_000, maxWaitMs: 600_000 },
      });
      spinning = false; // it answered while the loop was still busy
    },
  );
}

test('issue 15: a loop that never quietens still gets the warm-up after the longest wait', async () => {
  let spinning = true;
  keepBusy(() => spinning);
  const began = performance.now();
  await whenQuiet({ windowMs: 20, busyShare: 0.5, maxWaitMs: 200 });
  spinning = false;
  assert.ok(performance.now() - began >= 200);
});

test('issue 15: the lazily loaded packages are all found at start, a missing one is named, and they load', () => {
  // What main.ts checks before it starts: a broken install stops the start, not a later import or password change.
  assert.deepEqual(missingLazyPackages(), []);
  assert.deepEqual(missingLazyPackages(['yauzl', 'herald-no-such-package']), ['herald-no-such-package']);
  assert.equal(typeof yauzl().fromBufferPromise, 'function');
  assert.ok(zxcvbnDictionaries().dictionary['passwords-common'].length > 40_000);
});
