// Issue 20 #9: an e-mail notification carries the body's inline images as parts of the e-mail (cid:), never as a link;
// against the demo app, the real worker and a loopback SMTP receiver.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoApp } from '../../testing/demo.js';
import { body } from '../../testing/http.js';
import type { Actor } from '../auth/actor.js';
import { renderEmailHtml, type RichDoc } from '../messages/content/index.js';
import { closeEmailTransport } from './channels/index.js';
import { updateNotifySettings } from './settings.js';
import { startSmtpReceiver } from './testing.js';
import { NotifyWorker } from './worker.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const SYSTEM: Actor = {
  kind: 'api-key',
  keyId: 'images-test',
  name: 'images test',
  grants: [],
  mustChangePassword: false,
  via: 'api-key',
};
const image = (attachmentId: string, alt: string) => ({ type: 'image', attrs: { attachmentId, alt } });
const doc = (...inline: unknown[]) =>
  ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, ...inline] }] }) as RichDoc;

describe('issue 20 #9: inline images in e-mails', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let worker: NotifyWorker;

  before(async () => {
    demo = await demoApp();
    smtp = await startSmtpReceiver();
    await updateNotifySettings(
      demo.deps.db,
      SYSTEM,
      {
        email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, from: 'Herald <h@example.com>' },
        webhook: { enabled: false },
      },
      { ip: null, userAgent: null, requestId: null },
    );
    worker = new NotifyWorker(demo.deps.db, { blobs: demo.deps.blobs });
  });
  after(async () => {
    await worker.stop();
    closeEmailTransport();
    await smtp.close();
    demo.deps.cleanup();
  });

  test('the image is a cid: part of the e-mail with its bytes; the HTML names it and holds no URL for it', async () => {
    const zhang = await demo.as('E1001', 'sender');
    const up = await zhang.request('/api/v1/attachments?name=chart.png', {
      method: 'POST',
      body: new Uint8Array(PNG),
      headers: { 'content-type': 'application/octet-stream' },
    });
    const file = await body<{ id: string }>(up);
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'urgent',
        subject: '图表 Chart',
        body: doc(image(file.id, 'Q3 <chart>')),
        audience: [{ kind: 'member', targetId: demo.ids.E1002 }],
        attachmentIds: [file.id],
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = await body<{ id: string }>(res);
    await worker.runOnce();
    const mail = smtp.received.find((m) => String(m.mail.headers.get('herald-idempotency-key')).startsWith(`${id}.`));
    assert.ok(mail, 'the e-mail arrived');
    const html = String(mail.mail.html);
    // The receiver's parser (mailparser) resolves a cid: reference to the part it names, as mail clients do: the
    // picture shown is exactly the attached part.
    assert.ok(html.includes(`<img src="data:image/png;base64,${PNG.toString('base64')}" alt="Q3 &lt;chart&gt;"`), html);
    assert.ok(!/<img[^>]+src="(https?:|javascript:)/i.test(html), html);
    const part = mail.mail.attachments.find((a) => a.contentId === `<${file.id}@herald>`);
    assert.ok(part, 'the image travels as a part of the e-mail');
    assert.equal(part.contentType, 'image/png');
    assert.deepEqual(Buffer.from(part.content), PNG);
    assert.match(mail.mail.text ?? '', /\[Q3 <chart>\]/, 'the plain-text part shows its alt text');
  });

  test('without the bytes in the e-mail an image is its alt text, escaped; only cid: sources are ever written', () => {
    const body = doc(image('a1', '<img src=x onerror=alert(1)>'), image('a2', ''));
    assert.equal(renderEmailHtml(body), '<p>See [&lt;img src=x onerror=alert(1)&gt;]</p>');
    assert.equal(
      renderEmailHtml(body, { imageSource: () => 'https://tracker.example/p.gif' }),
      '<p>See [&lt;img src=x onerror=alert(1)&gt;]</p>',
      'a source that is not cid: is never used',
    );
  });
});
