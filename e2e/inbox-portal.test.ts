// The customer portal (S5–S7) in a real Chromium, as `npm start` runs it: Herald starts the host-app example for
// the demo contact (HERALD_DEMO_PORTAL_PORT). The contact sees only their own conversations — not an internal
// message sent at the same moment, nor another customer's — opens one, replies, and the reply reaches the sender.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import {
  apiSession as sharedApiSession,
  freePorts,
  intranetAs,
  serverBundle,
  startProcess,
  withBrowser,
} from './support.js';

let herald: { url: string; portal: string; adminPassword: string; cleanup: () => Promise<void> };
let browser: Browser;
/** The portal widget's GET /api/v1/tags answers. */
const tagResponses: Response[] = [];
const cspViolations: string[] = [];

/** Herald as `npm start` runs it, with the demo customer portal on a free port. */
async function startHeraldWithPortal() {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  const [port, portalPort] = await freePorts(2);
  const p = await startProcess(
    ['--enable-source-maps', serverBundle()],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      HERALD_DATA_DIR: dir,
      HERALD_LOG_LEVEL: 'warn',
      HERALD_DEMO_PORTAL_PORT: String(portalPort),
    },
    /Super admin:\s+admin \/ (\S+)[\s\S]*Customer portal:\s+(\S+)/,
  );
  return {
    url: `http://localhost:${port}`,
    adminPassword: p.match[1]!,
    portal: p.match[2]!,
    cleanup: async () => {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const apiSession = (login: string, password: string) => sharedApiSession(herald.url, login, password);

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let bob: Awaited<ReturnType<typeof apiSession>>;
let contactId: string;
let page: Page;
const stamp = Date.now();
const EXTERNAL = `交货时间确认 ${stamp}`;
const INTERNAL = `内部：华东贸易报价底线 ${stamp}`;
const OTHER_CUSTOMER = `北方物流：运力合同 ${stamp}`;
let externalId: string;

before(async () => {
  [herald, browser] = await withBrowser(startHeraldWithPortal());
  const admin = await apiSession('admin', herald.adminPassword);
  await admin.call('POST', '/auth/password', {
    currentPassword: herald.adminPassword,
    newPassword: 'Paper-Crane-2026!',
  });
  // Bob Li (E1007, sales) may send external messages; the demo data gives him no password.
  const { items: people } = await admin.call<{ items: Array<{ id: string; employeeNo: string }> }>(
    'GET',
    '/members?q=E1007',
  );
  const bobId = people.find((m) => m.employeeNo === 'E1007')!.id;
  const { temporaryPassword } = await admin.call<{ temporaryPassword: string }>('POST', `/members/${bobId}/password`);
  const first = await apiSession('E1007', temporaryPassword);
  await first.call('POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: 'Green-Tea-2026!' });
  bob = await apiSession('E1007', 'Green-Tea-2026!');
  const { items: contacts } = await admin.call<{ items: Array<{ id: string; name: string; portalEnabled: boolean }> }>(
    'GET',
    `/contacts?q=${encodeURIComponent('陈经理')}`,
  );
  contactId = contacts.find((c) => c.name === '陈经理' && c.portalEnabled)!.id;
  const { items: others } = await admin.call<{ items: Array<{ id: string; name: string }> }>(
    'GET',
    `/contacts?q=${encodeURIComponent('刘总')}`,
  );
  const { items: colleagues } = await admin.call<{ items: Array<{ id: string; employeeNo: string }> }>(
    'GET',
    '/members?q=E1008',
  );

  // At the same moment: one message to the portal contact, one internal one about them, one to another customer.
  const key = () => ({ 'idempotency-key': crypto.randomUUID() });
  const [external] = await Promise.all([
    bob.call<{ id: string }>(
      'POST',
      '/messages',
      {
        kind: 'external',
        subject: EXTERNAL,
        audience: [{ kind: 'contact', targetId: contactId }],
        body: doc('陈经理您好，第二批货预计 12 月 5 日到港，请确认收货时间。'),
      },
      key(),
    ),
    bob.call(
      'POST',
      '/messages',
      {
        kind: 'internal',
        subject: INTERNAL,
        audience: [{ kind: 'member', targetId: colleagues.find((m) => m.employeeNo === 'E1008')!.id }],
        body: doc('报价底线 95 折，勿外传。'),
      },
      key(),
    ),
    bob.call(
      'POST',
      '/messages',
      {
        kind: 'external',
        subject: OTHER_CUSTOMER,
        audience: [{ kind: 'contact', targetId: others[0]!.id }],
        body: doc('刘总您好。'),
      },
      key(),
    ),
  ]);
  externalId = external.id;

  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/tags') tagResponses.push(r);
  });
  await page.addInitScript(() => localStorage.setItem('herald-portal-locale', 'en'));
  // Issue 21: the host's own CSP (examples/host-app/server.mjs) must never be violated; the event is composed, so it
  // reaches the document from inside the widgets' shadow roots.
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener(
      'securitypolicyviolation',
      (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`),
      true,
    ),
  );
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('S5–S7: the portal signs the contact in with a token from the host back end, never in a URL', async () => {
  const heraldRequests: Array<{ url: string; auth?: string }> = [];
  page.on('request', (r) => {
    // Headers are read asynchronously; a request still in flight when the browser closes is of no interest.
    if (r.url().startsWith(herald.url))
      void r.allHeaders().then(
        (h) => heraldRequests.push({ url: r.url(), auth: h.authorization }),
        () => undefined,
      );
  });
  const token = page.waitForResponse((r) => r.url().endsWith('/token') && r.request().method() === 'POST');
  await page.goto(herald.portal);
  const minted = await (await token).text();
  await page.locator('herald-inbox').getByText('Signed in as 陈经理').first().waitFor();
  for (let i = 0; i < 100 && !heraldRequests.some((r) => r.auth === `Bearer ${minted}`); i++)
    await new Promise((r) => setTimeout(r, 50));
  const api = heraldRequests.filter((r) => r.url.includes('/api/v1/'));
  assert.ok(api.length > 0);
  assert.ok(
    api.every((r) => !r.url.includes(minted.split('.')[1]!)),
    'the token is never in a URL',
  );
  assert.ok(
    api.some((r) => r.auth === `Bearer ${minted}`),
    'it travels in the Authorization header',
  );
  assert.equal(await page.evaluate(() => document.cookie), '');
});

test('S5: the contact sees only their own conversations', async () => {
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('option', { name: new RegExp(EXTERNAL) }).waitFor({ timeout: 30_000 });
  await inbox.getByRole('option', { name: /合同续签事宜/ }).waitFor(); // the demo conversation
  assert.equal(await inbox.getByText(INTERNAL).count(), 0, 'an internal message is never shown');
  assert.equal(await inbox.getByText(OTHER_CUSTOMER).count(), 0, "another customer's conversation is never shown");
  // Issue 14: the portal's sidebar showed the organisation's internal tags (项目 › 项目A › 需求沟通). Once the widget has
  // loaded its tags (the response is the positive signal), none of the organisation's is there, nor on the page.
  for (let i = 0; i < 300 && !tagResponses.length; i++) await new Promise((r) => setTimeout(r, 50));
  const { items } = (await tagResponses.at(-1)!.json()) as { items: Array<{ scope: string; name: string }> };
  assert.deepEqual(
    items.filter((t) => t.scope === 'organisation').map((t) => t.name),
    [],
  );
  await inbox.getByRole('heading', { name: 'My tags' }).waitFor();
  assert.equal(await inbox.getByRole('heading', { name: 'Organisation tags' }).count(), 0);
  for (const name of ['项目', '项目A', '需求沟通', '公告'])
    assert.equal(await inbox.getByText(name, { exact: true }).count(), 0, name);
});

test('S6/S7: the contact opens a conversation and replies; the reply reaches the sender', async () => {
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('option', { name: new RegExp(EXTERNAL) }).click();
  // In the reading pane (the list row's preview line says it too).
  await inbox.getByRole('region', { name: 'Reading pane' }).getByText('第二批货预计 12 月 5 日到港').waitFor();
  const reply = `收到，12 月 6 日上午收货。${stamp}`;
  await inbox.getByLabel('Your reply').fill(reply);
  await inbox.getByRole('button', { name: 'Send reply' }).click();
  await inbox.getByText('Reply sent.').waitFor();

  const thread = await bob.call<{
    items: Array<{ sender: { kind: string; id: string }; subject: string; body: unknown }>;
  }>('GET', `/messages/${externalId}/thread`);
  const fromContact = thread.items.find((m) => m.sender.kind === 'contact');
  assert.ok(fromContact, 'the reply is in the thread');
  assert.equal(fromContact.sender.id, contactId);
  assert.match(JSON.stringify(fromContact.body), new RegExp(String(stamp)));
  const mailbox = await bob.call<{ items: Array<{ message: { subject: string } }> }>('GET', `/mailbox?q=${stamp}`);
  assert.ok(
    mailbox.items.some((i) => i.message.subject === `Re: ${EXTERNAL}`),
    "and in the sender's inbox",
  );
});

test("issue 21: an image attachment previews in the portal under the host page's CSP, with no violation all \
along", async () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/6gF3VQAAAABJRU5ErkJggg==',
    'base64',
  );
  const attachment = await bob.upload('/attachments?name=site-photo.png', png, 'image/png');
  const subject = `现场照片 ${stamp}`;
  await bob.call(
    'POST',
    '/messages',
    {
      kind: 'external',
      subject,
      audience: [{ kind: 'contact', targetId: contactId }],
      body: doc('请查看附件照片。'),
      attachmentIds: [attachment.id],
    },
    { 'idempotency-key': crypto.randomUUID() },
  );
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('option', { name: new RegExp(subject) }).click({ timeout: 30_000 });
  const img = inbox.locator('herald-message-view img[src^="blob:"]');
  await img.waitFor({ timeout: 30_000 });
  await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
  assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 1, 'drawn, not a broken image');
  assert.deepEqual(cspViolations, []);
});

test('issue 19 #5 (S7): the contact opens a conversation; the owner sees it in the Customers queue live, replies \
(→ waiting); the contact replies (→ open); the owner resolves it', async () => {
  const subject = `售后：包装破损 ${stamp}`;
  // Bob (the demo contact's owner) on the intranet page, his Customers queue open, before the customer writes.
  const staff = await intranetAs(browser, herald.url, 'E1007', 'Green-Tea-2026!', { waitForLive: true });
  const staffInbox = staff.locator('herald-inbox');
  await staffInbox.getByRole('button', { name: 'Customers' }).click();
  const queue = staffInbox.locator('herald-customer-queue');
  await queue.getByRole('heading', { name: 'Customer conversations' }).waitFor();

  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('button', { name: /New conversation/ }).click();
  const form = inbox.locator('herald-conversation-form');
  await form.getByRole('option', { name: 'My contact person (Bob Li)' }).waitFor({ state: 'attached' });
  await form.getByLabel('Subject').fill(subject);
  await form.getByRole('textbox', { name: 'Message' }).fill('第二批货外包装破损三箱，请安排补发。');
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  // Sent: the thread opens in the customer's reading pane, and the conversation is in My conversations.
  await inbox.locator('herald-message-view').getByText('第二批货外包装破损三箱').waitFor();
  await inbox.locator('herald-customer-queue').getByText(subject).waitFor();

  // Live in Bob's queue, open; he opens it and replies.
  const row = queue.locator('[part="row"]', { hasText: subject });
  await row.getByText('Open', { exact: true }).waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: new RegExp(subject) }).click();
  await staffInbox.locator('herald-message-view').getByText('第二批货外包装破损三箱').waitFor();
  await staffInbox.getByLabel('Your reply').fill('已安排补发，预计 12 月 8 日送达。');
  await staffInbox.getByRole('button', { name: 'Send reply' }).click();
  await staffInbox.getByText('Reply sent.').waitFor();
  await row.getByText('Waiting for customer').waitFor();

  // The customer answers in the thread: open again.
  await inbox
    .locator('herald-message-view')
    .getByText('已安排补发')
    .waitFor({ timeout: 30_000 })
    .catch(async () => {
      await inbox
        .locator('herald-customer-queue')
        .getByRole('button', { name: new RegExp(subject) })
        .click();
      await inbox.locator('herald-message-view').getByText('已安排补发').waitFor();
    });
  await inbox.getByLabel('Your reply').fill('收到，谢谢。');
  await inbox.getByRole('button', { name: 'Send reply' }).click();
  await inbox.getByText('Reply sent.').waitFor();
  await row.getByText('Open', { exact: true }).waitFor({ timeout: 30_000 });

  // Bob resolves it; the record keeps every step.
  await row.getByRole('button', { name: 'Resolve' }).click();
  await row.getByText('Resolved', { exact: true }).waitFor();
  const { items } = await bob.call<{ items: Array<{ id: string; subject: string; status: string }> }>(
    'GET',
    '/conversations?status=resolved',
  );
  const done = items.find((c) => c.subject === subject);
  assert.ok(done, 'resolved in the queue');
  const thread = await bob.call<{ items: Array<{ sender: { kind: string } }> }>('GET', `/messages/${done.id}/thread`);
  assert.deepEqual(
    thread.items.map((m) => m.sender.kind),
    ['contact', 'member', 'contact'],
  );
  await staff.context().close();

  // Review (issue 19 item 1): the org admin holds no copy of it, yet works it: opens it from the Customers queue, reads
  // the customer's and Bob's messages and answers; the customer gets the answer.
  const adminPage = await intranetAs(browser, herald.url, 'admin', 'Paper-Crane-2026!');
  const adminInbox = adminPage.locator('herald-inbox');
  await adminInbox.getByRole('button', { name: 'Customers' }).click();
  const adminRow = adminInbox.locator('herald-customer-queue [part="row"]', { hasText: subject });
  await adminRow.getByRole('button', { name: new RegExp(subject) }).click();
  const adminView = adminInbox.locator('herald-message-view');
  await adminView.getByText('第二批货外包装破损三箱').first().waitFor();
  await adminView.getByText('已安排补发').first().waitFor();
  await adminInbox.getByLabel('Your reply').fill('客服主管已跟进此事。');
  await adminInbox.getByRole('button', { name: 'Send reply' }).click();
  await adminInbox.getByText('Reply sent.').waitFor();
  await inbox.locator('herald-message-view').getByText('客服主管已跟进此事').waitFor({ timeout: 30_000 });
  await adminPage.context().close();
});
