// Issue 13: server-side request forgery. Webhook, SMS gateway and SMTP connections go to public addresses only —
// decided on the address actually connected to, after DNS — unless the operator allows more; a test send never
// relays what the receiver answered.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { demoApp } from '../testing/demo.js';
import { body } from '../testing/http.js';
import { sendEmail, closeEmailTransport } from '../modules/notify/channels/email.js';
import { sendWebhook } from '../modules/notify/channels/webhook.js';
import { DeliveryError, type Notification } from '../modules/notify/channels/types.js';
import { DEFAULT_NOTIFY, type NotifySettings } from '../modules/notify/settings.js';
import { startSmtpReceiver } from '../modules/notify/testing.js';
import { allowOutbound, mayConnect, parseOutboundAllowList } from './outbound.js';

const nothingAllowed = () => allowOutbound(parseOutboundAllowList([]));

/** An "internal service" on loopback that answers every request with a secret, counting the requests. */
async function internalService() {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(500, { 'content-type': 'text/plain' }).end('INTERNAL-SECRET-42');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get hits() {
      return hits;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const notification = (channel: 'webhook' | 'email', address: string | null = null): Notification => ({
  idempotencyKey: `m.r.${channel}.0`,
  channel,
  round: 0,
  address,
  recipient: { kind: 'member', id: 'r', name: '张三', email: 'zhangsan@example.com', phone: null, locale: 'en' },
  message: {
    id: 'm',
    subject: 'Outage',
    priority: 'urgent',
    senderName: 'Ops',
    deliveredAt: 0,
    expiresAt: null,
    receiptRequired: false,
    attachmentCount: 0,
  },
  content: { subject: 'Outage', short: 'Outage', text: 'Outage', html: '<p>Outage</p>', link: null },
});
const withWebhook = (url: string): NotifySettings => ({
  ...DEFAULT_NOTIFY,
  webhook: { enabled: true, url, secret: 'a-signing-secret-of-32-characters!' },
});

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}

describe('outbound requests reach public addresses only (issue 13)', () => {
  let service: Awaited<ReturnType<typeof internalService>>;
  before(async () => {
    service = await internalService();
  });
  after(async () => {
    await service.close();
    closeEmailTransport();
  });

  test('loopback, private, link-local, unique-local, metadata and unspecified addresses are refused; public ones \
pass', () => {
    nothingAllowed();
    const internal = [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '0.0.0.0',
      '::',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '224.0.0.1',
      '255.255.255.255',
    ];
    for (const address of internal) assert.equal(mayConnect('h.example', address), false, address);
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111'])
      assert.equal(mayConnect('h.example', address), true, address);
    // The forms the hostile tester used all name loopback or "this host" once a URL parses them.
    for (const url of [
      'http://2130706433:80/',
      'http://0x7f.1:80/',
      'http://[::1]:80/',
      'http://0.0.0.0:80/',
      'http://[::ffff:7f00:1]/',
    ]) {
      const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
      assert.equal(mayConnect(host, host), false, url);
    }
  });

  test('IPv4-compatible and site-local IPv6 forms are not public either (review of issue 13)', () => {
    nothingAllowed();
    for (const address of ['::7f00:1', '::a00:1', 'fec0::1'])
      assert.equal(mayConnect('h.example', address), false, address);
  });

  test('the operator allows a host or address on one port only (what npm start does for the demo receiver)', () => {
    allowOutbound(parseOutboundAllowList(['127.0.0.1:4000', '[::1]:4000', 'smtp.corp.example:25']));
    assert.equal(mayConnect('127.0.0.1', '127.0.0.1', 4000), true);
    assert.equal(mayConnect('127.0.0.1', '127.0.0.1', 2375), false, 'not the Docker API next door');
    assert.equal(mayConnect('127.0.0.1', '127.0.0.1'), false);
    assert.equal(mayConnect('x', '::1', 4000), true);
    assert.equal(mayConnect('smtp.corp.example', '10.1.1.1', 25), true);
    assert.equal(mayConnect('smtp.corp.example', '10.1.1.1', 587), false);
    assert.throws(() => parseOutboundAllowList(['127.0.0.1:99999']), /port/);
    nothingAllowed();
  });

  test('the operator allows hosts and ranges; anything else in the list is a configuration error', () => {
    allowOutbound(parseOutboundAllowList(['10.0.0.0/8', 'hooks.internal.example', '::1']));
    assert.equal(mayConnect('x.example', '10.9.9.9'), true);
    assert.equal(mayConnect('x.example', '::1'), true);
    assert.equal(mayConnect('hooks.internal.example', '192.168.5.5'), true, 'by the name typed in the settings');
    assert.equal(mayConnect('x.example', '192.168.5.5'), false);
    assert.throws(() => parseOutboundAllowList(['10.0.0.0/99']), /address range/);
    assert.throws(() => parseOutboundAllowList(['exa mple!']), /host name/);
    nothingAllowed();
  });

  test('a webhook at an internal address — literal or a name that resolves there — is never connected to', async () => {
    nothingAllowed();
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
      const err = await failure(
        sendWebhook(notification('webhook'), withWebhook(`http://${host}:${service.port}/hook`)),
      );
      assert.equal(err.reason, 'address-not-allowed', host);
      assert.equal(err.permanent, true);
    }
    assert.equal(service.hits, 0, 'no request reached the internal service');
    // Allowed by the operator, it is reached — and its answer is still not read back.
    allowOutbound(parseOutboundAllowList(['localhost']));
    const err = await failure(
      sendWebhook(notification('webhook'), withWebhook(`http://localhost:${service.port}/hook`)),
    );
    assert.equal(service.hits, 1);
    assert.equal(err.message, 'Webhook answered 500');
    nothingAllowed();
  });

  test('an SMTP server at an internal address is refused before any connection', async () => {
    const smtp = await startSmtpReceiver();
    try {
      nothingAllowed();
      const settings: NotifySettings = {
        ...DEFAULT_NOTIFY,
        email: {
          ...DEFAULT_NOTIFY.email,
          enabled: true,
          host: 'localhost',
          port: smtp.port,
          from: 'Herald <h@example.com>',
        },
      };
      const err = await failure(sendEmail(notification('email', 'zhangsan@example.com'), settings));
      assert.equal(err.reason, 'address-not-allowed');
      assert.equal(smtp.received.length, 0);
      allowOutbound(parseOutboundAllowList(['127.0.0.1/32']));
      await sendEmail(notification('email', 'zhangsan@example.com'), settings);
      assert.equal(smtp.received.length, 1, 'allowed by range: delivered to the address localhost resolved to');
    } finally {
      nothingAllowed();
      closeEmailTransport(); // its pooled connection would keep the receiver from closing
      await smtp.close();
    }
  });

  test('through the API: internal addresses are refused at save, a name that resolves inside fails its test send with \
a reason code only', async () => {
    const demo = await demoApp();
    try {
      nothingAllowed();
      const put = (webhook: Record<string, unknown>) =>
        demo.admin.request('/api/v1/settings/notifications', { method: 'PUT', json: { webhook } });
      for (const url of [
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]:8080/',
        'http://0.0.0.0:9000/',
        'http://2130706433:9000/',
        'http://[::7f00:1]/',
      ]) {
        const res = await put({ enabled: true, url, secret: 'a-signing-secret-of-32-characters!' });
        assert.equal(res.status, 400, url);
        assert.deepEqual(
          (await body(res)).errors.map((e: { code: string }) => e.code),
          ['address-not-allowed'],
          url,
        );
      }
      for (const host of ['127.1', '2130706433', '0x7f000001', '::1']) {
        const res = await demo.admin.request('/api/v1/settings/notifications', {
          method: 'PUT',
          json: { email: { host, port: 25 } },
        });
        assert.deepEqual(
          (await body(res)).errors?.map((e: { code: string }) => e.code),
          ['address-not-allowed'],
          `numeric spelling ${host}`,
        );
      }
      assert.equal(
        (
          await put({
            enabled: true,
            url: `http://localhost:${service.port}/`,
            secret: 'a-signing-secret-of-32-characters!',
          })
        ).status,
        200,
      );
      const res = await demo.admin.request('/api/v1/settings/notifications/test', {
        method: 'POST',
        json: { channel: 'webhook' },
      });
      assert.equal(res.status, 502);
      const text = await res.text();
      assert.ok(!text.includes('INTERNAL-SECRET-42'));
      assert.equal(JSON.parse(text).reason, 'address-not-allowed');
      assert.equal(service.hits, 1, 'only the allowed request of the test before reached it');
    } finally {
      demo.deps.cleanup();
    }
  });
});
