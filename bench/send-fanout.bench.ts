/**
 * Issue 4 benchmark: sending one message to a department of N members (default 10,000) through the real API —
 * checks, audience counts, the message, its mailbox rows (`INSERT … SELECT`), N live events and the audit entry,
 * in one transaction — against baselines measured in the same run on the same database:
 *   - raw batch: the same N mailbox rows written by multi-row INSERTs (500 rows a statement) in one transaction;
 *   - per row: one INSERT per recipient in one transaction (what set-based SQL avoids).
 * Then an urgent message with every notification channel on: the same send plus 3 × N outbox rows (R9).
 *
 *   node --import tsx bench/send-fanout.bench.ts [members=10000] [runs=5]
 */
import { createApp } from '../server/src/app.js';
import { newId } from '../server/src/lib/ids.js';
import { mailbox } from '../server/src/modules/mailbox/schema.js';
import { messages } from '../server/src/modules/messages/schema.js';
import { adminBrowser } from '../server/src/testing/admin.js';
import { testDeps } from '../server/src/testing/deps.js';
import { departmentOfMembers } from './support.js';

const N = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const deps = await testDeps();
try {
  const { db } = deps;
  const app = createApp(deps);
  const admin = await adminBrowser(app, db);
  const t0 = Date.now();
  const { deptId, ids } = await departmentOfMembers(db, N);
  const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '全员通知' }] }] };
  const send = async () => {
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'internal', subject: '通知', body, audience: [{ kind: 'department', targetId: deptId }] },
    });
    if (res.status !== 201) throw new Error(`send failed: ${res.status} ${await res.text()}`);
    const m = (await res.json()) as { recipientCount: number };
    if (m.recipientCount !== N) throw new Error(`reached ${m.recipientCount}, not ${N}`);
  };
  /** A bare message row for the baselines to hang mailbox rows on. */
  const bareMessage = async () => {
    const id = newId();
    await db.insert(messages).values({
      id,
      threadId: id,
      senderKind: 'member',
      senderId: 'bench',
      kind: 'internal',
      subject: 'b',
      body,
      status: 'sent',
      createdAt: t0,
      updatedAt: t0,
    });
    return id;
  };
  const row = (messageId: string, ownerId: string) => ({
    messageId,
    ownerKind: 'member' as const,
    ownerId,
    threadId: messageId,
    priority: 'normal' as const,
    deliveredAt: t0,
    expiresAt: null,
  });
  const rawBatch = async () => {
    const messageId = await bareMessage();
    await db.transaction(async (tx) => {
      for (let i = 0; i < N; i += 500)
        await tx.insert(mailbox).values(ids.slice(i, i + 500).map((o) => row(messageId, o)));
    });
  };
  const perRow = async () => {
    const messageId = await bareMessage();
    await db.transaction(async (tx) => {
      for (const o of ids) await tx.insert(mailbox).values(row(messageId, o));
    });
  };

  // R9: an urgent message with e-mail, webhook and SMS on also writes 3 × N outbox rows in the same transaction
  // (the worker is not running here: this is only the cost the sender waits for).
  const sendUrgent = async () => {
    const res = await admin.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'urgent', subject: '紧急', body, audience: [{ kind: 'department', targetId: deptId }] },
    });
    if (res.status !== 201) throw new Error(`urgent send failed: ${res.status} ${await res.text()}`);
  };
  const channelsOn = await admin.request('/api/v1/settings/notifications', {
    method: 'PUT',
    json: {
      email: { enabled: true, host: '127.0.0.1', from: 'herald@example.com' },
      webhook: { enabled: true, url: 'http://127.0.0.1:9/hook', secret: 'bench-secret-0123456789' },
      sms: { enabled: true, url: 'http://127.0.0.1:9/sms' },
    },
  });
  if (channelsOn.status !== 200) throw new Error(`settings: ${channelsOn.status} ${await channelsOn.text()}`);
  for (let i = 0; i < N; i += 500) {
    await db.$client.execute({
      sql:
        `update members set email = 'b' || employee_no || '@example.com', phone = '1380000' || substr('0000' ` +
        `|| employee_no, -4) where id in (select id from members where department_id = ? limit 500 offset ${i})`,
      args: [deptId],
    });
  }

  await send();
  await rawBatch();
  await sendUrgent(); // warm-up
  const sends: number[] = [],
    batches: number[] = [],
    perRows: number[] = [],
    urgents: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    sends.push(await time(send));
    batches.push(await time(rawBatch));
    urgents.push(await time(sendUrgent));
    if (r < 2) perRows.push(await time(perRow)); // slow: two runs are enough to show the gap
  }
  const outbox = Number((await db.$client.execute('select count(*) as n from notify_deliveries')).rows[0]?.n);
  const n = Number((await db.$client.execute('select count(*) as n from mailbox')).rows[0]?.n);
  const s = median(sends),
    b = median(batches),
    p = median(perRows);
  console.log(`send to ${N} recipients, median of ${RUNS} (mailbox now holds ${n} rows):`);
  console.log(`  whole send via the API (message, ${N} mailbox rows, ${N} live events, audit): ${s.toFixed(0)} ms`);
  console.log(`  baseline, raw multi-row INSERT of the same ${N} mailbox rows:             ${b.toFixed(0)} ms`);
  console.log(
    `  one INSERT per recipient (median of ${perRows.length}):                              ${p.toFixed(0)} ms`,
  );
  console.log(
    `  ratio send / raw batch: ${(s / b).toFixed(2)}× (target ≤ 2×); per-row / raw batch: ${(p / b).toFixed(1)}×`,
  );
  const u = median(urgents);
  console.log(
    `  urgent send with e-mail, webhook and SMS on (+ ${3 * N} outbox rows; outbox now ${outbox}): ` +
      `${u.toFixed(0)} ms, ${(u / s).toFixed(2)}× the plain send`,
  );

  // Issue 20 item 6: a normal send while members may choose e-mail for normal messages (the default) reads their
  // preferences in the same INSERT … SELECT; against the same send with nothing to choose, interleaved. A tenth of
  // the members have chosen (e-mail on for normal messages).
  await db.$client.execute({
    sql:
      `insert into notify_preferences (member_id, normal_channels, updated_at) select id, 'email', 0 from members ` +
      `where department_id = ? and abs(random()) % 10 = 0`,
    args: [deptId],
  });
  const choice = (normal: string[]) =>
    admin.request('/api/v1/settings/notifications', {
      method: 'PUT',
      json: { memberChoice: { channels: { normal } } },
    });
  const withChoice: number[] = [],
    without: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await choice([]);
    without.push(await time(send));
    await choice(['email']);
    withChoice.push(await time(send));
  }
  const [w, wo] = [median(withChoice), median(without)];
  console.log(
    `  normal send, members may choose e-mail (${N / 10} chose it): ${w.toFixed(0)} ms; nothing to choose: ` +
      `${wo.toFixed(0)} ms; ratio ${(w / wo).toFixed(2)}×`,
  );
} finally {
  deps.cleanup();
}
