import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  calmTurn,
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
  await warmUpHeavyModules((err) => errors.push(err));
  assert.deepEqual(errors, []);
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
  // What a piece waits for (`calmTurn`): the loop busy during its pause (a burst of connects after the quiet second
  // the package waited for) means waiting for quiet again, so the piece is not loaded before the burst is over.
  const busyUntil = performance.now() + 400;
  keepBusy(() => performance.now() < busyUntil);
  await calmTurn({ quiet: { windowMs: 50, quietMs: 100, busyShare: 0.5, maxWaitMs: 60_000 } });
  assert.ok(performance.now() >= busyUntil, 'not while the loop was busy');
});

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
