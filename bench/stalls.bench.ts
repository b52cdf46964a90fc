/**
 * No stalls (issue 15): the longest event-loop delay (`perf_hooks.monitorEventLoopDelay`) while Herald does one big
 * piece of work, in process, through the API — every other request and stream of the process waits that long:
 *   - loading the spreadsheet and mail packages in the background after start (`warmUpHeavyModules`, as `main.ts`
 *     does; the workbook is made in a child process, so exceljs is not loaded here before);
 *   - uploading a 30,000-row member import (the file read, parsed, validated and stored as a batch);
 *   - committing it;
 *   - sending one message to 10,000 members;
 *   - exporting 100,000 audit entries (.xlsx and .csv, read to the end).
 * The target is no delay over 100 ms; the import commit should take well under 5 s. On a loaded machine the delay
 * includes time spent waiting for a core: each line also splits its longest gap, and prints the most CPU the main
 * thread spent between two turns of the loop (Linux), which is Herald's own share.
 *
 *   node --import tsx bench/stalls.bench.ts [importRows=30000] [recipients=10000] [auditRows=100000]
 *
 * `BENCH_ONLY=import` stops after the import.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../server/src/app.js';
import { seedDemo } from '../server/src/seed.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { warmUpHeavyModules } from '../server/src/lib/heavy-modules.js';
import { departmentOfMembers, longestGap } from './support.js';

const IMPORT_ROWS = Number(process.argv[2] ?? 30_000);
const RECIPIENTS = Number(process.argv[3] ?? 10_000);
const AUDIT_ROWS = Number(process.argv[4] ?? 100_000);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAKE_WORKBOOK = `import(process.argv[1]).then(async (m) => process.stdout.write(
  (await m.membersWorkbook(${IMPORT_ROWS}, 'S')).toString('base64')))`;

/** Runs `work` and reports its wall time and the event loop's longest and p99 delay meanwhile. */
async function watch(name: string, work: () => Promise<unknown>) {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  await new Promise((r) => setTimeout(r, 20)); // its timer starts with the next turn of the loop
  const gaps = longestGap();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20)); // a loop blocked to the end is recorded when its timer fires next
  eld.disable();
  const worst = gaps();
  const max = eld.max / 1e6;
  console.log(
    `${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ` +
      `event-loop delay max ${max.toFixed(0).padStart(4)} ms, ` +
      `p99 ${(eld.percentile(99) / 1e6).toFixed(0).padStart(3)} ms   ${max <= 100 ? 'ok  ' : 'OVER'}   ` +
      `longest gap ${worst.gap.toFixed(0)} ms ` +
      `(on a core ${worst.cpu.toFixed(0)}, waiting for one ${worst.queued.toFixed(0)}); ` +
      `most CPU between two turns ${worst.held.toFixed(0)} ms`,
  );
}

const deps = await testDeps();
try {
  const { db } = deps;
  const app = createApp(deps);
  await seedDemo(db);
  const admin = await adminBrowser(app, db);
  console.log(`Node ${process.version}; target: no event-loop delay over 100 ms\n`);

  // Made in a child process: exceljs must not be loaded here before the warm-up (as in a server just started).
  const made = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '-e', MAKE_WORKBOOK, new URL('../server/test-fixtures/generated.ts', import.meta.url).href],
    { maxBuffer: 1 << 28, encoding: 'buffer' },
  );
  const file = Buffer.from(made.stdout.toString(), 'base64');
  await watch('loading exceljs & co. in the background', () => warmUpHeavyModules((err) => console.error(err)));
  let batch = { id: '', rowCount: 0, errorCount: 0 };
  await watch(`import upload, ${IMPORT_ROWS} rows`, async () => {
    const up = await admin.request('/api/v1/imports?kind=members&mode=add&fileName=stall.xlsx', {
      method: 'POST',
      body: new Uint8Array(file),
      headers: { 'content-type': XLSX },
    });
    batch = (await up.json()) as typeof batch;
    if (up.status !== 201 || batch.errorCount) throw new Error(`upload: ${up.status} ${JSON.stringify(batch)}`);
  });
  await watch(`import commit, ${IMPORT_ROWS} rows`, async () => {
    const res = await admin.request(`/api/v1/imports/${batch.id}/commit`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`commit: ${res.status} ${await res.text()}`);
  });

  if (process.env.BENCH_ONLY === 'import') process.exit(0);
  const { deptId } = await departmentOfMembers(db, RECIPIENTS);
  const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '全员通知' }] }] };
  await watch(`send to ${RECIPIENTS} members`, async () => {
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'urgent', subject: '通知', body, audience: [{ kind: 'department', targetId: deptId }] },
    });
    if (res.status !== 201) throw new Error(`send: ${res.status} ${await res.text()}`);
  });

  const T = Date.now();
  await db.$client.execute(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${AUDIT_ROWS - 1})
    insert into audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, before, after, request_id, ip)
    select printf('bench-a%07d', i), ${T} - i * 1000, 'system', null, 'member.update', 'member', printf('m%07d', i),
      '{"name":"王伟"}', '{"name":"王伟 ' || i || '"}', null, '127.0.0.1' from s`);
  for (const format of ['xlsx', 'csv']) {
    await watch(`audit export, ${AUDIT_ROWS} entries, .${format}`, async () => {
      const res = await admin.request(`/api/v1/audit/export?format=${format}`);
      if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
      // Read as a socket takes it, a chunk at a time: `arrayBuffer()` joins the whole file in one turn (for the .csv,
      // ~40–50 ms in `Buffer.concat` alone), the bench's own work that no client of a real server makes Herald do.
      const reader = res.body!.getReader();
      while (!(await reader.read()).done);
    });
  }
} finally {
  deps.cleanup();
}
