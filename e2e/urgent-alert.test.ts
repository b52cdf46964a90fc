// Urgent alert (R6, R9, S8) in a real Chromium on the intranet page, against Herald as `npm start` runs it: two
// members are signed in, in two browser contexts; one sends an urgent receipt-required message through the API,
// the other's page interrupts with the alert dialog, live, and they confirm from it; the sender's receipt list says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startHerald } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A cookie session over the API from Node (for set-up only). */
async function apiSession(url: string, login: string, password: string) {
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  assert.equal(signIn.status, 200, `sign-in ${login}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  let csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const json = res.status === 204 ? null : await res.json();
    if (json?.csrfToken) csrf = json.csrfToken;
    return json as T;
  };
  return { call };
}

/** Gives a demo member (no password in the demo data) a known password, past the forced first change. */
async function memberWithPassword(admin: Awaited<ReturnType<typeof apiSession>>, employeeNo: string, password: string) {
  const { items } = await admin.call<{ items: Array<{ id: string; employeeNo: string }> }>('GET', `/members?q=${employeeNo}`);
  const member = items.find((m) => m.employeeNo === employeeNo)!;
  const { temporaryPassword } = await admin.call<{ temporaryPassword: string }>('POST', `/members/${member.id}/password`);
  const session = await apiSession(herald.url, employeeNo, temporaryPassword);
  await session.call('POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: password });
  return member.id;
}

/** The intranet page (English), signed in through its form. */
async function intranetAs(login: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  await page.goto(`${herald.url}/examples/intranet/`);
  await page.getByLabel('Employee number or e-mail').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).first().waitFor();
  return page;
}

let sender: Page;
let recipient: Page;
let recipientId: string;

before(async () => {
  [herald, browser] = await Promise.all([startHerald(), launchChromium()]);
  const admin = await apiSession(herald.url, 'admin', herald.adminPassword);
  await admin.call('POST', '/auth/password', { currentPassword: herald.adminPassword, newPassword: 'Paper-Crane-2026!' });
  await memberWithPassword(admin, 'E1001', 'Red-Lantern-2026!'); // 张三, 技术部: may send internal and urgent messages
  recipientId = await memberWithPassword(admin, 'E1002', 'Blue-River-2026!'); // 李四
  [sender, recipient] = await Promise.all([intranetAs('E1001', 'Red-Lantern-2026!'), intranetAs('E1002', 'Blue-River-2026!')]);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('R6/R9/S8: an urgent receipt-required message interrupts the recipient live; they confirm from the alert', async () => {
  // The recipient's page must be listening before the message is sent.
  await recipient.waitForFunction(() => customElements.get('herald-urgent-alert') !== undefined, undefined, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 1000));
  const subject = `机房停电演练 ${Date.now()}`;
  const message = await sender.evaluate(async ({ subject, recipientId }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const res = await fetch('/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        kind: 'urgent', subject, receiptRequired: true, audience: [{ kind: 'member', targetId: recipientId }],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '请立即保存工作，10 分钟后断电。' }] }] },
      }),
    });
    return { status: res.status, body: await res.json() };
  }, { subject, recipientId });
  assert.equal(message.status, 201, JSON.stringify(message.body));

  const alert = recipient.getByRole('alertdialog', { name: subject });
  await alert.waitFor({ timeout: 15_000 });
  await alert.getByText('From 张三', { exact: true }).waitFor();
  await alert.getByText('请立即保存工作').waitFor();
  assert.equal(await recipient.evaluate(() => {
    const el = document.querySelector('herald-urgent-alert')!;
    return el.shadowRoot!.querySelector('dialog')!.contains(el.shadowRoot!.activeElement);
  }), true, 'focus is inside the alert');
  const confirmed = recipient.waitForResponse((r) => r.url().endsWith(`/api/v1/mailbox/${message.body.id}/confirm`) && r.request().method() === 'POST');
  await alert.getByRole('button', { name: 'Confirm' }).click();
  assert.equal((await confirmed).status(), 200);
  await alert.waitFor({ state: 'hidden' });

  const receipts = await sender.evaluate(async (id) => (await fetch(`/api/v1/messages/${id}/recipients`)).json(), message.body.id) as {
    counts: { confirmed: number; total: number }; items: Array<{ id: string; confirmedAt: number | null }>;
  };
  assert.equal(receipts.counts.confirmed, 1);
  assert.ok(receipts.items.find((i) => i.id === recipientId)?.confirmedAt, 'the sender sees that 李四 confirmed');
});

test('R6: a normal message does not interrupt', async () => {
  const subject = `普通通知 ${Date.now()}`;
  await sender.evaluate(async ({ subject, recipientId }) => {
    const me = await (await fetch('/api/v1/me')).json();
    await fetch('/api/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ kind: 'internal', subject, audience: [{ kind: 'member', targetId: recipientId }], body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'FYI' }] }] } }),
    });
  }, { subject, recipientId });
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(await recipient.getByRole('alertdialog').count(), 0);
});
