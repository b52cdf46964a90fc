// The SMS gateway's body escaping (review #4): it follows `sms.bodyFormat`, never the Content-Type header an admin
// may drop, so a sender's text cannot add or replace JSON keys or form fields. Against a real receiver on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { demoApp } from '../../testing/demo.js';
import { sendSms, smsSafeText } from './channels/sms.js';
import type { Notification } from './channels/types.js';
import { renderContent } from './content.js';
import { DEFAULT_NOTIFY, notifySettings, type NotifySettings } from './settings.js';
import { startHttpReceiver } from './testing.js';
import { allowLoopback } from '../../testing/deps.js';

/** The subject from the review: it closes the JSON string and adds its own `to`. */
const ATTACK = ',"to":"+19005550100","x":';
const PHONE = '13800001002';

function notification(subject = ATTACK): Notification {
  const recipient: Notification['recipient'] = {
    kind: 'member',
    id: 'r',
    name: 'Li Si',
    email: null,
    phone: PHONE,
    locale: 'en',
  };
  const message: Notification['message'] = {
    id: 'm',
    subject,
    priority: 'urgent',
    senderName: 'Mallory',
    deliveredAt: 0,
    expiresAt: null,
    receiptRequired: true,
    attachmentCount: 0,
  };
  return {
    idempotencyKey: 'm.r.sms.0',
    channel: 'sms',
    round: 0,
    address: PHONE,
    recipient,
    message,
    content: renderContent({
      recipient,
      message,
      body: { type: 'doc', content: [] } as never,
      bodyText: 'Evacuate now & =?',
      linkTemplate: '',
    }),
  };
}

// The receivers here listen on loopback, which Herald's outbound requests reach only when allowed.
before(allowLoopback);

describe('SMS body format (review #4)', () => {
  let gw: Awaited<ReturnType<typeof startHttpReceiver>>;
  before(async () => {
    gw = await startHttpReceiver();
  });
  after(async () => {
    await gw.close();
  });
  const settings = (sms: Partial<NotifySettings['sms']>): NotifySettings => ({
    ...DEFAULT_NOTIFY,
    sms: { ...DEFAULT_NOTIFY.sms, enabled: true, url: gw.url, ...sms },
  });

  test("the review's attack never changes the gateway's `to`, even when the Content-Type header was \
removed", async () => {
    const n = notification();
    // The admin saved only an Authorization header: no Content-Type at all.
    await sendSms(n, settings({ headers: [{ name: 'Authorization', value: 'Bearer gw' }] }));
    let got = gw.received.at(-1)!;
    assert.deepEqual(Object.keys(JSON.parse(got.body)), ['to', 'text']);
    assert.equal(JSON.parse(got.body).to, PHONE);
    assert.equal(JSON.parse(got.body).text, smsSafeText(n.content.short, n.content.link));
    assert.ok(n.content.short.includes(ATTACK));
    assert.match(String(got.headers['content-type']), /^application\/json/, 'the Content-Type follows the body format');
    assert.equal(got.headers.authorization, 'Bearer gw');

    // A header that says text/plain does not switch the escaping off either.
    await sendSms(n, settings({ headers: [{ name: 'Content-Type', value: 'text/plain' }] }));
    got = gw.received.at(-1)!;
    assert.equal(got.headers['content-type'], 'text/plain', "the admin's own Content-Type is sent as set");
    assert.equal(JSON.parse(got.body).to, PHONE);
  });

  test('stored settings without bodyFormat read as JSON, so the attack fails on them too', async () => {
    const demo = await demoApp();
    try {
      const legacy = {
        sms: {
          enabled: true,
          url: gw.url,
          method: 'POST',
          headers: [{ name: 'Authorization', value: 'Bearer gw' }],
          bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}',
        },
      };
      await demo.deps.db
        .run(sql`insert into settings (key, value, updated_at) values ('notify', ${JSON.stringify(legacy)}, 0)
        on conflict (key) do update set value = excluded.value`);
      const s = await notifySettings(demo.deps.db);
      assert.equal(s.sms.bodyFormat, 'json');
      await sendSms(notification(), s);
      assert.equal(JSON.parse(gw.received.at(-1)!.body).to, PHONE);
      // An old form gateway (its Content-Type said so) stays a form: JSON escaping would let `&` through.
      const form = {
        sms: {
          ...legacy.sms,
          headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
          bodyTemplate: 'to={{phone}}&msg={{text}}',
        },
      };
      await demo.deps.db.run(sql`update settings set value = ${JSON.stringify(form)} where key = 'notify'`);
      assert.equal((await notifySettings(demo.deps.db)).sms.bodyFormat, 'form');
    } finally {
      demo.deps.cleanup();
    }
  });

  test('form: every value URL-encoded, no `&`/`=` pairs gained; its Content-Type by default', async () => {
    const n = notification('x&to=%2B19005550100&y=');
    await sendSms(
      n,
      settings({ bodyFormat: 'form', headers: [], bodyTemplate: 'to={{phone}}&msg={{text}}&id={{key}}' }),
    );
    const got = gw.received.at(-1)!;
    assert.match(String(got.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(got.body);
    assert.deepEqual([...form.keys()], ['to', 'msg', 'id']);
    assert.equal(form.get('to'), PHONE);
    assert.equal(form.get('msg'), smsSafeText(n.content.short, n.content.link));
  });

  test('text: values go in as written, with text/plain by default', async () => {
    const n = notification('Plain "subject"');
    await sendSms(n, settings({ bodyFormat: 'text', headers: [], bodyTemplate: '{{phone}}: {{text}}' }));
    const got = gw.received.at(-1)!;
    assert.match(String(got.headers['content-type']), /^text\/plain/);
    assert.equal(got.body, `${PHONE}: ${smsSafeText(n.content.short, n.content.link)}`);
  });

  // Second review A1: templates that nest one format in another.
  test("R9: JSON in a form field, JSON in a JSON string, JSON or XML sent as text: the sender's words never become the \
gateway's fields", async () => {
    const cases: Array<[Partial<NotifySettings['sms']>, string, (body: string) => unknown]> = [
      [
        { bodyFormat: 'form', bodyTemplate: 'data={"to":"{{phone}}","text":"{{text}}"}' },
        ATTACK,
        (b) => JSON.parse(new URLSearchParams(b).get('data')!).to,
      ],
      [
        { bodyFormat: 'json', bodyTemplate: '{"param":"{\\"to\\":\\"{{phone}}\\",\\"text\\":\\"{{text}}\\"}"}' },
        ATTACK,
        (b) => JSON.parse(JSON.parse(b).param).to,
      ],
      [{ bodyFormat: 'text', bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}' }, ATTACK, (b) => JSON.parse(b).to],
      [
        {
          bodyFormat: 'text',
          headers: [{ name: 'Content-Type', value: 'application/xml' }],
          bodyTemplate: '<sms><to>{{phone}}</to><text>{{text}}</text></sms>',
        },
        '</text><to>+19005550100</to><text>',
        (b) => [...String(b).matchAll(/<to>([^<]*)<\/to>/g)].map((m) => m[1]).join(','),
      ],
    ];
    for (const [sms, subject, to] of cases) {
      await sendSms(notification(subject), settings(sms));
      assert.equal(to(gw.received.at(-1)!.body), PHONE, JSON.stringify(sms));
    }
  });

  test('R9: the admin\'s "Open" link stays intact while the sender\'s words are neutralised', () => {
    const link = 'https://intranet.example.com/inbox?message=m&x=1';
    assert.equal(smsSafeText(`"a" & b=c <d> Open: ${link}`, link), `”a” ＆ b＝c ‹d› Open: ${link}`);
    assert.equal(smsSafeText('line\nnext {x}', null), 'line next ｛x｝');
  });
});
