// Notification content and the three channels (R9), against real receivers on loopback: an SMTP server and HTTP
// endpoints that check Herald's signature. No mocks: what a receiver records is what left the process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { Problem } from '../../http/problem.js';
import { demoApp } from '../../testing/demo.js';
import type { Actor } from '../auth/actor.js';
import type { RichDoc } from '../messages/content/index.js';
import { members } from '../org/schema.js';
import { settings as settingsTable } from '../settings/schema.js';
import { closeEmailTransport, sendEmail } from './channels/email.js';
import { SENDERS } from './channels/index.js';
import { bodyEscaper, fillTemplate } from './channels/sms-body.js';
import { sendSms, smsSafeText } from './channels/sms.js';
import { DeliveryError, type Notification } from './channels/types.js';
import { sendWebhook } from './channels/webhook.js';
import { clip, formatUtc, messageLink, notifyLocale, renderContent, SHORT_MAX } from './content.js';
import type { Channel } from './schema.js';
import { DEFAULT_NOTIFY, type NotifySettings } from './settings.js';
import { startHttpReceiver, startSmtpReceiver, verifySignature } from './testing.js';
import { sendTest } from './test-send.js';
import { allowLoopback } from '../../testing/deps.js';

const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const doc = (...content: unknown[]): RichDoc => ({ type: 'doc', content }) as RichDoc;
const plain = (text: string) => doc(p(t(text)));

type Overrides = {
  channel?: Channel;
  locale?: 'en' | 'zh-CN';
  priority?: Notification['message']['priority'];
  round?: number;
  subject?: string;
  senderName?: string;
  body?: RichDoc;
  bodyText?: string;
  linkTemplate?: string;
  address?: string | null;
  receiptRequired?: boolean;
  expiresAt?: number | null;
  attachmentCount?: number;
};

/** A notification as the worker builds it: content rendered from the rich text in the recipient's locale. */
function notification(o: Overrides = {}): Notification {
  const channel = o.channel ?? 'email';
  const bodyText = o.bodyText ?? 'The server room is closed today for maintenance.';
  const recipient: Notification['recipient'] = {
    kind: 'member',
    id: 'mem-1',
    name: 'Wang Wu',
    email: 'wangwu@example.com',
    phone: '+8613800000000',
    locale: o.locale ?? 'en',
  };
  const message: Notification['message'] = {
    id: 'msg-1',
    subject: o.subject ?? 'Server room closed',
    priority: o.priority ?? 'urgent',
    senderName: o.senderName ?? 'Zhang San',
    deliveredAt: Date.UTC(2026, 10, 24, 8, 0),
    expiresAt: o.expiresAt === undefined ? Date.UTC(2026, 10, 25, 18, 30) : o.expiresAt,
    receiptRequired: o.receiptRequired ?? true,
    attachmentCount: o.attachmentCount ?? 2,
  };
  const round = o.round ?? 0;
  const address =
    o.address !== undefined
      ? o.address
      : channel === 'email'
        ? recipient.email
        : channel === 'sms'
          ? recipient.phone
          : null;
  return {
    idempotencyKey: `msg-1.mem-1.${channel}.${round}`,
    channel,
    round,
    address,
    recipient,
    message,
    content: renderContent({
      recipient,
      message,
      body: o.body ?? plain(bodyText),
      bodyText,
      round,
      linkTemplate: o.linkTemplate ?? 'https://intranet.example.com/inbox?message={{messageId}}',
    }),
  };
}

function settingsWith(patch: {
  email?: Partial<NotifySettings['email']>;
  webhook?: Partial<NotifySettings['webhook']>;
  sms?: Partial<NotifySettings['sms']>;
}): NotifySettings {
  return {
    ...DEFAULT_NOTIFY,
    email: { ...DEFAULT_NOTIFY.email, ...patch.email },
    webhook: { ...DEFAULT_NOTIFY.webhook, ...patch.webhook },
    sms: { ...DEFAULT_NOTIFY.sms, ...patch.sms },
  };
}

/** The DeliveryError a send throws (fails the test when it does not throw one). */
async function deliveryError(send: Promise<void>): Promise<DeliveryError> {
  try {
    await send;
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `expected a DeliveryError, got ${String(err)}`);
    assert.ok(err.message.length <= 300);
    return err;
  }
  assert.fail('the send should have failed');
}

// The receivers here listen on loopback, which Herald's outbound requests reach only when allowed.
before(allowLoopback);

describe('notification content (R9)', () => {
  test('R9: subject carries the priority in the recipient’s locale', () => {
    assert.equal(notification({ priority: 'urgent' }).content.subject, '[Urgent] Server room closed');
    assert.equal(notification({ priority: 'high' }).content.subject, '[Important] Server room closed');
    assert.equal(notification({ priority: 'normal' }).content.subject, 'Server room closed');
    assert.equal(
      notification({ priority: 'urgent', locale: 'zh-CN', subject: '机房关闭' }).content.subject,
      '【紧急】机房关闭',
    );
    assert.equal(
      notification({ priority: 'high', locale: 'zh-CN', subject: '机房关闭' }).content.subject,
      '【重要】机房关闭',
    );
    assert.equal(notifyLocale('zh'), 'zh-CN');
    assert.equal(notifyLocale('zh-TW'), 'zh-CN');
    assert.equal(notifyLocale(null), 'en');
    assert.equal(notifyLocale('de'), 'en');
  });

  test('R9: short text has sender, subject, an excerpt, "please confirm" and ends with the link', () => {
    const n = notification({ bodyText: 'Line one.\n\n  Line   two.' });
    assert.equal(
      n.content.short,
      '[Urgent] "Server room closed" from Zhang San. Line one. Line two. Please confirm receipt. Open: ' +
        'https://intranet.example.com/inbox?message=msg-1',
    );
    const zh = notification({ locale: 'zh-CN', subject: '机房关闭', senderName: '张三', bodyText: '今天机房关闭' });
    assert.equal(
      zh.content.short,
      '【紧急】张三发来“机房关闭”。今天机房关闭。请确认收到。查看：https://intranet.example.com/inbox?message=msg-1',
    );
    assert.ok(!notification({ receiptRequired: false }).content.short.includes('confirm'));
  });

  test('R9: short text stays within 300 characters, however long the parts', () => {
    const long = notification({ subject: 'S'.repeat(250), senderName: 'N'.repeat(200), bodyText: 'word '.repeat(500) });
    assert.ok(long.content.short.length <= SHORT_MAX, String(long.content.short.length));
    assert.ok(long.content.short.endsWith('https://intranet.example.com/inbox?message=msg-1'));
    const hugeLink = notification({ linkTemplate: `https://example.com/${'x'.repeat(400)}?m={{messageId}}` });
    assert.ok(hugeLink.content.short.length <= SHORT_MAX);
    assert.ok(hugeLink.content.short.includes('Server room closed'));
    const excerpt = notification({ bodyText: 'é'.repeat(500) }).content.short;
    assert.ok(
      excerpt.includes(`${'é'.repeat(119)}…`) && !excerpt.includes('é'.repeat(120)),
      'the excerpt is ~120 characters',
    );
    assert.equal(clip('a😀b', 3), 'a…', 'a surrogate pair is never cut in half');
  });

  test('R9: the link is used only when the template yields an http(s) URL, with the id URL-encoded', () => {
    assert.equal(messageLink('https://x.example/m/{{messageId}}', 'a/b c'), 'https://x.example/m/a%2Fb%20c');
    assert.equal(messageLink('http://x.example/?m={{messageId}}', 'id'), 'http://x.example/?m=id');
    assert.equal(messageLink('', 'id'), null);
    assert.equal(messageLink('javascript:alert({{messageId}})', 'id'), null);
    assert.equal(messageLink('ftp://x.example/{{messageId}}', 'id'), null);
    assert.equal(messageLink('/inbox/{{messageId}}', 'id'), null);
    const none = notification({ linkTemplate: 'javascript:alert(1)' });
    assert.equal(none.content.link, null);
    assert.ok(
      !none.content.short.includes('Open') &&
        !none.content.text.includes('javascript') &&
        !none.content.html.includes('javascript'),
    );
  });

  test('R9: a reminder round is worded as a reminder', () => {
    const en = notification({ round: 2 });
    assert.equal(en.content.subject, '[Urgent] Reminder: Server room closed');
    assert.ok(en.content.short.startsWith('[Urgent] Reminder: '));
    assert.ok(en.content.text.startsWith('Reminder: you have not confirmed this message yet.'));
    const zh = notification({ round: 1, locale: 'zh-CN', subject: '机房关闭' });
    assert.equal(zh.content.subject, '【紧急】提醒：机房关闭');
    assert.ok(zh.content.short.startsWith('【紧急】提醒：'));
    assert.ok(zh.content.html.includes('提醒：您尚未确认此消息。'));
  });

  test('R9: e-mail text has sender, subject, full body, confirm note, expiry in UTC, attachment count and link', () => {
    const body =
      'First paragraph.\nSecond line with more details that go well past one hundred and twenty characters, ' +
      'so that the e-mail shows all of it.';
    const en = notification({ bodyText: body }).content.text;
    for (const part of [
      'From: Zhang San',
      'Subject: Server room closed',
      body,
      'confirm that you have read it',
      'This message expires on 2026-11-25 18:30 UTC.',
      '2 attachments – open Herald to see them.',
      'Open in Herald: https://intranet.example.com/inbox?message=msg-1',
    ]) {
      assert.ok(en.includes(part), `missing ${part}`);
    }
    assert.ok(notification({ attachmentCount: 1 }).content.text.includes('1 attachment – open Herald to see it.'));
    const zh = notification({ locale: 'zh-CN', expiresAt: null, attachmentCount: 2 }).content.text;
    assert.ok(
      zh.includes('发件人：Zhang San') &&
        zh.includes('2 个附件，请在 Herald 中查看。') &&
        zh.includes('在 Herald 中打开：'),
    );
    assert.ok(!zh.includes('过期'));
    assert.ok(!notification({ attachmentCount: 0, receiptRequired: false }).content.text.includes('attachment'));
    assert.equal(formatUtc(Date.UTC(2026, 0, 2, 3, 4, 59)), '2026-01-02 03:04 UTC');
  });

  test('R9: nothing from the sender is written into the HTML as markup', () => {
    const n = notification({
      subject: '<b>Subject</b> & "quotes"',
      senderName: '<img src=x onerror=alert(1)>',
      body: doc(
        p(
          t('<script>alert(1)</script> '),
          t('<img src=x onerror=alert(2)>', [{ type: 'bold' }]),
          t(' click', [{ type: 'link', attrs: { href: 'javascript:alert(3)' } }]),
          t(' safe', [{ type: 'link', attrs: { href: 'https://ok.example/"><script>', flag: 'unlisted' } }]),
        ),
      ),
    });
    const html = n.content.html;
    assert.ok(!/<script|<img|<b>|javascript:/i.test(html), html);
    for (const [, style] of html.matchAll(/style="([^"]*)"/g))
      assert.ok(style!.endsWith(';') || /[a-z0-9)]$/i.test(style!), `style attribute cut short: ${style}`);
    assert.ok(!/style="[^"]*"[^ >]/.test(html), 'a style attribute is closed where it should be');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('<strong>&lt;img src=x onerror=alert(2)&gt;</strong>'));
    assert.ok(html.includes('&lt;b&gt;Subject&lt;/b&gt; &amp; &quot;quotes&quot;'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('href="https://ok.example/%22%3E%3Cscript%3E"'), 'a link is written URL-encoded');
    assert.ok(html.includes('This link leads to a site outside the approved list.'), 'link warning in the locale');
    const zh = notification({
      locale: 'zh-CN',
      body: doc(p(t('x', [{ type: 'link', attrs: { href: 'https://x.example', flag: 'lookalike' } }]))),
    });
    assert.ok(zh.content.html.includes('此链接的地址仿冒了其他网站的名称') && zh.content.html.includes('lang="zh-CN"'));
  });
});

describe('e-mail channel (R9)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  before(async () => {
    smtp = await startSmtpReceiver();
  });
  after(async () => {
    closeEmailTransport();
    await smtp.close();
  });
  const mailSettings = (port: number, extra: Partial<NotifySettings['email']> = {}) =>
    settingsWith({
      email: { enabled: true, host: '127.0.0.1', port, secure: false, from: 'Herald <herald@example.com>', ...extra },
    });

  test('R9: an urgent e-mail arrives with subject, text, HTML, the key as Message-ID and header (en)', async () => {
    const n = notification();
    await sendEmail(n, mailSettings(smtp.port));
    const got = smtp.received.at(-1)!;
    assert.equal(got.to, 'wangwu@example.com');
    assert.equal(got.mail.subject, '[Urgent] Server room closed');
    assert.equal(got.mail.messageId, '<msg-1.mem-1.email.0@herald>');
    assert.equal(got.mail.headers.get('herald-idempotency-key'), 'msg-1.mem-1.email.0');
    assert.equal(
      got.mail.headers.get('auto-submitted'),
      'auto-generated',
      'no out-of-office replies to the sender address',
    );
    assert.equal(got.mail.from?.value[0]?.address, 'herald@example.com');
    assert.ok(got.mail.text?.includes('The server room is closed today for maintenance.'));
    assert.ok(got.mail.text?.includes('2 attachments'));
    assert.ok(typeof got.mail.html === 'string' && got.mail.html.includes('<h1'));
  });

  test('R9: a zh-CN e-mail arrives in Chinese', async () => {
    await sendEmail(
      notification({ locale: 'zh-CN', subject: '机房关闭', senderName: '张三', bodyText: '今天机房关闭维护。' }),
      mailSettings(smtp.port),
    );
    const got = smtp.received.at(-1)!.mail;
    assert.equal(got.subject, '【紧急】机房关闭');
    assert.ok(got.text?.includes('发件人：张三') && got.text.includes('今天机房关闭维护。'));
    assert.ok(typeof got.html === 'string' && got.html.includes('机房关闭'));
  });

  test('R9: a hostile body never reaches the received e-mail as markup', async () => {
    const n = notification({
      subject: '<script>x</script>',
      body: doc(
        p(
          t('<script>alert(1)</script>'),
          t('<img src=x onerror=alert(1)>', [{ type: 'italic' }]),
          t('go', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        ),
      ),
    });
    await sendEmail(n, mailSettings(smtp.port));
    const html = String(smtp.received.at(-1)!.mail.html);
    assert.ok(!html.includes('<script') && !html.includes('<img') && !html.includes('javascript:'), html);
    assert.ok(
      html.includes('&lt;script&gt;alert(1)&lt;/script&gt;') &&
        html.includes('<em>&lt;img src=x onerror=alert(1)&gt;</em>'),
    );
  });

  test('R9: SMTP login is used when a user name is set; a refused login is transient and never quotes the \
password', async () => {
    const authed = await startSmtpReceiver({ user: 'herald', pass: 'S3cret-pass' });
    try {
      await sendEmail(notification(), mailSettings(authed.port, { username: 'herald', password: 'S3cret-pass' }));
      assert.equal(authed.received.length, 1);
      const err = await deliveryError(
        sendEmail(notification(), mailSettings(authed.port, { username: 'herald', password: 'wrong-pass' })),
      );
      assert.equal(err.permanent, false);
      assert.match(err.message, /^SMTP login refused/);
      assert.ok(!err.message.includes('wrong-pass'));
      assert.equal(authed.received.length, 1);
    } finally {
      await authed.close();
    }
  });

  test('R9: an SMTP server that is down is a transient failure', async () => {
    const down = await startSmtpReceiver();
    const port = down.port;
    await down.down();
    const err = await deliveryError(sendEmail(notification(), mailSettings(port)));
    assert.equal(err.permanent, false);
    assert.equal(err.message, `Connection refused (127.0.0.1:${port})`);
  });

  test('R9: a 5xx refusal of the recipient is permanent, a 4xx one transient', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      authOptional: true,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('gone'))
          cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        else if (address.address.startsWith('busy'))
          cb(Object.assign(new Error('4.2.1 try again later'), { responseCode: 451 }));
        else cb();
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const gone = await deliveryError(sendEmail(notification({ address: 'gone@example.com' }), mailSettings(port)));
      assert.equal(gone.permanent, true);
      assert.equal(
        gone.message,
        'SMTP 550 5.1.1: the server refused the recipient',
        "codes only, never the server's words (issue 13)",
      );
      const busy = await deliveryError(sendEmail(notification({ address: 'busy@example.com' }), mailSettings(port)));
      assert.equal(busy.permanent, false);
      assert.equal(busy.message, 'SMTP 451 4.2.1: the server refused the recipient');
    } finally {
      closeEmailTransport(); // the pool keeps its connection open otherwise, and close() would wait for it
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('S8: e-mails share a pool of at most 3 connections: ten at once do not open ten', async () => {
    let connections = 0;
    const to: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      authOptional: true,
      onConnect(_session, cb) {
        connections++;
        cb();
      },
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          to.push(...session.envelope.rcptTo.map((r) => r.address));
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const addresses = Array.from({ length: 10 }, (_, i) => `person${i}@example.com`);
      await Promise.all(addresses.map((address) => sendEmail(notification({ address }), mailSettings(port))));
      assert.deepEqual(to.sort(), addresses.sort());
      assert.ok(connections >= 1 && connections <= 3, `${connections} connections`);
      // Later sends with the same settings reuse them.
      await sendEmail(notification({ address: 'later@example.com' }), mailSettings(port));
      assert.ok(connections <= 3, `${connections} connections`);
    } finally {
      closeEmailTransport();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('webhook channel (R9)', () => {
  const SECRET = 'whsec-test-0123456789';
  let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
  before(async () => {
    hook = await startHttpReceiver({ secret: SECRET });
  });
  after(async () => {
    await hook.close();
  });
  const hookSettings = (url: string, secret = SECRET) => settingsWith({ webhook: { enabled: true, url, secret } });

  test('R9: a signed POST the receiver verifies, with the documented payload', async () => {
    hook.state.status = 200;
    const n = notification({ channel: 'webhook' });
    await SENDERS.webhook(n, hookSettings(hook.url));
    const got = hook.received.at(-1)!;
    assert.equal(got.signatureValid, true);
    assert.ok(verifySignature(SECRET, got.headers, got.body));
    assert.equal(got.headers[':method'], 'POST');
    assert.match(String(got.headers['content-type']), /^application\/json/);
    assert.equal(got.headers['herald-idempotency-key'], 'msg-1.mem-1.webhook.0');
    assert.match(String(got.headers['herald-signature']), /^v1=[0-9a-f]{64}$/);
    assert.ok(Math.abs(Number(got.headers['herald-timestamp']) - Date.now() / 1000) < 5);
    assert.deepEqual(got.json, {
      id: 'msg-1.mem-1.webhook.0',
      type: 'message.notification',
      round: 0,
      recipient: {
        kind: 'member',
        id: 'mem-1',
        name: 'Wang Wu',
        email: 'wangwu@example.com',
        phone: '+8613800000000',
        locale: 'en',
      },
      message: {
        id: 'msg-1',
        subject: 'Server room closed',
        priority: 'urgent',
        senderName: 'Zhang San',
        deliveredAt: Date.UTC(2026, 10, 24, 8, 0),
        expiresAt: Date.UTC(2026, 10, 25, 18, 30),
        receiptRequired: true,
        attachmentCount: 2,
        link: 'https://intranet.example.com/inbox?message=msg-1',
      },
      text: n.content.short,
    });
  });

  test('R9: a wrong secret is refused (401) and that is permanent; the secret is never in the error', async () => {
    hook.state.status = 200;
    const err = await deliveryError(
      sendWebhook(notification({ channel: 'webhook' }), hookSettings(hook.url, 'tampered-secret')),
    );
    assert.equal(err.permanent, true);
    assert.equal(err.message, 'Webhook answered 401', "the status only: a receiver's answer is never read (issue 13)");
    assert.equal(err.reason, 'answered');
    assert.equal(err.status, 401);
    assert.equal(hook.received.at(-1)!.signatureValid, false);
  });

  test('R9: 500, 429 and 408 are transient; 404 and a redirect permanent', async () => {
    for (const [status, permanent] of [
      [500, false],
      [503, false],
      [429, false],
      [408, false],
      [404, true],
      [302, true],
    ] as const) {
      hook.state.status = status;
      const err = await deliveryError(sendWebhook(notification({ channel: 'webhook' }), hookSettings(hook.url)));
      assert.equal(err.permanent, permanent, `status ${status}`);
      assert.match(err.message, new RegExp(`^Webhook answered ${status}`));
    }
    hook.state.status = 200;
  });

  test('R9: a receiver that is down is transient; the URL (which may hold a token) is not quoted', async () => {
    const gone = await startHttpReceiver({ secret: SECRET });
    const url = `${gone.url}?token=abc123`;
    await gone.down();
    const err = await deliveryError(sendWebhook(notification({ channel: 'webhook' }), hookSettings(url)));
    assert.equal(err.permanent, false);
    assert.equal(err.message, `Connection refused (127.0.0.1:${gone.port})`);
  });

  test('R9: a receiver that never answers times out as a transient failure', async () => {
    const stalled = await startHttpReceiver({ hang: true });
    try {
      // Issue 14: no stopwatch; the receiver never answers, so the time-out's own message is the proof.
      const err = await deliveryError(
        sendWebhook(notification({ channel: 'webhook' }), hookSettings(stalled.url), { timeoutMs: 200 }),
      );
      assert.equal(err.permanent, false);
      assert.equal(err.message, `Timed out after 0.2 s (127.0.0.1:${stalled.port})`);
      assert.equal(stalled.received.length, 1);
    } finally {
      await stalled.close();
    }
  });
});

describe('SMS gateway channel (R9)', () => {
  let gw: Awaited<ReturnType<typeof startHttpReceiver>>;
  before(async () => {
    gw = await startHttpReceiver();
  });
  after(async () => {
    await gw.close();
  });
  const smsSettings = (sms: Partial<NotifySettings['sms']>) =>
    settingsWith({ sms: { enabled: true, url: gw.url, ...sms } });
  /**
   * A short text with everything that breaks a naive template: quotes, a backslash, newlines, Chinese, placeholders.
   */
  const tricky = () => {
    const n = notification({ channel: 'sms' });
    n.content.short = 'Line "one"\\\nLine two\r\n中文 {{key}} & =?';
    return n;
  };

  test('R9: a JSON body stays valid JSON with quotes, newlines and Chinese in the text; custom headers are \
sent', async () => {
    gw.state.status = 200;
    const n = tricky();
    await sendSms(
      n,
      smsSettings({
        method: 'POST',
        headers: [
          { name: 'Content-Type', value: 'application/json; charset=utf-8' },
          { name: 'Authorization', value: 'Bearer gw-token-1' },
        ],
        bodyTemplate: '{"to":"{{phone}}","text":"{{text}}","ref":"{{key}}"}',
      }),
    );
    const got = gw.received.at(-1)!;
    assert.equal(got.headers[':method'], 'POST');
    assert.equal(got.headers.authorization, 'Bearer gw-token-1');
    assert.equal(got.headers['herald-idempotency-key'], 'msg-1.mem-1.sms.0');
    assert.deepEqual(JSON.parse(got.body), {
      to: '+8613800000000',
      text: smsSafeText(n.content.short, n.content.link),
      ref: 'msg-1.mem-1.sms.0',
    });
  });

  test('R9: a form-encoded body escapes every value', async () => {
    const n = tricky();
    await sendSms(
      n,
      smsSettings({
        method: 'PUT',
        bodyFormat: 'form',
        headers: [{ name: 'content-type', value: 'application/x-www-form-urlencoded' }],
        bodyTemplate: 'to={{phone}}&msg={{text}}&id={{key}}',
      }),
    );
    const got = gw.received.at(-1)!;
    assert.equal(got.headers[':method'], 'PUT');
    const form = new URLSearchParams(got.body);
    assert.deepEqual([...form.keys()], ['to', 'msg', 'id']);
    assert.equal(form.get('to'), '+8613800000000');
    assert.equal(form.get('msg'), smsSafeText(n.content.short, n.content.link));
    assert.equal(form.get('id'), 'msg-1.mem-1.sms.0');
  });

  test('R9: GET puts the URL-encoded values in the query and sends no body', async () => {
    const n = tricky();
    await sendSms(
      n,
      smsSettings({
        method: 'GET',
        headers: [],
        url: `${gw.url}?to={{phone}}&msg={{text}}&id={{key}}`,
        bodyTemplate: '',
      }),
    );
    const got = gw.received.at(-1)!;
    assert.equal(got.headers[':method'], 'GET');
    assert.equal(got.body, '');
    const query = new URL(String(got.headers[':path']), 'http://x').searchParams;
    assert.equal(query.get('to'), '+8613800000000');
    assert.equal(query.get('msg'), smsSafeText(n.content.short, n.content.link));
    assert.equal(query.get('id'), 'msg-1.mem-1.sms.0');
  });

  test('R9: template filling is one pass and escapes by Content-Type', () => {
    const values = { phone: '{{key}}', text: 'a"b', key: 'K' };
    assert.equal(
      fillTemplate('{{phone}}|{{text}}|{{key}}|{{other}}', values, bodyEscaper('text/plain')),
      '{{key}}|a"b|K|{{other}}',
    );
    assert.equal(fillTemplate('{{text}}', values, bodyEscaper('application/json')), 'a\\"b');
    assert.equal(fillTemplate('{{text}}', values, bodyEscaper('application/x-www-form-urlencoded')), 'a%22b');
  });

  test('R9: gateway failures: 500 transient, 400 permanent, timeout transient; header values never \
quoted', async () => {
    const settings = smsSettings({
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Api-Key', value: 'key-secret-42' },
      ],
    });
    gw.state.status = 500;
    const failing = await deliveryError(sendSms(notification({ channel: 'sms' }), settings));
    assert.equal(failing.permanent, false);
    assert.equal(failing.message, 'SMS gateway answered 500');
    gw.state.status = 400;
    assert.equal((await deliveryError(sendSms(notification({ channel: 'sms' }), settings))).permanent, true);
    gw.state.status = 200;
    gw.state.hang = true;
    try {
      const slow = await deliveryError(sendSms(notification({ channel: 'sms' }), settings, { timeoutMs: 150 }));
      assert.equal(slow.permanent, false);
      assert.match(slow.message, /^Timed out after 0\.15 s/);
    } finally {
      gw.state.hang = false;
    }
    const bad = await deliveryError(
      sendSms(
        notification({ channel: 'sms' }),
        smsSettings({ headers: [{ name: 'X-Key', value: 'tok-secret\r\nInjected: 1' }] }),
      ),
    );
    assert.ok(!bad.message.includes('tok-secret'));
    assert.match(bad.message, /header "X-Key" is not valid/);
  });
});

describe('test send (R9, POST /settings/notifications/test)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
  let actor: Actor;
  const ids: Record<string, string> = {};
  before(async () => {
    demo = await demoApp(ids);
    smtp = await startSmtpReceiver();
    hook = await startHttpReceiver({ secret: 'receiver-secret' });
    const [m] = await demo.deps.db.select().from(members).where(eq(members.id, ids.E1001!));
    actor = {
      kind: 'member',
      mustChangePassword: false,
      via: 'embed',
      appId: 'test',
      grants: [],
      subject: {
        kind: 'member',
        id: m!.id,
        employeeNo: m!.employeeNo,
        name: m!.name,
        email: m!.email,
        locale: m!.locale,
      },
    };
  });
  after(async () => {
    closeEmailTransport();
    await smtp.close();
    await hook.close();
    demo.deps.cleanup();
  });
  const save = async (value: NotifySettings) => {
    await demo.deps.db
      .insert(settingsTable)
      .values({ key: 'notify', value, updatedAt: Date.now() })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: Date.now() } });
  };
  const problemOf = async (p: Promise<void>) => {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof Problem);
      return err;
    }
    assert.fail('expected a Problem');
  };

  test('R9: a channel that is off is refused with conflict', async () => {
    const err = await problemOf(sendTest(demo.deps.db, actor, 'sms', undefined));
    assert.equal(err.code, 'conflict');
    assert.equal(err.detail, 'Turn the SMS channel on and save first.');
  });

  test('R9: the test e-mail goes to the admin’s own address, in their locale, or to `to`', async () => {
    await save(
      settingsWith({ email: { enabled: true, host: '127.0.0.1', port: smtp.port, from: 'herald@example.com' } }),
    );
    await sendTest(demo.deps.db, actor, 'email', undefined);
    assert.equal(smtp.received.at(-1)!.to, 'zhangsan@example.com');
    assert.equal(smtp.received.at(-1)!.mail.subject, '[Urgent] Herald test notification');
    assert.match(String(smtp.received.at(-1)!.mail.messageId), /^<test\.[0-9a-f]{16}@herald>$/);
    await demo.deps.db.update(members).set({ locale: 'zh-CN' }).where(eq(members.id, ids.E1001!));
    await sendTest(demo.deps.db, actor, 'email', 'other@example.com');
    assert.equal(smtp.received.at(-1)!.to, 'other@example.com');
    assert.equal(smtp.received.at(-1)!.mail.subject, '【紧急】Herald 测试通知');
  });

  test("R9, issue 13: a refusal is 502 notify-test-failed with its status and a reason code, never the receiver's \
answer; no phone and no `to` is a field error", async () => {
    await save(
      settingsWith({
        webhook: { enabled: true, url: hook.url, secret: 'admin-typo-secret' },
        sms: { enabled: true, url: hook.url, method: 'POST' },
      }),
    );
    const err = await problemOf(sendTest(demo.deps.db, actor, 'webhook', undefined));
    assert.equal(err.code, 'notify-test-failed');
    assert.equal(err.status, 502);
    assert.equal(err.detail, 'webhook: The receiver answered 401.');
    assert.equal(err.extras.reason, 'answered');
    assert.equal(err.extras.remoteStatus, 401);
    assert.ok(!JSON.stringify(err.extras).includes('failed'), 'the receiver\'s body ("failed") is not relayed');
    assert.ok(!String(err.detail).includes('admin-typo-secret'));
    assert.equal(hook.received.at(-1)!.json.type, 'message.notification');
    await demo.deps.db.update(members).set({ phone: null }).where(eq(members.id, ids.E1001!));
    const noPhone = await problemOf(sendTest(demo.deps.db, actor, 'sms', undefined));
    assert.equal(noPhone.code, 'validation');
    assert.equal(noPhone.extras.errors?.[0]?.path, 'to');
  });
});
