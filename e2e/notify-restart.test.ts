// Notifications survive a restart (R9, S8), with real processes: Herald (the built bundle, as `npm start` runs it)
// sends
// an urgent message's webhooks to a receiver on loopback that is down; Herald is stopped and started again on the
// same database; the receiver comes back. Every notification then arrives, signed, exactly once per key.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startHttpReceiver } from '../server/src/modules/notify/testing.js';
import { apiSession, memberWithPassword, startHerald, textBody } from './support.js';

const SECRET = 'e2e-webhook-secret-0123456789';
const FAST = { HERALD_NOTIFY_POLL_MS: '100', HERALD_NOTIFY_RETRY_BASE_MS: '200' };

let herald: Awaited<ReturnType<typeof startHerald>>;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;

before(async () => {
  receiver = await startHttpReceiver({ secret: SECRET });
  herald = await startHerald({ env: FAST });
});
after(async () => {
  await herald?.cleanup();
  await receiver?.close();
  if (herald?.dir) rmSync(herald.dir, { recursive: true, force: true });
});

const until = async (what: string, check: () => Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

test('R9/S8: webhooks queued while the receiver is down arrive once each after Herald restarts and the receiver is \
back', async () => {
  const adminPassword = 'Paper-Crane-2026!';
  let admin = await apiSession(herald.url, 'admin', herald.adminPassword);
  await admin.call('POST', '/auth/password', { currentPassword: herald.adminPassword, newPassword: adminPassword });
  await admin.call('PUT', '/settings/notifications', { webhook: { enabled: true, url: receiver.url, secret: SECRET } });
  await memberWithPassword(herald.url, admin, 'E1001', 'Red-Lantern-2026!');
  const { items: departments } = await admin.call<{ items: Array<{ id: string; name: string }> }>(
    'GET',
    '/departments',
  );
  const hq = departments.find((d) => d.name === '总部')!;

  await receiver.down();
  const sender = await apiSession(herald.url, 'E1001', 'Red-Lantern-2026!');
  const message = await sender.call<{ id: string; recipientCount: number }>(
    'POST',
    '/messages',
    {
      kind: 'urgent',
      subject: `机房断电 ${Date.now()}`,
      receiptRequired: true,
      body: textBody('请立即确认'),
      audience: [{ kind: 'department', targetId: hq.id, includeSubdepartments: true }],
    },
    { 'idempotency-key': crypto.randomUUID() },
  );
  assert.equal(message.recipientCount, 7);

  // Attempts fail and back off while the receiver is down.
  await until('failed attempts', async () => {
    const { items } = await admin.call<{ items: Array<{ attempts: number }> }>(
      'GET',
      '/notifications/deliveries?status=pending',
    );
    return items.length === 7 && items.every((d) => d.attempts >= 1);
  });

  // A restart on the same database, then the receiver comes back.
  await herald.stop();
  herald = await startHerald({ dir: herald.dir, port: herald.port, env: FAST });
  await receiver.up();
  admin = await apiSession(herald.url, 'admin', adminPassword);

  await until('every webhook delivered', async () => {
    const { counts, items } = await admin.call<{ counts: { pending: number }; items: unknown[] }>(
      'GET',
      '/notifications/deliveries?status=sent',
    );
    return counts.pending === 0 && items.length === 7;
  });
  const keys = receiver.received.map((r) => String(r.headers['herald-idempotency-key']));
  assert.equal(keys.length, 7, 'no webhook twice');
  assert.equal(new Set(keys).size, 7);
  assert.ok(
    receiver.received.every((r) => r.signatureValid),
    'every request is signed',
  );
  assert.ok(keys.every((k) => k.startsWith(`${message.id}.`) && k.endsWith('.webhook.0')));
  assert.deepEqual(
    receiver.received.map((r) => (r.json.message as { id: string }).id),
    Array(7).fill(message.id),
  );

  // The sender sees it per recipient.
  const { items: recipients } = await sender.call<{
    items: Array<{ notifications: Array<{ channel: string; status: string }> }>;
  }>('GET', `/messages/${message.id}/recipients`);
  assert.equal(recipients.length, 7);
  assert.ok(recipients.every((r) => r.notifications.some((n) => n.channel === 'webhook' && n.status === 'sent')));
});
