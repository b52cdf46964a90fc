/**
 * R3 benchmark: upload + validation of a 10,000-row member .xlsx through the real API (parse with exceljs's
 * streaming reader, zip checks, per-row validation against the database, rows stored), against a baseline
 * measured in the same run: exceljs's streaming reader alone going through the same file.
 *
 *   node --import tsx bench/import-members.bench.ts [rows=10000] [runs=5]
 */
import { createApp } from '../server/src/app.js';
import { seedDemo } from '../server/src/seed.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { membersWorkbook, streamReadRows } from '../server/test-fixtures/generated.js';

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc;

/** Wall time and the highest RSS seen above the starting RSS, sampled every 5 ms. */
async function measure(fn: () => Promise<unknown>): Promise<{ ms: number; peakRssDelta: number }> {
  gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakRssDelta: peak - base };
}

const deps = await testDeps();
try {
  const app = createApp(deps);
  await seedDemo(deps.db);
  const admin = await adminBrowser(app, deps.db);
  const file = await membersWorkbook(ROWS);
  console.log(
    `file: ${ROWS.toLocaleString('en')} rows, ${(file.length / 1024).toFixed(0)} KB; ${RUNS} runs ` +
      `each${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`,
  );

  const baseline: Array<{ ms: number; peakRssDelta: number }> = [];
  const herald: Array<{ ms: number; peakRssDelta: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    baseline.push(
      await measure(async () => {
        const n = await streamReadRows(file);
        if (n !== ROWS) throw new Error(`baseline read ${n} rows`);
      }),
    );
    herald.push(
      await measure(async () => {
        const res = await admin.request('/api/v1/imports?kind=members&mode=add&fileName=bench.xlsx', {
          method: 'POST',
          body: new Uint8Array(file),
          headers: { 'content-type': XLSX },
        });
        const batch = (await res.json()) as { rowCount: number; errorCount: number };
        if (res.status !== 201 || batch.rowCount !== ROWS || batch.errorCount !== 0)
          throw new Error(`upload: ${res.status} ${JSON.stringify(batch)}`);
      }),
    );
  }
  const row = (name: string, xs: Array<{ ms: number; peakRssDelta: number }>) => {
    const ms = median(xs.map((x) => x.ms));
    const mb = Math.max(...xs.map((x) => x.peakRssDelta)) / 1024 / 1024;
    console.log(
      `${name.padEnd(44)} median ${ms.toFixed(0).padStart(6)} ms  ${Math.round(ROWS / (ms / 1000))
        .toLocaleString('en')
        .padStart(8)} rows/s  peak RSS +${mb.toFixed(0)} MB`,
    );
    return ms;
  };
  const b = row('baseline: exceljs streaming read only', baseline);
  const h = row('herald: POST /imports (parse+validate+store)', herald);
  console.log(
    `ratio herald / baseline: ${(h / b).toFixed(2)}×  (target: validation answers in < 5 s → ` +
      `${h < 5000 ? 'met' : 'NOT met'})`,
  );
} finally {
  deps.cleanup();
}
