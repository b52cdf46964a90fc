// Issue 19 item 4, end to end against Herald as `npm start` runs it: Bob Li (sales) sends an external message to the
// demo's e-mail-only contact 刘总 (no portal access); the e-mail arrives on a real SMTP server on loopback; the link in
// it is opened in Chromium, where 刘总 reads the conversation and replies without an account; the reply appears in
// Bob's inbox; the used link is refused; Bob answers (a second e-mail, a second link); he revokes 刘总's links from
// his Sent reading pane: the open page ends, and the link e-mailed with his later reply is refused too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSmtpReceiver } from '../server/src/modules/notify/testing.js';
import {
  intranetAs,
  memberWithPassword,
  sendFrom,
  startHerald,
  textBody,
  withBrowser,
  type ApiSession,
  adminApi,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: ApiSession;
let bob: Page;
let liuId = '';
let link = '';
let messageId = '';
const SUBJECT = `Quarterly prices ${Date.now() % 100000}`;
const LIU = 'liu@north-logistics.example';

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

before(async () => {
  [herald, browser] = await withBrowser(startHerald({ env: { HERALD_NOTIFY_POLL_MS: '200' } }));
  smtp = await startSmtpReceiver();
  admin = await adminApi(herald);
  // E-mail on (to the loopback receiver); routing left as shipped: normal messages go to no channel by default.
  await admin.call('PUT', '/settings/notifications', {
    email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, from: 'Herald <herald@example.com>' },
  });
  const contacts = await admin.call<{ items: Array<{ id: string; email: string | null; portalEnabled: boolean }> }>(
    'GET',
    '/contacts?q=liu',
  );
  const liu = contacts.items.find((c) => c.email === LIU)!;
  assert.equal(liu.portalEnabled, false, 'the demo contact has no portal access');
  liuId = liu.id;
  await memberWithPassword(herald.url, admin, 'E1007', 'Sales-Lantern-2026!');
  bob = await intranetAs(browser, herald.url, 'E1007', 'Sales-Lantern-2026!', { waitForLive: true });
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
  await smtp?.close();
});

test('issue 19 item 4: a normal external message reaches the e-mail-only contact with its link', async () => {
  const sent = await sendFrom(bob, {
    kind: 'external',
    subject: SUBJECT,
    body: textBody('刘总您好，新的季度报价请见下文。Please reply with your order.'),
    audience: [{ kind: 'contact', targetId: liuId }],
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  messageId = sent.body.id;
  await until('the e-mail to 刘总', () => smtp.received.some((r) => r.to === LIU && r.mail.subject === SUBJECT));
  const mail = smtp.received.find((r) => r.to === LIU && r.mail.subject === SUBJECT)!;
  link = /(http:\/\/localhost:\d+\/conversation\/open\/[\w-]+)/.exec(mail.mail.text ?? '')?.[1] ?? '';
  assert.ok(link, 'the e-mail carries the conversation link');
  // 刘总's card says Chinese: the e-mail and the page speak it.
  assert.match(mail.mail.html || '', /查看会话并回复/);
});

test('issue 19 item 4: 刘总 opens the link in Chromium, reads the thread and replies; Bob sees the reply', async () => {
  const context = await browser.newContext();
  const contact = await context.newPage();
  const blocked: string[] = [];
  contact.on('console', (m) => /Content Security Policy/i.test(m.text()) && blocked.push(m.text()));
  await contact.goto(link);
  await contact.getByRole('button', { name: '打开会话' }).click();
  await contact.getByRole('heading', { name: SUBJECT }).waitFor();
  assert.equal(new URL(contact.url()).pathname, '/conversation', 'the token left the address bar');
  await contact.getByText('Please reply with your order.').waitFor();
  await contact.getByLabel('您的回复').fill('收到，下周下单。We will order next week.');
  await contact.getByRole('button', { name: '发送回复' }).click();
  await contact.getByText('您的回复已发送。').waitFor();
  await contact.getByText('We will order next week.').first().waitFor();
  assert.deepEqual(blocked, [], 'nothing on the page broke the CSP');

  const inbox = bob.locator('herald-inbox');
  await inbox
    .getByRole('option')
    .filter({ hasText: `Re: ${SUBJECT}` })
    .waitFor({ timeout: 30_000 });

  // The same link again, in another browser (English): refused, with a readable page.
  const other = await (await browser.newContext()).newPage();
  const refused = await other.goto(link);
  assert.equal(refused?.status(), 410);
  await other.getByRole('heading', { name: 'This link can no longer be used' }).waitFor();
  await other.getByText('Ask the sender for a new link.').waitFor();

  // Bob answers: the reply is e-mailed to 刘总 with a link of its own.
  const replied = await bob.evaluate(async (id) => {
    const me = await (await fetch('/api/v1/me')).json();
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '好的，已记录。' }] }] };
    const res = await fetch(`/api/v1/messages/${id}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ body: doc }),
    });
    return res.status;
  }, messageId);
  assert.equal(replied, 201);
  const replyMail = () => smtp.received.find((r) => r.to === LIU && r.mail.subject === `Re: ${SUBJECT}`);
  await until('the reply e-mailed to 刘总', () => !!replyMail());
  const laterLink = /(http:\/\/localhost:\d+\/conversation\/open\/[\w-]+)/.exec(replyMail()!.mail.text ?? '')?.[1];
  assert.ok(laterLink && laterLink !== link, 'a new link with the reply');

  // Bob revokes 刘总's links from his Sent reading pane: the pane says it covers the conversation (both links); the
  // contact's open page ends, and the link of the later reply is refused too.
  await inbox.getByRole('button', { name: 'Sent' }).click();
  await inbox
    .getByRole('option')
    .filter({ hasText: SUBJECT, hasNotText: `Re: ${SUBJECT}` })
    .first()
    .click();
  const view = bob.locator('herald-message-view');
  const revoke = view.getByRole('button', { name: 'Revoke links of 刘总 to this conversation' });
  await revoke.waitFor({ timeout: 30_000 });
  await view.getByText('2 links in this conversation').waitFor();
  await revoke.focus();
  await bob.keyboard.press('Enter');
  await view.getByText('The links of 刘总 to this conversation were revoked').waitFor();
  const ended = await contact.reload();
  assert.equal(ended?.status(), 410);
  await contact.getByText('The sender has withdrawn this link.').waitFor(); // in the browser's language
  const later = await other.goto(laterLink);
  assert.equal(later?.status(), 410, "the later reply's link is revoked with the conversation");
  await other.getByText('The sender has withdrawn this link.').waitFor();
  await context.close();
});

test('review: on a shared computer 刘总 signs out of the page; the session ends on the server', async () => {
  const subject = `Delivery dates ${Date.now() % 100000}`;
  const sent = await sendFrom(bob, {
    kind: 'external',
    subject,
    body: textBody('刘总您好，交货日期如下。'),
    audience: [{ kind: 'contact', targetId: liuId }],
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const mail = () => smtp.received.find((r) => r.to === LIU && r.mail.subject === subject);
  await until('the e-mail to 刘总', () => !!mail());
  const url = /(http:\/\/localhost:\d+\/conversation\/open\/[\w-]+)/.exec(mail()!.mail.text ?? '')?.[1];
  assert.ok(url);
  const context = await browser.newContext();
  const contact = await context.newPage();
  await contact.goto(url);
  await contact.getByRole('button', { name: '打开会话' }).click();
  await contact.getByRole('heading', { name: subject }).waitFor();
  await contact.getByRole('button', { name: '退出' }).click();
  await contact.getByRole('heading', { name: '已退出' }).waitFor();
  const again = await contact.goto(new URL('/conversation', url).href);
  assert.equal(again?.status(), 410, 'the page is gone after signing out');
  await context.close();
});
