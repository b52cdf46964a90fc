/**
 * The expiry purge without stalls (issue 19 item 8, issue 15's "no stalls"): purges `messages` expired messages, each
 * sent to a department of `recipients` members (a quarter with a file), and prints the run's wall time and the event
 * loop's longest delay meanwhile — in batches of 10 messages a transaction (as shipped: `purgeBatch`) beside the
 * anchor, the same work in one transaction. Each is run `rounds` times on a fresh database; medians and the ratio are
 * printed.
 * The target is no delay over 100 ms. On a loaded machine the delay includes waiting for a core: "most CPU between two
 * turns" (Linux) is Herald's own share, as in bench/stalls.bench.ts. Meanwhile a small write every 10 ms (another
 * request) reports its longest wait for the process's write turn: what the batches are for.
 *
 *   node --import tsx bench/purge.bench.ts [messages=200] [recipients=500] [rounds=3]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../server/src/app.js';
import { runPurge, purgeBatch } from '../server/src/modules/retention/purge.js';
import { seedDemo } from '../server/src/seed.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { departmentOfMembers, longestGap } from './support.js';

const MESSAGES = Number(process.argv[2] ?? 200);
const RECIPIENTS = Number(process.argv[3] ?? 500);
const ROUNDS = Number(process.argv[4] ?? 3);
const TEXT = '本季度预算与安排 quarterly figures and plans. '.repeat(50);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A fresh database with `MESSAGES` expired messages; answers the purge to run on it. */
async function seeded() {
  const deps = await testDeps();
  const app = createApp(deps);
  await seedDemo(deps.db);
  const admin = await adminBrowser(app, deps.db);
  const { deptId } = await departmentOfMembers(deps.db, RECIPIENTS);
  let expiresAt = 0;
  for (let i = 0; i < MESSAGES; i++) {
    const files: string[] = [];
    if (i % 4 === 0) {
      const up = await admin.request(`/api/v1/attachments?name=f${i}.pdf`, {
        method: 'POST',
        body: PDF,
        headers: { 'content-type': 'application/octet-stream' },
      });
      files.push(((await up.json()) as { id: string }).id);
    }
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: `预算 ${i}`,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] },
        audience: [{ kind: 'department', targetId: deptId }],
        expiresInMinutes: 1,
        attachmentIds: files,
      },
    });
    if (res.status !== 201) throw new Error(`send: ${res.status} ${await res.text()}`);
    expiresAt = Math.max(expiresAt, ((await res.json()) as { expiresAt: number }).expiresAt);
  }
  const put = await admin.request('/api/v1/settings/retention', { method: 'PUT', json: { expiredGraceDays: 0 } });
  if (put.status !== 200) throw new Error(`policy: ${put.status}`);
  return { deps, at: expiresAt + 1 };
}

async function measure(batch: number) {
  const { deps, at } = await seeded();
  try {
    purgeBatch.messages = batch;
    const eld = monitorEventLoopDelay({ resolution: 5 });
    eld.enable();
    await new Promise((r) => setTimeout(r, 20));
    const gaps = longestGap();
    const t0 = performance.now();
    // Another request's small write, every 10 ms while the purge runs: how long it waits for the write turn.
    let done = false;
    let waited = 0;
    const probe = (async () => {
      while (!done) {
        const w0 = performance.now();
        await deps.db.$client.execute('update listing_epoch set names = names where id = 1');
        waited = Math.max(waited, performance.now() - w0);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const run = await runPurge(deps.db, deps.blobs, at);
    const ms = performance.now() - t0;
    done = true;
    await probe;
    await new Promise((r) => setTimeout(r, 20));
    eld.disable();
    const worst = gaps();
    if (run.expiredMessages !== MESSAGES || run.error) throw new Error(`purged ${run.expiredMessages}: ${run.error}`);
    return {
      ms,
      max: eld.max / 1e6,
      held: worst.held,
      waited,
      files: run.files,
      bytes: run.fileBytes + run.contentBytes,
    };
  } finally {
    purgeBatch.messages = 10;
    deps.cleanup();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`Node ${process.version}; ${MESSAGES} expired messages × ${RECIPIENTS} recipients, ${ROUNDS} rounds`);
const results: Record<string, Array<Awaited<ReturnType<typeof measure>>>> = { anchor: [], batched: [] };
for (let r = 0; r < ROUNDS; r++) {
  results.anchor!.push(await measure(MESSAGES)); // the anchor: everything in one transaction
  results.batched!.push(await measure(10));
}
for (const [name, rs] of Object.entries(results)) {
  const max = median(rs.map((x) => x.max));
  console.log(
    `${(name === 'anchor' ? 'one transaction (anchor)' : 'batches of 10 (shipped)').padEnd(26)} ` +
      `wall ${median(rs.map((x) => x.ms))
        .toFixed(0)
        .padStart(6)} ms   event-loop delay max ${max.toFixed(0).padStart(4)} ms ` +
      `${max <= 100 ? 'ok  ' : 'OVER'}   another write waited ${median(rs.map((x) => x.waited)).toFixed(0)} ms   ` +
      `most CPU between two turns ${median(rs.map((x) => x.held)).toFixed(0)} ms   ` +
      `files ${rs[0]!.files}, ${(rs[0]!.bytes / 1024).toFixed(0)} KiB freed`,
  );
}
const ratio = (k: 'ms' | 'max' | 'held' | 'waited') =>
  median(results.batched!.map((x) => x[k])) / median(results.anchor!.map((x) => x[k]));
console.log(
  `batched / anchor: wall ${ratio('ms').toFixed(2)}×, longest delay ${ratio('max').toFixed(2)}×, ` +
    `most CPU between two turns ${ratio('held').toFixed(2)}×, another write's wait ${ratio('waited').toFixed(2)}×`,
);
