/**
 * Notification worker throughput (R9, S8): an urgent message to a department of N members (default 2,000) with only
 * the webhook on, drained by one NotifyWorker into a loopback receiver that checks every signature — against the
 * baseline of the same N signed POSTs made directly, 8 at a time, in the same run (the transport's own cost). The
 * ratio is what the outbox adds: claiming, loading, rendering and marking each row.
 *
 *   node --import tsx bench/notify-worker.bench.ts [members=2000] [runs=3]
 */
import { createApp } from '../server/src/app.js';
import { sendWebhook } from '../server/src/modules/notify/channels/webhook.js';
import type { Notification } from '../server/src/modules/notify/channels/types.js';
import { notifySettings } from '../server/src/modules/notify/settings.js';
import { startHttpReceiver } from '../server/src/modules/notify/testing.js';
import { NotifyWorker } from '../server/src/modules/notify/worker.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { departmentOfMembers } from './support.js';

const N = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 3);
const SECRET = 'bench-webhook-secret-0123456789';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const deps = await testDeps();
const receiver = await startHttpReceiver({ secret: SECRET });
try {
  const { db } = deps;
  const app = createApp(deps);
  const admin = await adminBrowser(app, db);
  const t0 = Date.now();
  const { deptId } = await departmentOfMembers(db, N);
  const on = await admin.request('/api/v1/settings/notifications', {
    method: 'PUT',
    json: { webhook: { enabled: true, url: receiver.url, secret: SECRET }, reminders: { times: 0 } },
  });
  if (on.status !== 200) throw new Error(`settings: ${on.status} ${await on.text()}`);
  const body = {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: '机房停电，请立即确认。' }] }],
  };

  const drain = async () => {
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'urgent', subject: '紧急通知', body, audience: [{ kind: 'department', targetId: deptId }] },
    });
    if (res.status !== 201) throw new Error(`send: ${res.status}`);
    const before = receiver.received.length;
    const worker = new NotifyWorker(db);
    const started = performance.now();
    let sent = 0;
    while (sent < N) {
      const r = await worker.runOnce();
      if (r.retried || r.dead) throw new Error(`failures: ${JSON.stringify(r)}`);
      sent += r.sent;
    }
    const ms = performance.now() - started;
    if (receiver.received.length - before !== N || !receiver.received.every((h) => h.signatureValid))
      throw new Error('not every webhook arrived signed');
    return ms;
  };

  const settings = await notifySettings(db);
  const sample: Notification = {
    idempotencyKey: 'k',
    channel: 'webhook',
    round: 0,
    address: null,
    recipient: { kind: 'member', id: 'm', name: '成员', email: null, phone: null, locale: 'zh-CN' },
    message: {
      id: 'x',
      subject: '紧急通知',
      priority: 'urgent',
      senderName: 'Admin',
      deliveredAt: t0,
      expiresAt: null,
      receiptRequired: false,
      attachmentCount: 0,
    },
    content: {
      subject: '【紧急】紧急通知',
      short: '【紧急】Admin发来“紧急通知”。机房停电，请立即确认。',
      text: '',
      html: '',
      link: null,
    },
  };
  const direct = async () => {
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < N) {
        const i = next++;
        await sendWebhook({ ...sample, idempotencyKey: `direct.${t0}.${i}` }, settings);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    return performance.now() - started;
  };

  await drain();
  await direct(); // warm-up
  const drains: number[] = [],
    directs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    drains.push(await drain());
    directs.push(await direct());
  }
  const d = median(drains),
    b = median(directs);
  console.log(`${N} webhook notifications, median of ${RUNS}:`);
  console.log(
    `  through the outbox (one worker: claim, load, render, send, mark): ${d.toFixed(0)} ms ` +
      `(${((N / d) * 1000).toFixed(0)} per second)`,
  );
  console.log(
    `  baseline, the same signed POSTs made directly, 8 at a time:      ${b.toFixed(0)} ms ` +
      `(${((N / b) * 1000).toFixed(0)} per second)`,
  );
  console.log(`  ratio outbox / direct: ${(d / b).toFixed(2)}×`);
} finally {
  await receiver.close();
  deps.cleanup();
}
