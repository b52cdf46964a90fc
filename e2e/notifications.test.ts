// Notifications (R9, S8) in a real Chromium on the intranet page, against Herald as `npm start` runs it: the admin
// turns on e-mail (a real SMTP server on loopback) and a signed webhook (an HTTP receiver on loopback) in the back
// office's Notifications tab, sends a test e-mail, and then an urgent message from a member reaches its recipient by
// e-mail and webhook; the sender's receipts show both as sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startHttpReceiver, startSmtpReceiver, verifySignature } from '../server/src/modules/notify/testing.js';
import {
  apiSession,
  intranetAs,
  launchChromium,
  memberWithPassword,
  sendFrom,
  signInAsAdmin,
  startHerald,
  textBody,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
let secret = '';

before(async () => {
  [herald, browser, smtp, hook] = await Promise.all([
    startHerald({ env: { HERALD_NOTIFY_POLL_MS: '200' } }),
    launchChromium(),
    startSmtpReceiver(),
    startHttpReceiver(),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAsAdmin(page, herald, 'Paper-Crane-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
  await smtp?.close();
  await hook?.close();
});

const admin = () => page.locator('herald-member-admin');
const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

test('R9/S8: the admin turns on e-mail and a signed webhook in the Notifications tab; a test e-mail \
arrives', async () => {
  await admin().getByRole('tab', { name: 'Notifications' }).click();
  const panel = admin().locator('herald-admin-notifications');
  await panel.getByLabel('SMTP server').waitFor();

  await panel.getByLabel('E-mail on').check();
  await panel.getByLabel('SMTP server').fill('127.0.0.1');
  await panel.getByLabel('Port', { exact: true }).fill(String(smtp.port));
  await panel.getByLabel('From address').fill('Herald <herald@example.com>');
  await panel.getByLabel('Webhook on').check();
  await panel.getByLabel('Webhook URL').fill(hook.url);
  await panel.getByRole('button', { name: 'Generate' }).click();
  secret = await panel.getByLabel('Signing secret').inputValue();
  assert.match(secret, /^[0-9a-f]{64}$/);
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Notification settings saved.').waitFor();

  // The secret is never shown again: after a reload the field only says it is saved.
  await page.reload();
  await admin().getByRole('tab', { name: 'Notifications' }).click();
  assert.equal(await panel.getByLabel('Signing secret').inputValue(), '');
  assert.equal(await panel.getByLabel('Signing secret').getAttribute('placeholder'), 'Saved — leave empty to keep');

  const email = panel.getByRole('group', { name: 'E-mail', exact: true });
  await email.getByLabel('Send the test to').fill('ops@example.com');
  await email.getByRole('button', { name: 'Send test' }).click();
  await email.getByText('Test sent. Check that it arrived.').waitFor();
  await until('the test e-mail', () => smtp.received.some((m) => m.to === 'ops@example.com'));
});

test('R9/S8: an urgent message reaches the recipient by e-mail and signed webhook; the sender sees both \
sent', async () => {
  const adminApi = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  await memberWithPassword(herald.url, adminApi, 'E1001', 'Red-Lantern-2026!');
  const lisi = await memberWithPassword(herald.url, adminApi, 'E1002', 'Blue-River-2026!');
  const sender = await intranetAs(browser, herald.url, 'E1001', 'Red-Lantern-2026!');
  const subject = `机房停电 ${Date.now()}`;
  const sent = await sendFrom(sender, {
    kind: 'urgent',
    subject,
    receiptRequired: true,
    audience: [{ kind: 'member', targetId: lisi }],
    body: textBody('<script>alert(1)</script> 请立即确认'),
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));

  await until(
    'the e-mail and the webhook',
    () =>
      smtp.received.some((m) => m.to === 'lisi@example.com' && m.mail.subject?.includes(subject)) &&
      hook.received.some((h) => (h.json.message as { subject?: string } | undefined)?.subject === subject),
  );
  const mail = smtp.received.find((m) => m.to === 'lisi@example.com' && m.mail.subject?.includes(subject))!;
  assert.match(mail.mail.subject ?? '', /^\[Urgent\]/);
  assert.ok(!String(mail.mail.html).includes('<script>'), "the sender's text is escaped in the e-mail");
  assert.match(String(mail.mail.html), /&lt;script&gt;/);
  const request = hook.received.find((h) => (h.json.message as { subject?: string }).subject === subject)!;
  assert.ok(verifySignature(secret, request.headers, request.body), 'signed with the secret the admin generated');
  assert.equal((request.json.recipient as { id: string }).id, lisi);

  // The sender's receipts: the Sent view, the message, a chip per channel.
  const inbox = sender.locator('herald-inbox');
  await inbox.getByRole('button', { name: 'Sent' }).click();
  await inbox.getByRole('option').filter({ hasText: subject }).click();
  const view = inbox.locator('herald-message-view');
  await view.getByRole('heading', { name: subject }).waitFor();
  await view.locator('.notify-chip[data-channel="email"][data-status="sent"]').waitFor({ timeout: 10_000 });
  await view.locator('.notify-chip[data-channel="webhook"][data-status="sent"]').waitFor({ timeout: 10_000 });
});

test('issue 20: a member opens My settings from the inbox, changes their e-mail by the code mailed to it and sets \
quiet hours', async () => {
  const adminApi = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  await memberWithPassword(herald.url, adminApi, 'E1003', 'Green-Hill-2026!');
  const member = await intranetAs(browser, herald.url, 'E1003', 'Green-Hill-2026!');
  const inbox = member.locator('herald-inbox');
  await inbox.getByRole('button', { name: 'My settings' }).click();
  const settings = inbox.locator('herald-my-settings');
  await settings.getByRole('button', { name: 'Change e-mail' }).click();
  await settings.getByLabel('New e-mail address').fill('wangwu.new@example.com');
  await settings.getByRole('button', { name: 'Send code' }).click();
  await until('the code at the new address', () => smtp.received.some((m) => m.to === 'wangwu.new@example.com'));
  const mail = smtp.received.find((m) => m.to === 'wangwu.new@example.com')!;
  const code = /\b(\d{6})\b/.exec(mail.mail.text ?? '')![1]!;
  await settings.getByLabel(/Code sent to/).fill(code);
  await settings.getByRole('button', { name: 'Confirm' }).click();
  await settings.getByText('Your E-mail is now wangwu.new@example.com.').waitFor();

  await settings.getByLabel('Hold notifications during quiet hours').check();
  await settings.getByLabel('From', { exact: true }).fill('21:30');
  await settings.getByRole('button', { name: 'Save notifications' }).click();
  await settings.getByText('Saved.').waitFor();
  await member.keyboard.press('Escape');
  await until('the dialog to close', async () => (await inbox.locator('dialog').count()) === 0);

  const me = await apiSession(herald.url, 'E1003', 'Green-Hill-2026!');
  const profile = await me.call<{ email: string }>('GET', '/me/profile');
  assert.equal(profile.email, 'wangwu.new@example.com');
  const prefs = await me.call<{ quietHours: { start: string; end: string } | null }>('GET', '/me/notifications');
  assert.deepEqual([prefs.quietHours?.start, prefs.quietHours?.end], ['21:30', '07:00']);
});
