// Self-service profile (issue 20 item 7): a member's language at once; e-mail and phone only by the code sent to the
// new address, over the real e-mail channel (a loopback SMTP receiver) and a loopback SMS gateway.
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { demoApp } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { closeEmailTransport } from '../notify/channels/index.js';
import { updateNotifySettings } from '../notify/settings.js';
import { startHttpReceiver, startSmtpReceiver } from '../notify/testing.js';
import { members } from '../org/schema.js';
import { maskedAddress, VERIFICATION } from './service.js';

const SYSTEM = { kind: 'system' } as const;
const INFO = { ip: null, userAgent: null, requestId: null };
const PROFILE = '/api/v1/me/profile';

describe('my profile (issue 20 item 7)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let gateway: Awaited<ReturnType<typeof startHttpReceiver>>;
  let lisi: Browser;

  before(async () => {
    demo = await demoApp();
    smtp = await startSmtpReceiver();
    gateway = await startHttpReceiver();
    await updateNotifySettings(
      demo.deps.db,
      SYSTEM,
      { email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, from: 'herald@example.com' } },
      INFO,
    );
    lisi = await demo.as('E1002');
  });
  after(async () => {
    mock.timers.reset();
    closeEmailTransport();
    await smtp.close();
    await gateway.close();
    demo.deps.cleanup();
  });

  const codeMailedTo = (address: string) => {
    const mail = smtp.received.filter((m) => m.to === address).at(-1);
    return /\b(\d{6})\b/.exec(mail?.mail.text ?? '')?.[1];
  };
  const ask = (b: Browser, kind: 'email' | 'phone', value: string) =>
    b.request(`${PROFILE}/verifications`, { method: 'POST', json: { kind, value } });
  const confirm = (b: Browser, kind: 'email' | 'phone', code: string) =>
    b.request(`${PROFILE}/verifications/confirm`, { method: 'POST', json: { kind, code } });
  const lisiRow = async () => (await demo.deps.db.select().from(members).where(eq(members.id, demo.ids.E1002!)))[0]!;

  test('issue 20: my profile; the language changes at once and is audited', async () => {
    const res = await lisi.request(PROFILE);
    assert.equal(res.status, 200);
    const me = await body(res);
    assert.equal(me.email, 'lisi@example.com');
    assert.deepEqual(me.verifiable, { email: true, phone: false });
    const saved = await lisi.request(PROFILE, { method: 'PATCH', json: { locale: 'zh-CN' } });
    assert.equal(saved.status, 200);
    assert.equal((await body(saved)).locale, 'zh-CN');
    assert.equal((await body(await lisi.request('/api/v1/me'))).subject.locale, 'zh-CN');
    const bad = await lisi.request(PROFILE, { method: 'PATCH', json: { locale: 'klingon' } });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
    const [entry] = await demo.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'profile.locale.update'), eq(auditLog.targetId, demo.ids.E1002!)));
    assert.deepEqual(entry?.after, { locale: 'zh-CN' });
  });

  test('issue 20: a new e-mail takes effect only with the code mailed to it; the code is single-use', async () => {
    const asked = await ask(lisi, 'email', 'Li.Si@New.example.com');
    assert.equal(asked.status, 202, await asked.clone().text());
    assert.equal((await body(asked)).value, 'li.si@new.example.com');
    assert.equal((await lisiRow()).email, 'lisi@example.com', 'unchanged until the code comes back');
    const code = codeMailedTo('li.si@new.example.com');
    assert.ok(code, 'a six-digit code arrived at the new address');
    assert.match(smtp.received.at(-1)!.mail.subject ?? '', /验证码/, 'in the member’s language');
    const pending = await body(await lisi.request(PROFILE));
    assert.deepEqual(
      pending.pending.map((p: { kind: string; value: string }) => [p.kind, p.value]),
      [['email', 'li.si@new.example.com']],
    );

    const wrong = await confirm(lisi, 'email', code === '000000' ? '111111' : '000000');
    assert.equal(wrong.status, 400);
    assert.equal((await body(wrong)).code, 'verification-failed');
    const ok = await confirm(lisi, 'email', code);
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await body(ok)).email, 'li.si@new.example.com');
    assert.equal((await lisiRow()).email, 'li.si@new.example.com');
    const again = await confirm(lisi, 'email', code);
    assert.equal(again.status, 400, 'single use');
    // The old address hears of the change (as mail providers do), with the new one masked.
    const notice = smtp.received.filter((m) => m.to === 'lisi@example.com').at(-1)?.mail;
    assert.match(notice?.subject ?? '', /邮箱已更改/, 'the notice, in the member’s language');
    assert.match(notice?.text ?? '', /li\*\*\*@new\.example\.com/);
    assert.doesNotMatch(notice?.text ?? '', /li\.si@/, 'the new address is not handed out whole');

    const actions = (await demo.deps.db.select().from(auditLog).where(eq(auditLog.targetId, demo.ids.E1002!))).map(
      (a) => a.action,
    );
    for (const action of ['profile.contact.code-sent', 'profile.contact.code-wrong', 'profile.contact.change'])
      assert.ok(actions.includes(action), action);
    // Sign-in by the new address works now.
    const fresh = await demo.as('E1002');
    assert.ok(fresh);
  });

  test('issue 20: the notice to the old address masks the new one', () => {
    assert.equal(maskedAddress('email', 'li.si@new.example.com'), 'li***@new.example.com');
    assert.equal(maskedAddress('email', 'a@b.example'), 'a***@b.example');
    assert.equal(maskedAddress('phone', '+86 138 0013 5678'), '+** *** **** 5678');
  });

  test('issue 20: a code expires (fake clock) and is attempt-limited', async () => {
    const wangwu = await demo.as('E1003');
    assert.equal((await ask(wangwu, 'email', 'ww@new.example.com')).status, 202);
    const code = codeMailedTo('ww@new.example.com')!;
    // Asking again at once is refused (no flooding an address with codes).
    const soon = await ask(wangwu, 'email', 'ww@new.example.com');
    assert.equal(soon.status, 429);
    try {
      mock.timers.enable({ apis: ['Date'], now: Date.now() + VERIFICATION.ttlMs + 1000 });
      const late = await confirm(wangwu, 'email', code);
      assert.equal(late.status, 400);
      assert.equal((await body(late)).reason, 'expired');
      // A new code; five wrong tries use it up, then even the right one is refused.
      assert.equal((await ask(wangwu, 'email', 'ww@new.example.com')).status, 202);
      const second = codeMailedTo('ww@new.example.com')!;
      const wrong = second === '000000' ? '111111' : '000000';
      for (let i = 0; i < VERIFICATION.maxAttempts; i++)
        assert.equal((await confirm(wangwu, 'email', wrong)).status, 400);
      const locked = await confirm(wangwu, 'email', second);
      assert.equal(locked.status, 429);
      assert.equal((await body(locked)).code, 'too-many-attempts');
    } finally {
      mock.timers.reset();
    }
    const row = (await demo.deps.db.select().from(members).where(eq(members.id, demo.ids.E1003!)))[0]!;
    assert.equal(row.email, 'wangwu@example.com');
  });

  test('issue 20: at most VERIFICATION.maxCodesPerDay codes a day (tries restart per code)', async () => {
    const zhao = await demo.as('E1005');
    const start = Date.now();
    try {
      for (let i = 0; i < VERIFICATION.maxCodesPerDay; i++) {
        mock.timers.enable({ apis: ['Date'], now: start + i * (VERIFICATION.resendAfterMs + 1000) });
        assert.equal((await ask(zhao, 'email', 'zhao@new.example.com')).status, 202, `code ${i + 1}`);
        mock.timers.reset();
      }
      mock.timers.enable({ apis: ['Date'], now: start + 10 * (VERIFICATION.resendAfterMs + 1000) });
      const capped = await ask(zhao, 'email', 'zhao@new.example.com');
      assert.equal(capped.status, 429);
      assert.ok((await body(capped)).retryAfter > 3_600, 'until a day after the first');
    } finally {
      mock.timers.reset();
    }
  });

  test('issue 20: a phone needs the SMS channel; with it the code goes to the new number', async () => {
    const off = await ask(lisi, 'phone', '13900001111');
    assert.equal(off.status, 409);
    assert.equal((await body(off)).code, 'verification-unavailable');
    await updateNotifySettings(
      demo.deps.db,
      SYSTEM,
      { sms: { enabled: true, url: gateway.url, method: 'POST', bodyFormat: 'json' } },
      INFO,
    );
    const bad = await ask(lisi, 'phone', 'call me');
    assert.equal(bad.status, 400);
    assert.equal((await body(bad)).errors[0].code, 'invalid-phone');
    assert.equal((await ask(lisi, 'phone', '139 0000 1111')).status, 202);
    const sms = gateway.received.at(-1)!;
    assert.equal(sms.json.to, '13900001111');
    const code = /\b(\d{6})\b/.exec(String(sms.json.text))?.[1];
    assert.ok(code);
    const ok = await confirm(lisi, 'phone', code);
    assert.equal(ok.status, 200);
    assert.equal((await lisiRow()).phone, '13900001111');
  });

  test('issue 20: someone else’s e-mail cannot be taken', async () => {
    const res = await ask(lisi, 'email', 'zhangsan@example.com');
    assert.equal(res.status, 409);
    assert.equal((await body(res)).errors[0].code, 'duplicate');
  });
});
