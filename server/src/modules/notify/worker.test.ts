// The notify worker against real parts (R9, S8): the demo app on a temp database, messages sent over HTTP, the real
// channel senders, and loopback SMTP and webhook receivers that can be taken down. Time is driven by `runOnce(at)`.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { newId } from '../../lib/ids.js';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import type { Actor } from '../auth/actor.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { deliverStoredMessage } from '../messages/deliver.js';
import { messageAudience, messages } from '../messages/schema.js';
import { members } from '../org/schema.js';
import { closeEmailTransport } from './channels/index.js';
import { notifyDeliveries, notifyReminders } from './schema.js';
import { updateNotifySettings, type NotifySettingsPatch } from './settings.js';
import { startHttpReceiver, startSmtpReceiver } from './testing.js';
import { NotifyWorker } from './worker.js';

const SECRET = 'whsec-test-0123456789';
const SYSTEM: Actor = {
  kind: 'api-key',
  keyId: 'worker-test',
  name: 'worker test',
  grants: [],
  mustChangePassword: false,
  via: 'api-key',
};
const INFO = { ip: null, userAgent: null, requestId: null };
const HOUR = 3_600_000;

type App = Awaited<ReturnType<typeof demoApp>>;
type Smtp = Awaited<ReturnType<typeof startSmtpReceiver>>;
type Hook = Awaited<ReturnType<typeof startHttpReceiver>>;

/** A small deterministic generator, so that jitter is random-looking yet the test repeats exactly. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const setup = async () => {
  const demo = await demoApp();
  const smtp = await startSmtpReceiver();
  const hook = await startHttpReceiver({ secret: SECRET });
  const settings = (patch: NotifySettingsPatch = {}) =>
    updateNotifySettings(
      demo.deps.db,
      SYSTEM,
      {
        email: {
          enabled: true,
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          from: 'Herald <herald@example.com>',
        },
        webhook: { enabled: true, url: hook.url, secret: SECRET },
        reminders: { everyMinutes: 5, times: 0 },
        maxAttempts: 8,
        ...patch,
      },
      INFO,
    );
  await settings();
  const zhang = await demo.as('E1001', 'sender');
  // The webhook receiver's outage, safe to end twice (a second `up()` would listen on the port again).
  let hookUp = true;
  const hookDown = async () => {
    await hook.down();
    hookUp = false;
  };
  const hookBack = async () => {
    if (!hookUp) await hook.up();
    hookUp = true;
  };
  return { ...demo, smtp, hook, settings, zhang, hookDown, hookBack };
};

const send = async (b: Browser, ids: Record<string, string>, to: string[], patch: Record<string, unknown> = {}) => {
  const res = await b.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'urgent',
      subject: '机房停电 Server room',
      body: textDoc('请立即撤离 — leave now'),
      audience: to.map((e) => ({ kind: 'member', targetId: ids[e] })),
      ...patch,
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await body(res)).id as string;
};

const rowsOf = (db: Db, messageId: string) =>
  db
    .select()
    .from(notifyDeliveries)
    .where(eq(notifyDeliveries.messageId, messageId))
    .orderBy(asc(notifyDeliveries.recipientId), asc(notifyDeliveries.channel), asc(notifyDeliveries.round));

/** Idempotency keys as the receivers saw them (webhook header; e-mail header and Message-ID). */
const hookKeys = (hook: Hook, messageId: string) =>
  hook.received.map((r) => String(r.headers['herald-idempotency-key'])).filter((k) => k.startsWith(`${messageId}.`));
const mailKeys = (smtp: Smtp, messageId: string) =>
  smtp.received
    .map((r) => String(r.mail.headers.get('herald-idempotency-key')))
    .filter((k) => k.startsWith(`${messageId}.`));
const counted = (keys: string[]) =>
  keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

/** Ticks an hour apart until one does nothing and nothing is waiting: the outbox is idle. */
async function drain(db: Db, worker: NotifyWorker, from: number): Promise<number> {
  let at = from;
  for (let i = 0; i < 20; i++) {
    const r = await worker.runOnce(at);
    const open = await db
      .select({ id: notifyDeliveries.id })
      .from(notifyDeliveries)
      .where(inArray(notifyDeliveries.status, ['pending', 'sending']));
    if (r.sent + r.retried + r.dead + r.cancelled + r.reminders === 0 && open.length === 0) return at;
    at += HOUR;
  }
  throw new Error('the outbox did not become idle');
}

describe('notify worker (R9, S8)', () => {
  let app: App & Awaited<ReturnType<typeof setup>>;
  let db: Db;
  let worker: NotifyWorker;

  before(async () => {
    app = (await setup()) as typeof app;
    db = app.deps.db;
    worker = new NotifyWorker(db, { retryBaseMs: 1000, random: lcg(7) });
  });
  after(async () => {
    await worker.stop();
    closeEmailTransport();
    await app.smtp.close();
    await app.hook.close();
    app.deps.cleanup();
  });

  test('R9/S8: an urgent message writes one row per member × enabled channel; e-mail and webhook arrive; no e-mail \
address → skipped', async () => {
    const { ids, zhang, smtp, hook } = app;
    await db.update(members).set({ email: null }).where(eq(members.id, ids.E1004!));
    try {
      const id = await send(zhang, ids, ['E1002', 'E1003', 'E1004']);
      const rows = await rowsOf(db, id);
      assert.equal(rows.length, 6, 'three people × e-mail and webhook');
      const skipped = rows.filter((r) => r.status === 'skipped');
      assert.deepEqual(
        skipped.map((r) => [r.recipientId, r.channel, r.lastError]),
        [[ids.E1004, 'email', 'No e-mail address in the profile']],
      );
      assert.ok(rows.every((r) => r.round === 0 && r.idempotencyKey === `${id}.${r.recipientId}.${r.channel}.0`));

      const seq = (await db.select().from(events)).reduce((max, e) => Math.max(max, e.seq), 0);
      const result = await worker.runOnce();
      assert.deepEqual(result, { sent: 5, retried: 0, dead: 0, cancelled: 0, skipped: 0, reminders: 0 });
      // The sender's receipt view hears of it once for the tick, not once per notification.
      const told = await db
        .select()
        .from(events)
        .where(and(gt(events.seq, seq), eq(events.type, 'message.notified')));
      assert.deepEqual(
        told.map((e) => [e.audienceId, e.payload]),
        [[ids.E1001, { messageId: id }]],
      );
      const after = await rowsOf(db, id);
      assert.deepEqual(after.map((r) => r.status).sort(), ['sent', 'sent', 'sent', 'sent', 'sent', 'skipped']);
      assert.ok(
        after
          .filter((r) => r.status === 'sent')
          .every((r) => r.sentAt !== null && r.lockedUntil === null && r.lastError === null && r.attempts === 1),
      );

      // E-mail: one per address, the key as Message-ID and header, the priority in the subject.
      const mails = smtp.received.filter((m) =>
        String(m.mail.headers.get('herald-idempotency-key')).startsWith(`${id}.`),
      );
      assert.deepEqual(mails.map((m) => m.to).sort(), ['lisi@example.com', 'wangwu@example.com']);
      for (const m of mails) {
        assert.equal(m.mail.messageId, `<${m.mail.headers.get('herald-idempotency-key')}@herald>`);
        assert.match(m.mail.subject ?? '', /机房停电 Server room/);
      }
      // Webhook: signed, one per person (also E1004, who has no e-mail), the documented body.
      const hooks = hook.received.filter((h) => String(h.headers['herald-idempotency-key']).startsWith(`${id}.`));
      assert.equal(hooks.length, 3);
      assert.ok(hooks.every((h) => h.signatureValid));
      assert.deepEqual(
        hooks.map((h) => (h.json.recipient as { id: string }).id).sort(),
        [ids.E1002, ids.E1003, ids.E1004].sort(),
      );
      const first = hooks[0]!.json as {
        id: string;
        type: string;
        round: number;
        message: { id: string; priority: string };
      };
      assert.equal(first.type, 'message.notification');
      assert.equal(first.round, 0);
      assert.equal(first.message.id, id);
      assert.equal(first.message.priority, 'urgent');
      assert.equal(first.id, hooks[0]!.headers['herald-idempotency-key']);
    } finally {
      await db.update(members).set({ email: 'alice@example.com' }).where(eq(members.id, ids.E1004!));
    }
  });

  test('R9/S8: default routing: normal priority notifies nobody, high goes by e-mail only', async () => {
    const { ids, zhang } = app;
    const normal = await send(zhang, ids, ['E1002', 'E1003'], { kind: 'internal', priority: 'normal' });
    assert.deepEqual(await rowsOf(db, normal), []);
    const high = await send(zhang, ids, ['E1002', 'E1003'], { kind: 'internal', priority: 'high' });
    const rows = await rowsOf(db, high);
    assert.deepEqual(
      rows.map((r) => [r.channel, r.status]),
      [
        ['email', 'pending'],
        ['email', 'pending'],
      ],
    );
    assert.equal((await worker.runOnce()).sent, 2);
    assert.equal(mailKeys(app.smtp, high).length, 2);
  });

  test('R9/S8: the outbox rows are written in the delivering transaction: a delivery that fails leaves \
neither', async () => {
    const { ids, zhang } = app;
    const template = await send(zhang, ids, ['E1002']);
    await drain(db, worker, Date.now());
    const [m] = await db.select().from(messages).where(eq(messages.id, template));
    const audience = await db.select().from(messageAudience).where(eq(messageAudience.messageId, template));
    const id = newId();
    let inside = 0;
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.insert(messages).values({
          ...m!,
          id,
          threadId: id,
          status: 'pending-approval',
          deliveredAt: null,
          idempotencyKey: null,
          requestHash: null,
        });
        await tx.insert(messageAudience).values(audience.map((a) => ({ ...a, id: newId(), messageId: id })));
        await deliverStoredMessage(tx, id, Date.now());
        inside = (await tx.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, id))).length;
        throw new Error('something later in the send failed');
      }),
      /something later/,
    );
    assert.equal(inside, 2, 'written with the delivery');
    assert.deepEqual(await rowsOf(db, id), []);
    assert.deepEqual(await db.select().from(mailbox).where(eq(mailbox.messageId, id)), []);
  });

  test('R9/S8: right before sending the worker drops what is no longer wanted: channel turned off, copy \
deleted', async () => {
    const { ids, zhang, settings } = app;
    const id = await send(zhang, ids, ['E1002', 'E1003']);
    await db
      .update(mailbox)
      .set({ deletedAt: Date.now() })
      .where(and(eq(mailbox.messageId, id), eq(mailbox.ownerId, ids.E1003!)));
    await settings({ webhook: { enabled: false } });
    try {
      const r = await worker.runOnce();
      assert.deepEqual(r, { sent: 1, retried: 0, dead: 0, cancelled: 3, skipped: 0, reminders: 0 });
      const rows = await rowsOf(db, id);
      const byKey = Object.fromEntries(
        rows.map((r) => [`${r.recipientId === ids.E1002 ? 'li' : 'wang'}.${r.channel}`, [r.status, r.lastError]]),
      );
      assert.deepEqual(byKey, {
        'li.email': ['sent', null],
        'li.webhook': ['cancelled', 'The channel is turned off'],
        'wang.email': ['cancelled', 'Deleted by the recipient'],
        'wang.webhook': ['cancelled', 'Deleted by the recipient'],
      });
    } finally {
      await settings();
    }
  });

  test('R9/S8: a failing receiver: retried up to maxAttempts, then dead; a permanent refusal is dead at \
once', async () => {
    const { ids, zhang, hook, settings } = app;
    await settings({ maxAttempts: 2 });
    try {
      hook.state.status = 503;
      const id = await send(zhang, ids, ['E1002']);
      const t = Date.now();
      assert.deepEqual(await worker.runOnce(t), {
        sent: 1,
        retried: 1,
        dead: 0,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
      assert.deepEqual(await worker.runOnce(t + HOUR), {
        sent: 0,
        retried: 0,
        dead: 1,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
      const [dead] = (await rowsOf(db, id)).filter((r) => r.channel === 'webhook');
      assert.equal(dead!.status, 'dead');
      assert.equal(dead!.attempts, 2);
      assert.ok(
        dead!.lastError && dead!.lastError.length <= 300 && !dead!.lastError.includes(SECRET),
        String(dead!.lastError),
      );
      assert.equal(dead!.lockedUntil, null);
      assert.equal(hookKeys(hook, id).length, 2, 'two attempts, both with the same key');
      assert.equal(new Set(hookKeys(hook, id)).size, 1);

      hook.state.status = 400;
      const refused = await send(zhang, ids, ['E1002']);
      assert.deepEqual(await worker.runOnce(), {
        sent: 1,
        retried: 0,
        dead: 1,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
      const [row] = (await rowsOf(db, refused)).filter((r) => r.channel === 'webhook');
      assert.equal(row!.status, 'dead');
      assert.equal(row!.attempts, 1);
      // Dead rows stay dead: later ticks leave them alone.
      assert.deepEqual(await worker.runOnce(Date.now() + 10 * HOUR), {
        sent: 0,
        retried: 0,
        dead: 0,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
    } finally {
      hook.state.status = 200;
      await settings();
    }
  });

  test('R9/S8: persistent reminders: rounds every 5 minutes to the unconfirmed only, with live events; confirming \
stops them', async () => {
    const { ids, zhang, settings, as, hookDown, hookBack } = app;
    await settings({ reminders: { everyMinutes: 5, times: 2 } });
    try {
      const id = await send(zhang, ids, ['E1002', 'E1003', 'E1005'], { receiptRequired: true });
      const [reminder] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
      assert.ok(reminder && reminder.remaining === 2 && reminder.everyMs === 5 * 60_000 && reminder.stoppedAt === null);
      const round1 = reminder.nextAt;
      assert.equal((await worker.runOnce(round1 - 5 * 60_000)).sent, 6);
      assert.equal((await worker.runOnce(round1 - 1)).reminders, 0, 'not before five minutes');

      // 王五 confirms before the first reminder: not reminded at all.
      const wang = await as('E1003');
      assert.equal((await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
      const seq = (await db.select().from(events)).reduce((max, e) => Math.max(max, e.seq), 0);
      await hookDown();
      const r1 = await worker.runOnce(round1);
      assert.deepEqual(r1, { sent: 2, retried: 2, dead: 0, cancelled: 0, skipped: 0, reminders: 1 });
      const live = await db
        .select()
        .from(events)
        .where(and(gt(events.seq, seq), eq(events.type, 'message.reminder')));
      assert.deepEqual(live.map((e) => e.audienceId).sort(), [ids.E1002, ids.E1005].sort());
      assert.ok(live.every((e) => JSON.stringify(e.payload) === JSON.stringify({ messageId: id, priority: 'urgent' })));
      const firstRound = (await rowsOf(db, id)).filter((r) => r.round === 1);
      assert.deepEqual(
        firstRound.map((r) => r.recipientId).sort(),
        [ids.E1002, ids.E1002, ids.E1005, ids.E1005].sort(),
      );

      // 李四 confirms while their reminder webhook waits for a retry: it is cancelled, and no further round reaches them.
      const li = await as('E1002');
      assert.equal((await li.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
      const liHook = (await rowsOf(db, id)).find(
        (r) => r.recipientId === ids.E1002 && r.round === 1 && r.channel === 'webhook',
      );
      assert.deepEqual([liHook!.status, liHook!.lastError], ['cancelled', 'Confirmed']);
      await hookBack();
      const r2 = await worker.runOnce(round1 + 5 * 60_000);
      assert.equal(r2.reminders, 1);
      assert.equal(r2.sent, 3, "赵六's round-1 webhook (retried) and round 2 on both channels");
      const [stopped] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
      assert.deepEqual(
        [stopped!.sent, stopped!.remaining, stopped!.stoppedAt],
        [2, 0, round1 + 5 * 60_000],
        'stops after `times` rounds',
      );
      assert.equal((await worker.runOnce(round1 + 10 * 60_000)).reminders, 0);

      const rounds = (await rowsOf(db, id)).reduce<Record<string, number[]>>((acc, r) => {
        (acc[r.recipientId] ??= []).includes(r.round) || acc[r.recipientId]!.push(r.round);
        return acc;
      }, {});
      assert.deepEqual(rounds, { [ids.E1002!]: [0, 1], [ids.E1003!]: [0], [ids.E1005!]: [0, 1, 2] });
      assert.ok((await rowsOf(db, id)).every((r) => ['sent', 'cancelled'].includes(r.status)));
    } finally {
      await hookBack();
      await settings();
    }
  });

  test('R9/S8: recalling stops the reminders and cancels what waits; nobody left unconfirmed stops them \
too', async () => {
    const { ids, zhang, settings, as, hookDown, hookBack } = app;
    await settings({ reminders: { everyMinutes: 5, times: 3 } });
    try {
      const id = await send(zhang, ids, ['E1002', 'E1005'], { receiptRequired: true });
      const [reminder] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
      await worker.runOnce(reminder!.nextAt - 5 * 60_000);
      await hookDown();
      assert.equal((await worker.runOnce(reminder!.nextAt)).reminders, 1);
      const recall = await zhang.request(`/api/v1/messages/${id}/recall`, { method: 'POST' });
      assert.equal(recall.status, 200, await recall.clone().text());
      await hookBack();
      const waiting = (await rowsOf(db, id)).filter((r) => r.round === 1 && r.channel === 'webhook');
      assert.deepEqual(
        waiting.map((r) => [r.status, r.lastError]),
        [
          ['cancelled', 'Recalled'],
          ['cancelled', 'Recalled'],
        ],
      );
      const [stopped] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
      assert.ok(stopped!.stoppedAt !== null);
      assert.deepEqual(await worker.runOnce(reminder!.nextAt + HOUR), {
        sent: 0,
        retried: 0,
        dead: 0,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });

      // Everyone confirms before the first reminder: the worker stops the schedule instead of sending an empty round.
      const other = await send(zhang, ids, ['E1005'], { receiptRequired: true });
      await worker.runOnce();
      const zhao = await as('E1005');
      assert.equal((await zhao.request(`/api/v1/mailbox/${other}/confirm`, { method: 'POST' })).status, 200);
      const [next] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, other));
      assert.equal((await worker.runOnce(next!.nextAt)).reminders, 0);
      const [done] = await db.select().from(notifyReminders).where(eq(notifyReminders.messageId, other));
      assert.equal(done!.stoppedAt, next!.nextAt);
      const otherRows = await rowsOf(db, other);
      assert.equal(otherRows.length, 2, 'e-mail and webhook, round 0 only');
      assert.ok(otherRows.every((r) => r.round === 0));
    } finally {
      await hookBack();
      await settings();
    }
  });

  test('R9/S8: two workers on one database ticking at once never send a row twice', async () => {
    const { ids, zhang, smtp, hook } = app;
    const to = ['E1002', 'E1003', 'E1004', 'E1005', 'E1006', 'E1007', 'E1008'];
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await send(zhang, ids, to)); // 56 rows: more than one claim batch
    const other = openDatabase(app.deps.config.databaseUrl); // a second "process": its own connections
    const second = new NotifyWorker(other, { retryBaseMs: 1000 });
    try {
      const t = Date.now();
      const results = await Promise.all([worker.runOnce(t), second.runOnce(t), worker.runOnce(t), second.runOnce(t)]);
      assert.equal(
        results.reduce((n, r) => n + r.sent, 0),
        56,
        JSON.stringify(results),
      );
      assert.ok(results[0]!.sent > 0 && results[1]!.sent > 0, `both workers took a share: ${JSON.stringify(results)}`);
      for (const id of sent) {
        assert.deepEqual(Object.values(counted(hookKeys(hook, id))), Array(7).fill(1));
        assert.deepEqual(Object.values(counted(mailKeys(smtp, id))), Array(7).fill(1));
        const rows = await rowsOf(db, id);
        assert.equal(rows.length, 14, 'seven people × e-mail and webhook');
        assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
      }
    } finally {
      await second.stop();
      await closeDatabase(other);
    }
  });

  test("R9: the recipient's language: their profile's, else the organisation's default for notifications", async () => {
    const { ids, zhang, smtp } = app;
    await app.settings({ defaultLocale: 'zh-CN' });
    await db.update(members).set({ locale: 'en' }).where(eq(members.id, ids.E1003!));
    try {
      const id = await send(zhang, ids, ['E1002', 'E1003']);
      await worker.runOnce();
      const subjectTo = (address: string) =>
        smtp.received.find(
          (m) => m.to === address && String(m.mail.headers.get('herald-idempotency-key')).startsWith(`${id}.`),
        )?.mail.subject;
      assert.match(
        subjectTo('lisi@example.com') ?? '',
        /^【紧急】/,
        'no language in the profile: the default, 简体中文',
      );
      assert.match(subjectTo('wangwu@example.com') ?? '', /^\[Urgent\]/, 'English in the profile');
    } finally {
      await db.update(members).set({ locale: null }).where(eq(members.id, ids.E1003!));
      await app.settings({ defaultLocale: 'en' });
    }
  });

  test('R9/S8: start() polls on its own and stop() waits for the tick in flight', async () => {
    const { ids, zhang } = app;
    const id = await send(zhang, ids, ['E1002']);
    const polling = new NotifyWorker(db, { pollMs: 20 });
    polling.start();
    try {
      for (let i = 0; i < 200 && (await rowsOf(db, id)).some((r) => r.status !== 'sent'); i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await polling.stop();
    }
    assert.deepEqual(
      (await rowsOf(db, id)).map((r) => r.status),
      ['sent', 'sent'],
    );
  });

  // Last, with its own app and receivers: it closes the database under the app.
  test("R9/S8 fault: receivers down, backoff with jitter, a restart in between, a dead worker's claim: every \
notification arrives exactly once", async () => {
    const app = await setup();
    const { ids, zhang, smtp, hook, deps } = app;
    let db: Db = deps.db;
    const random = lcg(42);
    let worker = new NotifyWorker(db, { retryBaseMs: 1000, random });
    let reopened: Db | null = null;
    try {
      await smtp.down();
      await hook.down();
      const id = await send(zhang, ids, ['E1002', 'E1003', 'E1005']);
      assert.equal((await rowsOf(db, id)).length, 6);

      // Attempt n fails → the next after base × 2^(n−1), of which a random half.
      const t0 = Date.now();
      const delays: number[] = [];
      let at = t0;
      for (const attempt of [1, 2, 3]) {
        assert.deepEqual(await worker.runOnce(at), {
          sent: 0,
          retried: 6,
          dead: 0,
          cancelled: 0,
          skipped: 0,
          reminders: 0,
        });
        const rows = await rowsOf(db, id);
        const backoff = 1000 * 2 ** (attempt - 1);
        for (const r of rows) {
          assert.equal(r.status, 'pending');
          assert.equal(r.attempts, attempt);
          assert.ok(r.lastError, 'the failure is recorded');
          const delay = r.nextAttemptAt - at;
          assert.ok(
            delay >= backoff / 2 && delay <= backoff,
            `attempt ${attempt}: ${delay} ms not within [${backoff / 2}, ${backoff}]`,
          );
          delays.push(delay);
        }
        // Not yet due: a tick just before the earliest retry does nothing.
        assert.equal((await worker.runOnce(Math.min(...rows.map((r) => r.nextAttemptAt)) - 1)).retried, 0);
        at += backoff;
      }
      assert.ok(new Set(delays).size > 6, `the retries are spread (jitter): ${delays.join(', ')}`);

      // A worker claimed one row at `at` and died before finishing: the row stays `sending` until its lease runs out.
      const crashedLease = at + 60_000;
      const [victim] = (await rowsOf(db, id)).filter((r) => r.recipientId === ids.E1005 && r.channel === 'webhook');
      await db
        .update(notifyDeliveries)
        .set({ status: 'sending', attempts: victim!.attempts + 1, lockedUntil: crashedLease })
        .where(eq(notifyDeliveries.id, victim!.id));

      // Restart: the worker stops, the database closes, a new process opens the same file with a new worker.
      await worker.stop();
      deps.live.close();
      await closeDatabase(deps.db);
      reopened = openDatabase(deps.config.databaseUrl);
      db = reopened;
      worker = new NotifyWorker(db, { retryBaseMs: 1000, random });
      await smtp.up();
      await hook.up();

      assert.deepEqual(await worker.runOnce(at), {
        sent: 5,
        retried: 0,
        dead: 0,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
      const claimed = (await rowsOf(db, id)).find((r) => r.id === victim!.id)!;
      assert.deepEqual(
        [claimed.status, claimed.lockedUntil],
        ['sending', crashedLease],
        'left alone while the lease lasts',
      );
      assert.deepEqual(await worker.runOnce(crashedLease + 1), {
        sent: 1,
        retried: 0,
        dead: 0,
        cancelled: 0,
        skipped: 0,
        reminders: 0,
      });
      await drain(db, worker, crashedLease + HOUR);

      const rows = await rowsOf(db, id);
      assert.ok(
        rows.every((r) => r.status === 'sent' && r.lockedUntil === null),
        JSON.stringify(rows.map((r) => [r.channel, r.status])),
      );
      assert.equal(rows.find((r) => r.id === victim!.id)!.attempts, 5, 'three failures, the dead claim, the send');
      // Exactly once per key at the receivers, and none lost.
      const expectKeys = (channel: string) =>
        Object.fromEntries(rows.filter((r) => r.channel === channel).map((r) => [r.idempotencyKey, 1]));
      assert.deepEqual(counted(hookKeys(hook, id)), expectKeys('webhook'));
      assert.deepEqual(counted(mailKeys(smtp, id)), expectKeys('email'));
      assert.ok(hook.received.every((h) => h.signatureValid));
    } finally {
      await worker.stop();
      closeEmailTransport();
      await smtp.close();
      await hook.close();
      if (reopened) {
        await closeDatabase(reopened);
        rmSync(deps.dir, { recursive: true, force: true });
      } else {
        deps.cleanup();
      }
    }
  });
});
