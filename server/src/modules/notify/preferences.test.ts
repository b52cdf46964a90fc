// A member's own notification channels and quiet hours (issue 20 item 6), against real parts: the demo app on a temp
// database, sends over HTTP, the real worker and a loopback SMTP receiver. Time is the worker's `runOnce(at)`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { newId } from '../../lib/ids.js';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { contacts } from '../contacts/schema.js';
import { closeEmailTransport } from './channels/index.js';
import { notifyDeliveries } from './schema.js';
import { updateNotifySettings, type NotifySettingsPatch } from './settings.js';
import { startSmtpReceiver } from './testing.js';
import { NotifyWorker } from './worker.js';

const SYSTEM = { kind: 'system' } as const;
const INFO = { ip: null, userAgent: null, requestId: null };
const PREFS = '/api/v1/me/notifications';

/** 23:30 in Shanghai (15:30 UTC) on the next day it is still ahead: the worker runs at it as the fake clock. */
const nextUtc1530 = () => {
  const at = new Date();
  at.setUTCHours(15, 30, 0, 0);
  return at.getTime() > Date.now() ? at.getTime() : at.getTime() + 24 * 3_600_000;
};
/** From 23:30 to 07:00 in Shanghai, the end of the quiet hours. */
const SEVEN_AND_A_HALF_HOURS = 7.5 * 3_600_000;

describe('my notification preferences and quiet hours (issue 20 item 6)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: NotifyWorker;
  let sender: Browser;
  let lisi: Browser;
  let wangwu: Browser;
  const settings = (patch: NotifySettingsPatch) => updateNotifySettings(demo.deps.db, SYSTEM, patch, INFO);

  before(async () => {
    demo = await demoApp();
    smtp = await startSmtpReceiver();
    await settings({
      email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, from: 'herald@example.com' },
      routing: { high: ['email'], normal: [], urgent: ['email'] },
      reminders: { times: 0 },
    });
    worker = new NotifyWorker(demo.deps.db);
    sender = await demo.as('E1001', 'sender');
    lisi = await demo.as('E1002');
    wangwu = await demo.as('E1003');
  });
  after(async () => {
    await worker.stop();
    closeEmailTransport();
    await smtp.close();
    demo.deps.cleanup();
  });

  const send = async (
    kind: 'internal' | 'urgent',
    priority: 'normal' | 'high' | undefined,
    to: string[],
    extra: Record<string, unknown> = {},
  ) => {
    const res = await sender.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind,
        ...(priority ? { priority } : {}),
        subject: `prefs ${newId()}`,
        body: textDoc('hello'),
        audience: to.map((e) => ({ kind: 'member', targetId: demo.ids[e] })),
        ...extra,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const rowsOf = (messageId: string) =>
    demo.deps.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, messageId));
  const put = (b: Browser, json: unknown) => b.request(PREFS, { method: 'PUT', json });

  test('issue 20: a member sees what the admin allows and the defaults; nobody chose anything yet', async () => {
    const res = await lisi.request(PREFS);
    assert.equal(res.status, 200);
    const prefs = await body(res);
    assert.deepEqual(prefs.allowed, {
      channels: { high: ['email'], normal: ['email'] },
      quietHours: true,
      quietUrgent: false,
    });
    assert.deepEqual(prefs.defaults, { high: ['email'], normal: [], urgent: ['email'] });
    assert.deepEqual(prefs.channels, { high: null, normal: null });
    assert.equal(prefs.quietHours, null);
    assert.deepEqual(prefs.effective, { high: ['email'], normal: [], urgent: ['email'] });
  });

  test('issue 20: bad input: problem+json naming the field; channels not offered are refused', async () => {
    const cases: Array<[unknown, string]> = [
      [{ channels: { high: ['sms'] } }, 'channels.high.0'],
      [{ quietHours: { start: '25:00', end: '07:00', timeZone: 'UTC' } }, 'quietHours.start'],
      [{ quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } }, 'quietHours.timeZone'],
      [
        { quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC', includeUrgent: true } },
        'quietHours.includeUrgent',
      ],
      [{ colour: 'blue' }, 'colour'],
    ];
    for (const [json, path] of cases) {
      const res = await put(lisi, json);
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = await body(res);
      assert.ok(
        problem.errors.some((e: { path: string }) => e.path === path),
        `${path} in ${JSON.stringify(problem.errors)}`,
      );
    }
  });

  test('issue 20: channel choices decide who is notified, set-based at send; audited', async () => {
    // 李四 turns e-mail off for high messages; 王五 turns it on for normal ones.
    const off = await put(lisi, { channels: { high: [] } });
    assert.equal(off.status, 200, await off.clone().text());
    assert.deepEqual((await body(off)).effective.high, []);
    const on = await put(wangwu, { channels: { normal: ['email'] } });
    assert.deepEqual((await body(on)).effective.normal, ['email']);

    const high = await send('internal', 'high', ['E1002', 'E1003', 'E1004']);
    const highRows = await rowsOf(high);
    assert.deepEqual(highRows.map((r) => r.recipientId).sort(), [demo.ids.E1003, demo.ids.E1004].sort());
    const normal = await send('internal', 'normal', ['E1002', 'E1003', 'E1004']);
    assert.deepEqual(
      (await rowsOf(normal)).map((r) => [r.recipientId, r.channel]),
      [[demo.ids.E1003, 'email']],
    );
    // Urgent messages follow the admin's routing whatever a member chose.
    const urgent = await send('urgent', undefined, ['E1002']);
    assert.deepEqual(
      (await rowsOf(urgent)).map((r) => r.recipientId),
      [demo.ids.E1002],
    );

    const audit = await demo.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'notifications.preferences.update'), eq(auditLog.targetId, demo.ids.E1002!)));
    assert.equal(audit.length, 1);
    assert.deepEqual((audit[0]!.after as { channels: unknown }).channels, { high: [], normal: null });

    // The admin narrows the choice: 李四's stored "off" no longer counts, the default routing does.
    await settings({ memberChoice: { channels: { high: [] } } });
    try {
      const again = await send('internal', 'high', ['E1002']);
      assert.deepEqual(
        (await rowsOf(again)).map((r) => r.recipientId),
        [demo.ids.E1002],
      );
    } finally {
      await settings({ memberChoice: { channels: { high: ['email'] } } });
      await put(lisi, { channels: { high: null } });
    }
  });

  test('issue 20: a notice due in quiet hours waits until they end and is sent then (fake clock)', async () => {
    await worker.runOnce(); // nothing earlier left waiting
    const saved = await put(lisi, { quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' } });
    assert.equal(saved.status, 200, await saved.clone().text());
    const id = await send('internal', 'high', ['E1002', 'E1003']);
    // 23:30 in Shanghai: 李四's notice waits until 07:00 there (23:00 UTC); 王五 has no quiet hours.
    const night = nextUtc1530();
    const result = await worker.runOnce(night);
    assert.equal(result.sent, 1);
    const [waiting] = (await rowsOf(id)).filter((r) => r.recipientId === demo.ids.E1002);
    assert.equal(waiting!.status, 'pending');
    assert.equal(waiting!.nextAttemptAt, night + SEVEN_AND_A_HALF_HOURS);
    assert.equal(waiting!.attempts, 0, 'a deferral is not a failed attempt');
    const mailsOf = (key: string) =>
      smtp.received.filter((m) => m.to === 'lisi@example.com' && m.mail.headers.get('herald-idempotency-key') === key);
    assert.equal(mailsOf(waiting!.idempotencyKey).length, 0);

    const morning = night + SEVEN_AND_A_HALF_HOURS;
    assert.equal((await worker.runOnce(morning - 60_000)).sent, 0, 'still quiet at 06:59');
    assert.equal((await worker.runOnce(morning)).sent, 1);
    const [sent] = (await rowsOf(id)).filter((r) => r.recipientId === demo.ids.E1002);
    assert.equal(sent!.status, 'sent');
    assert.equal(mailsOf(sent!.idempotencyKey).length, 1);
  });

  test('issue 20: urgent goes through quiet hours unless the admin allows it and the member chose it', async () => {
    const night = nextUtc1530() + 24 * 3_600_000;
    await send('urgent', undefined, ['E1002']);
    assert.equal((await worker.runOnce(night)).sent, 1, 'urgent is not held');

    await settings({ memberChoice: { quietUrgent: true } });
    try {
      const held = await put(lisi, {
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai', includeUrgent: true },
      });
      assert.equal(held.status, 200, await held.clone().text());
      const second = await send('urgent', undefined, ['E1002']);
      assert.equal((await worker.runOnce(night)).sent, 0);
      const [row] = await rowsOf(second);
      assert.equal(row!.status, 'pending');
      assert.equal(row!.nextAttemptAt, night + SEVEN_AND_A_HALF_HOURS);
      // The admin withdraws the permission: the held notice goes at the next tick.
      await settings({ memberChoice: { quietUrgent: false } });
      assert.equal((await worker.runOnce(night + SEVEN_AND_A_HALF_HOURS)).sent, 1);
    } finally {
      await settings({ memberChoice: { quietUrgent: false } });
      await put(lisi, { quietHours: null });
    }
  });

  test('issue 20: reminders during quiet hours merge into the one notice sent when they end', async () => {
    await settings({ memberChoice: { quietUrgent: true }, reminders: { everyMinutes: 5, times: 2 } });
    try {
      await put(lisi, { quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai', includeUrgent: true } });
      const id = await send('urgent', undefined, ['E1002'], { receiptRequired: true });
      const [first] = await rowsOf(id);
      const night = first!.createdAt + 1;
      // Quiet from 22:00 Shanghai on the send's day: move the clock there by the offset the window needs.
      const start = Date.parse(new Date(night).toISOString().slice(0, 10) + 'T14:30:00Z');
      // At least a reminder's interval after the send (else the first tick finds no round due: the test failed when
      // it ran in the minutes before 14:30 UTC).
      const at = start > night + 15 * 60_000 ? start : start + 24 * 3_600_000;
      await worker.runOnce(at);
      await worker.runOnce(at + 5 * 60_000); // the first reminder round comes, and is merged
      // Both ticks wrote a reminder round (the first was overdue); each is merged into the held first notice.
      const rows = (await rowsOf(id)).sort((a, b) => a.round - b.round);
      assert.deepEqual(
        rows.map((r) => [r.round, r.status, r.lastError]),
        [
          [0, 'pending', null],
          [1, 'cancelled', 'Sent with the notice after quiet hours'],
          [2, 'cancelled', 'Sent with the notice after quiet hours'],
        ],
      );
      const held = rows.find((r) => r.round === 0)!;
      assert.equal((await worker.runOnce(held.nextAttemptAt)).sent, 1, 'one notice when quiet hours end');
    } finally {
      await settings({ memberChoice: { quietUrgent: false }, reminders: { times: 0 } });
      await put(lisi, { quietHours: null });
    }
  });

  test('issue 20: an external contact has no preferences to choose (403 problem+json)', async () => {
    const contactId = newId();
    await demo.deps.db.insert(contacts).values({
      id: contactId,
      kind: 'customer',
      name: '刘总',
      portalEnabled: true,
      searchText: '刘总',
      createdAt: 1,
      updatedAt: 1,
    });
    const origin = 'https://portal.example.com';
    const embed = await body(
      await demo.admin.request('/api/v1/embed-apps', { method: 'POST', json: { name: 'Portal', origins: [origin] } }),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: embed.id })
      .setIssuer(embed.id)
      .setAudience('herald')
      .setSubject(`contact:${contactId}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(embed.secret));
    const res = await demo.app.request(PREFS, { headers: { authorization: `Bearer ${token}`, origin } });
    assert.equal(res.status, 403);
    assert.equal((await body(res)).code, 'forbidden');
  });
});
