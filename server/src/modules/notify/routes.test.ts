import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { members } from '../org/schema.js';
import { notifyDeliveries, notifyReminders } from './schema.js';
import { REASONS } from './reasons.js';

describe('notification settings, outbox rows and dead letters through the API (R9, S8)', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  let sender: Browser;
  const ids: Record<string, string> = {};
  const put = (json: unknown) => t.admin.request('/api/v1/settings/notifications', { method: 'PUT', json });
  const rowsOf = (messageId: string) =>
    t.deps.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, messageId));
  const send = async (patch: Record<string, unknown> = {}) => {
    const res = await sender.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'urgent',
        subject: '机房停电',
        body: textDoc('请立即确认'),
        receiptRequired: true,
        audience: ['E1002', 'E1003', 'E1005'].map((n) => ({ kind: 'member', targetId: ids[n] })),
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };

  before(async () => {
    t = await demoApp(ids);
    sender = await t.as('E1001', 'sender');
  });
  after(() => t.deps.cleanup());

  test('R9: defaults — every channel off, urgent → all, high → e-mail, normal → none, reminders 5 min × \
6', async () => {
    const res = await t.admin.request('/api/v1/settings/notifications');
    assert.equal(res.status, 200);
    const s = await body(res);
    assert.deepEqual([s.email.enabled, s.webhook.enabled, s.sms.enabled], [false, false, false]);
    assert.deepEqual(s.routing, { normal: [], high: ['email'], urgent: ['email', 'webhook', 'sms'] });
    assert.deepEqual(s.reminders, { everyMinutes: 5, times: 6 });
    assert.equal(s.maxAttempts, 8);
  });

  test('R9: an enabled channel must be complete; field errors name what is missing', async () => {
    let res = await put({ webhook: { enabled: true } });
    assert.equal(res.status, 400);
    assert.deepEqual((await body(res)).errors.map((e: { path: string }) => e.path).sort(), [
      'webhook.secret',
      'webhook.url',
    ]);
    res = await put({ email: { enabled: true, host: 'smtp.example.com' } });
    assert.deepEqual(
      (await body(res)).errors.map((e: { path: string }) => e.path),
      ['email.from'],
    );
    res = await put({ webhook: { url: 'javascript:alert(1)' } });
    assert.equal(res.status, 400);
    res = await put({ webhook: { secret: 'short' } });
    assert.equal(res.status, 400);
    res = await put({ sms: { headers: [{ name: 'X-Key', value: 'a\r\nInjected: 1' }] } });
    assert.equal(res.status, 400, 'a header value with a line break is refused');
    res = await put({ routing: { urgent: ['pager'] } });
    assert.equal(res.status, 400);
    res = await put({ reminders: { everyMinutes: 0 } });
    assert.equal(res.status, 400);
  });

  test('R9/R14: secrets are never returned nor written to the audit trail; left out, they are kept', async () => {
    let res = await put({
      email: {
        enabled: true,
        host: '127.0.0.1',
        port: 2525,
        from: 'Herald <herald@example.com>',
        username: 'mailer',
        password: 'smtp-Pa55word',
      },
      webhook: { enabled: true, url: 'http://127.0.0.1:9/hook', secret: 'webhook-secret-0123456789' },
      sms: {
        enabled: true,
        url: 'http://127.0.0.1:9/sms',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Authorization', value: 'Bearer sms-token-xyz' },
        ],
      },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const text = await res.clone().text();
    for (const secret of ['smtp-Pa55word', 'webhook-secret-0123456789', 'sms-token-xyz'])
      assert.ok(!text.includes(secret), `${secret} not in the answer`);
    const saved = await body(res);
    assert.equal(saved.email.passwordSet, true);
    assert.equal(saved.webhook.secretSet, true);
    assert.deepEqual(saved.sms.headers, [
      { name: 'Content-Type', valueSet: true },
      { name: 'Authorization', valueSet: true },
    ]);

    // A change without the secrets keeps them; a header sent without `value` keeps its value.
    res = await put({ email: { from: 'Herald <noreply@example.com>' }, sms: { headers: [{ name: 'Authorization' }] } });
    assert.equal(res.status, 200);
    const [row] = await t.deps.db.all<{ value: string }>(sql`select value from settings where key = 'notify'`);
    const stored = JSON.parse(row!.value);
    assert.equal(stored.email.password, 'smtp-Pa55word');
    assert.equal(stored.email.from, 'Herald <noreply@example.com>');
    assert.deepEqual(stored.sms.headers, [{ name: 'Authorization', value: 'Bearer sms-token-xyz' }]);

    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'settings.notifications.update'));
    assert.ok(trail.length >= 2);
    const written = JSON.stringify(trail);
    for (const secret of ['smtp-Pa55word', 'webhook-secret-0123456789', 'sms-token-xyz'])
      assert.ok(!written.includes(secret), `${secret} not in the audit trail`);
  });

  test('R9: an urgent message writes one outbox row per recipient × enabled channel with the message; no address → \
skipped', async () => {
    await t.deps.db.update(members).set({ phone: '13800000002' }).where(eq(members.id, ids.E1002!));
    await t.deps.db.update(members).set({ email: null }).where(eq(members.id, ids.E1005!));
    await t.deps.db.update(members).set({ phone: null }).where(eq(members.id, ids.E1003!));
    const id = await send();
    const rows = await rowsOf(id);
    assert.equal(rows.length, 9, '3 recipients × 3 channels');
    const of = (who: string, channel: string) => rows.find((r) => r.recipientId === ids[who] && r.channel === channel)!;
    assert.equal(of('E1002', 'sms').status, 'pending');
    assert.equal(of('E1002', 'sms').address, '13800000002');
    assert.equal(of('E1003', 'sms').status, 'skipped');
    assert.match(of('E1003', 'sms').lastError ?? '', /phone/);
    assert.equal(of('E1005', 'email').status, 'skipped');
    assert.equal(of('E1003', 'webhook').status, 'pending');
    assert.equal(of('E1002', 'email').idempotencyKey, `${id}.${ids.E1002}.email.0`);
    const [reminder] = await t.deps.db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
    assert.equal(reminder?.remaining, 6);
    assert.equal(reminder?.everyMs, 5 * 60_000);

    // The sender's receipt view carries the status per channel.
    const list = await body(await sender.request(`/api/v1/messages/${id}/recipients`));
    const li = list.items.find((i: { id: string }) => i.id === ids.E1002);
    assert.deepEqual(
      li.notifications.map((n: { channel: string; status: string }) => `${n.channel}:${n.status}`).sort(),
      ['email:pending', 'sms:pending', 'webhook:pending'],
    );
  });

  test('R9: normal priority uses no channel by default; high uses e-mail only', async () => {
    const normal = await send({ kind: 'internal', priority: 'normal', receiptRequired: false });
    assert.equal((await rowsOf(normal)).length, 0);
    const high = await send({ kind: 'internal', priority: 'high', receiptRequired: false });
    assert.deepEqual([...new Set((await rowsOf(high)).map((r) => r.channel))], ['email']);
  });

  test("R9: confirming cancels that person's waiting notifications; recalling cancels the rest and stops \
reminders", async () => {
    await t.deps.db.update(members).set({ phone: null }).where(eq(members.id, ids.E1003!));
    const id = await send();
    const wang = await t.as('E1003');
    assert.equal((await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' })).status, 200);
    const afterConfirm = await rowsOf(id);
    // 王五's e-mail and webhook are cancelled as confirmed (his SMS was skipped: he has no phone).
    const wangs = afterConfirm.filter((r) => r.recipientId === ids.E1003 && r.status !== 'skipped');
    assert.deepEqual(wangs.map((r) => [r.channel, r.status, r.lastError]).sort(), [
      ['email', 'cancelled', REASONS.confirmed],
      ['webhook', 'cancelled', REASONS.confirmed],
    ]);
    assert.ok(afterConfirm.some((r) => r.recipientId === ids.E1002 && r.status === 'pending'));

    assert.equal((await sender.request(`/api/v1/messages/${id}/recall`, { method: 'POST' })).status, 200);
    const afterRecall = await rowsOf(id);
    assert.ok(afterRecall.every((r) => r.status !== 'pending'));
    // What still waited is cancelled as recalled; 王五's keep their reason.
    const recalled = afterRecall.filter((r) => r.recipientId !== ids.E1003 && r.status === 'cancelled');
    assert.ok(recalled.length > 0);
    assert.ok(recalled.every((r) => r.lastError === REASONS.recalled));
    assert.deepEqual(
      afterRecall.filter((r) => r.recipientId === ids.E1003 && r.status === 'cancelled').map((r) => r.lastError),
      [REASONS.confirmed, REASONS.confirmed],
    );
    const [reminder] = await t.deps.db.select().from(notifyReminders).where(eq(notifyReminders.messageId, id));
    assert.ok(reminder?.stoppedAt, 'reminders stopped on recall');
  });

  test("R9: the sender's manual reminder sends a new round to the unconfirmed only", async () => {
    const id = await send();
    const wang = await t.as('E1003');
    await wang.request(`/api/v1/mailbox/${id}/confirm`, { method: 'POST' });
    const res = await sender.request(`/api/v1/messages/${id}/remind`, {
      method: 'POST',
      json: { state: 'unconfirmed' },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const round1 = (await rowsOf(id)).filter((r) => r.round === 1);
    assert.deepEqual([...new Set(round1.map((r) => r.recipientId))].sort(), [ids.E1002, ids.E1005].sort());
  });

  test('R9: dead letters are listed for an admin and go back to the queue on retry (audited)', async () => {
    const id = await send();
    const [a, b] = (await rowsOf(id)).filter((r) => r.status === 'pending');
    const t0 = Date.now();
    for (const [row, at] of [
      [a!, t0 - 1000],
      [b!, t0],
    ] as const) {
      await t.deps.db
        .update(notifyDeliveries)
        .set({ status: 'dead', attempts: 8, lastError: 'Webhook answered 500', updatedAt: at })
        .where(eq(notifyDeliveries.id, row.id));
    }
    let res = await t.admin.request('/api/v1/notifications/deliveries?limit=1');
    assert.equal(res.status, 200);
    const page = await body(res);
    assert.equal(page.counts.dead, 2);
    assert.equal(page.items[0].id, b!.id, 'newest change first');
    assert.equal(page.items[0].subject, '机房停电');
    assert.equal(page.items[0].lastError, 'Webhook answered 500');
    assert.ok(page.items[0].recipient.name);
    const next = await body(
      await t.admin.request(`/api/v1/notifications/deliveries?limit=1&cursor=${page.nextCursor}`),
    );
    assert.equal(next.items[0].id, a!.id);

    res = await t.admin.request('/api/v1/notifications/deliveries/retry', {
      method: 'POST',
      json: { ids: [a!.id, 'nope'] },
    });
    assert.deepEqual(await body(res), { retried: 1 });
    const [back] = await t.deps.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.id, a!.id));
    assert.deepEqual([back!.status, back!.attempts], ['pending', 0]);
    res = await t.admin.request('/api/v1/notifications/deliveries/retry', { method: 'POST', json: { allDead: true } });
    assert.deepEqual(await body(res), { retried: 1 });
    assert.equal((await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'notifications.retry'))).length, 2);
    res = await t.admin.request('/api/v1/notifications/deliveries/retry', { method: 'POST', json: { ids: [] } });
    assert.equal(res.status, 400);
  });

  test('R9: a test send with a channel turned off is refused with a clear problem', async () => {
    await put({ sms: { enabled: false } });
    const res = await t.admin.request('/api/v1/settings/notifications/test', {
      method: 'POST',
      json: { channel: 'sms' },
    });
    assert.equal(res.status, 409);
    assert.match((await body(res)).detail, /SMS|sms/);
  });

  type FieldErr = { path: string; code: string; message: string };
  const errorsOf = async (json: unknown): Promise<FieldErr[]> => {
    const res = await put(json);
    assert.equal(res.status, 400, `${JSON.stringify(json)}: ${await res.clone().text()}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    return (await body(res)).errors;
  };
  const stored = async () => {
    const [row] = await t.deps.db.all<{ value: string }>(sql`select value from settings where key = 'notify'`);
    return JSON.parse(row!.value);
  };

  test('S8 (review #2): a new SMTP host or SMS gateway origin needs the password and header values typed \
again', async () => {
    let res = await put({
      email: { host: 'smtp.corp.example', username: 'herald', password: 'S3cret-SMTP-pw' },
      sms: {
        url: 'https://gw.example/send',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Authorization', value: 'Bearer sk_live_TOKEN' },
        ],
      },
    });
    assert.equal(res.status, 200, await res.clone().text());

    // The review's capture: point both at one's own servers and leave the secrets out.
    let errors = await errorsOf({
      email: { host: '127.0.0.1', port: 2600 },
      sms: { url: 'http://127.0.0.1:9/capture', headers: [{ name: 'Content-Type' }, { name: 'Authorization' }] },
    });
    assert.deepEqual(
      errors.map((e) => `${e.path}:${e.code}`),
      ['email.password:required', 'sms.headers.0.value:required', 'sms.headers.1.value:required'],
    );
    assert.equal(
      errors[0]!.message,
      'Enter the password again: a saved password is only sent to the server it was saved for',
    );
    assert.equal((await stored()).email.host, 'smtp.corp.example', 'nothing saved');
    // Headers left out keep every stored value: each is named.
    errors = await errorsOf({ sms: { url: 'https://evil.example/send' } });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['sms.headers.0.value', 'sms.headers.1.value'],
    );
    // Only the kept ones: a retyped value is fine, a new header without a value keeps nothing.
    errors = await errorsOf({
      sms: {
        url: 'https://gw.example:8443/send',
        headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-New' }, { name: 'Authorization' }],
      },
    });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['sms.headers.2.value'],
    );

    // Another port, or implicit TLS turned off, needs the password again too.
    errors = await errorsOf({ email: { port: 2600 } });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['email.password'],
    );
    // The same server (host case; a new path on the same origin) keeps them.
    res = await put({ email: { host: 'SMTP.corp.example', secure: true }, sms: { url: 'https://gw.example/v2/send' } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await stored()).email.password, 'S3cret-SMTP-pw');
    errors = await errorsOf({ email: { secure: false } });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['email.password'],
    );
    // Typed again (or cleared), the move is fine.
    res = await put({
      email: { host: 'smtp2.corp.example', password: 'new-pw' },
      sms: { url: 'https://gw2.example/send', headers: [{ name: 'Authorization', value: 'Bearer new' }] },
    });
    assert.equal(res.status, 200, await res.clone().text());
    res = await put({ email: { host: 'smtp3.corp.example', password: '' } });
    assert.equal((await body(res)).email.passwordSet, false);
    // The webhook secret is only the HMAC key, never sent: a new URL keeps it.
    res = await put({ webhook: { url: 'https://other.example/hook' } });
    assert.equal(res.status, 200);
    assert.equal((await body(res)).webhook.secretSet, true);
  });

  test('R9 (review #7): settings that could never be sent are refused with field errors at their paths', async () => {
    for (const value of ['令牌abc', 'a\u0000b', 'a\tb', 'tok\u007f', 'a\u0085b']) {
      const errors = await errorsOf({ sms: { headers: [{ name: 'X-Token', value }] } });
      assert.deepEqual(
        errors.map((e) => e.path),
        ['sms.headers.0.value'],
        JSON.stringify(value),
      );
    }
    assert.equal(
      (await put({ sms: { headers: [{ name: 'X-Token', value: 'Bearer abc-123 café ~!' }] } })).status,
      200,
      'visible ASCII and Latin-1',
    );
    assert.deepEqual(
      (
        await errorsOf({
          sms: {
            headers: [
              { name: 'Authorization', value: 'A' },
              { name: 'authorization', value: 'B' },
            ],
          },
        })
      ).map((e) => e.path),
      ['sms.headers.1.name'],
    );

    for (const [path, json] of [
      ['webhook.url', { webhook: { url: 'https://user:pass@hook.example/x' } }],
      ['sms.url', { sms: { url: 'https://user:pass@gw.example/send' } }],
      ['sms.url', { sms: { url: 'https://token@gw.example/send' } }],
      ['linkTemplate', { linkTemplate: 'https://user:pass@intranet.example/m/{{messageId}}' }],
    ] as const) {
      const errors = await errorsOf(json);
      assert.deepEqual(
        errors.map((e) => e.path),
        [path],
      );
      assert.match(errors[0]!.message, /No user name or password in the URL/);
    }
    assert.match((await errorsOf({ sms: { url: 'https://user:pass@gw.example/send' } }))[0]!.message, /header/);
    // Headers fetch refuses, and placeholders that would let a sender's text pick the server (second review).
    for (const name of ['Expect', 'keep-alive', 'Upgrade']) {
      assert.deepEqual(
        (await errorsOf({ sms: { headers: [{ name, value: 'x' }] } })).map((e) => e.path),
        ['sms.headers.0.name'],
        name,
      );
    }
    for (const url of [
      'https://gw.example{{text}}/send',
      'https://{{phone}}.gw.example/send',
      'http://gw.example:{{key}}/',
    ]) {
      assert.deepEqual(
        (await errorsOf({ sms: { url } })).map((e) => e.path),
        ['sms.url'],
        url,
      );
    }
    assert.equal(
      (await put({ sms: { url: 'https://gw.example/send/{{phone}}?text={{text}}', headers: [] } })).status,
      200,
      'in the path and query',
    );

    for (const host of [
      'exa mple',
      'smtp.example.com\u0000',
      'smtp.example.com\r\nX: 1',
      'a/b',
      'http://smtp.example.com',
    ]) {
      assert.deepEqual(
        (await errorsOf({ email: { host } })).map((e) => e.path),
        ['email.host'],
        JSON.stringify(host),
      );
    }
    for (const host of ['smtp.corp.example', '93.184.215.14', '2606:4700::1111', 'mail-1.example.com.']) {
      assert.equal((await put({ email: { host, password: '' } })).status, 200, host);
    }
    // Issue 13: an internal address is refused at once (names are checked at every connection).
    for (const host of ['10.0.0.5', '169.254.169.254', '0.0.0.0', '2001:db8::25', 'fd00::1']) {
      assert.deepEqual(
        (await errorsOf({ email: { host, password: '' } })).map((e) => `${e.path} ${e.code}`),
        ['email.host address-not-allowed'],
        host,
      );
    }
    for (const from of [
      'Herald\r\nBcc: x@y.z <h@example.com>',
      'Herald\u0000 <h@example.com>',
      'Her\tald <h@example.com>',
    ]) {
      assert.deepEqual(
        (await errorsOf({ email: { from } })).map((e) => e.path),
        ['email.from'],
        JSON.stringify(from),
      );
    }
  });

  test('R9 (review #4): sms.bodyFormat defaults to json; a template must keep its structure with hostile \
values', async () => {
    assert.equal((await body(await t.admin.request('/api/v1/settings/notifications'))).sms.bodyFormat, 'json');
    await put({ sms: { headers: [] } });
    for (const bodyTemplate of [
      '{"to":{{phone}},"text":"{{text}}"}',
      'to={{phone}}&text={{text}}',
      '{"{{text}}":"x"}',
      '{"to":"{{phone}}","text":{{text}}}',
    ]) {
      const errors = await errorsOf({ sms: { bodyTemplate } });
      assert.deepEqual(
        errors.map((e) => `${e.path}:${e.code}`),
        ['sms.bodyTemplate:invalid-format'],
        bodyTemplate,
      );
      assert.equal(errors[0]!.message, 'Put {{phone}} and {{text}} inside JSON strings');
    }
    let res = await put({
      sms: { bodyTemplate: '{"to":"{{phone}}","msg":{"text":"{{text}}","ref":"{{key}}"},"n":1}' },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await body(res)).sms.bodyFormat, 'json');

    assert.deepEqual(
      (await errorsOf({ sms: { bodyFormat: 'form', bodyTemplate: '{{text}}=1&to={{phone}}' } })).map((e) => e.path),
      ['sms.bodyTemplate'],
    );
    res = await put({ sms: { bodyFormat: 'form', bodyTemplate: 'to={{phone}}&msg={{text}}' } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await body(res)).sms.bodyFormat, 'form');
    assert.equal((await stored()).sms.bodyFormat, 'form');

    res = await put({ sms: { bodyFormat: 'text', bodyTemplate: 'SMS {{phone}}: {{text}}' } });
    assert.equal(res.status, 200, await res.clone().text());
    // Raw values under a Content-Type that the gateway parses would let a sender write its fields.
    assert.deepEqual(
      (await errorsOf({ sms: { headers: [{ name: 'Content-Type', value: 'application/json' }] } })).map((e) => e.path),
      ['sms.bodyFormat'],
    );
    assert.deepEqual(
      (await errorsOf({ sms: { bodyFormat: 'xml' } })).map((e) => e.path),
      ['sms.bodyFormat'],
    );
    // GET sends no body: no template check.
    assert.equal((await put({ sms: { method: 'GET', bodyFormat: 'json', bodyTemplate: 'not json' } })).status, 200);
  });
});
