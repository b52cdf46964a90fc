// Issue 14 ("What people hit today") on the intranet example in a real Chromium, against Herald as `npm start` runs
// it with the demo organisation: the header's unread badge (outside the provider) follows sign-in, sign-out and a
// different person (item 3); the Sent list's receipt counts follow the recipients live (item 5); the batch status
// line follows a language switch (item 8); the page's own header fits a 390 px phone (item 11).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  apiSession,
  intranetAs,
  memberWithPassword,
  sendFrom,
  startHerald,
  textBody,
  type ApiSession,
  withBrowser,
  adminApi,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let admin: ApiSession;
const ids: Record<string, string> = {};
const sessions: Record<string, ApiSession> = {};
const PASSWORDS: Record<string, string> = {
  E1001: 'Red-Lantern-2026!',
  E1002: 'Blue-River-2026!',
  E1003: 'Green-Hill-2026!',
};

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  admin = await adminApi(herald);
  for (const [no, password] of Object.entries(PASSWORDS)) {
    ids[no] = await memberWithPassword(herald.url, admin, no, password); // 张三, 李四, 王五
    sessions[no] = await apiSession(herald.url, no, password);
  }
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const unread = async (no: string) =>
  (await sessions[no]!.call<{ unread: number }>('GET', '/mailbox/unread-count')).unread;
const badgeText = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('herald-unread-badge')!.shadowRoot!.querySelector('[part~="badge"]')?.textContent ?? '',
  );
const waitForBadge = (page: Page, text: string) =>
  page.waitForFunction(
    (text) =>
      (document.querySelector('herald-unread-badge')!.shadowRoot!.querySelector('[part~="badge"]')?.textContent ??
        '') === text,
    text,
    { timeout: 15_000 },
  );
const shown = (n: number) => (n === 0 ? '' : n > 99 ? '99+' : String(n));
const message = (subject: string, to: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'internal',
  subject,
  audience: to.map((no) => ({ kind: 'member', targetId: ids[no] })),
  body: textBody(subject),
  ...extra,
});

async function signInThroughForm(page: Page, no: string) {
  await page.getByLabel('Employee number, e-mail or user name').fill(no);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORDS[no]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).first().waitFor();
}

test('issue 14 item 3: the header badge (outside the provider) follows sign-in, sign-out and the next person, without \
a reload', async () => {
  // Two people with different, non-zero counts.
  const sender = await apiSession(herald.url, 'E1001', PASSWORDS.E1001!);
  await sender.call('POST', '/messages', message(`for 李四 ${Date.now()}`, ['E1002']), {
    'idempotency-key': `e2e-b1-${Date.now()}`,
  });
  while ((await unread('E1003')) === 0 || (await unread('E1003')) === (await unread('E1002'))) {
    await sender.call('POST', '/messages', message(`for 王五 ${Date.now()}`, ['E1003']), {
      'idempotency-key': `e2e-b2-${Date.now()}-${Math.random()}`,
    });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  await page.goto(`${herald.url}/examples/intranet/`);
  await page.getByLabel('Employee number, e-mail or user name').waitFor();
  assert.equal(await badgeText(page), '', 'nobody signed in: no count');

  await signInThroughForm(page, 'E1002');
  await waitForBadge(page, shown(await unread('E1002')));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Employee number, e-mail or user name').waitFor();
  await waitForBadge(page, ''); // a shared PC shows nobody's count once signed out

  await signInThroughForm(page, 'E1003');
  await waitForBadge(page, shown(await unread('E1003')));
  await context.close();
});

test('issue 14 item 5: a Sent row\'s "read · confirmed" counts follow the recipients live', async () => {
  const page = await intranetAs(browser, herald.url, 'E1001', PASSWORDS.E1001!);
  const inbox = page.locator('herald-inbox');
  const subject = `请确认：消防演练 ${Date.now()}`;
  const sent = await sendFrom(page, message(subject, ['E1002', 'E1003'], { receiptRequired: true }));
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  // A positive signal that 张三's live stream is open: a message to him appears in his inbox by itself.
  const ping = `ping ${Date.now()}`;
  await sessions.E1002!.call('POST', '/messages', message(ping, ['E1001']), {
    'idempotency-key': `e2e-ping-${Date.now()}`,
  });
  await inbox.getByRole('option').filter({ hasText: ping }).waitFor({ timeout: 15_000 });

  await inbox.getByRole('button', { name: 'Sent', exact: true }).click();
  const row = inbox.getByRole('option').filter({ hasText: subject });
  await row.getByText('read 0/2 · confirmed 0/2').waitFor();
  for (const [no, n] of [
    ['E1002', 1],
    ['E1003', 2],
  ] as const) {
    await sessions[no]!.call('POST', `/mailbox/${sent.body.id}/read`);
    await sessions[no]!.call('POST', `/mailbox/${sent.body.id}/confirm`);
    await row.getByText(`read ${n}/2 · confirmed ${n}/2`).waitFor({ timeout: 15_000 });
  }
  await page.context().close();
});

test('issue 14 item 8: after switching the language, the batch status line is in the new language', async () => {
  const page = await intranetAs(browser, herald.url, 'E1003', PASSWORDS.E1003!);
  const inbox = page.locator('herald-inbox');
  const { items } = await sessions.E1003!.call<{ items: Array<{ message: { subject: string } }> }>(
    'GET',
    '/mailbox?limit=2',
  );
  assert.equal(items.length, 2);
  for (const {
    message: { subject },
  } of items)
    await inbox.getByRole('option').filter({ hasText: subject }).first().locator('[data-check]').click();
  await inbox.getByRole('button', { name: 'Mark read' }).click();
  const status = inbox.locator('[part="batch-status"]');
  await page.waitForFunction(() =>
    /^Done: \d of 2 changed\.$/.test(
      document.querySelector('herald-inbox')!.shadowRoot!.querySelector('[part="batch-status"]')!.textContent!,
    ),
  );
  const changed = /Done: (\d)/.exec((await status.textContent())!)![1];
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.waitForFunction(
    (text) =>
      document.querySelector('herald-inbox')!.shadowRoot!.querySelector('[part="batch-status"]')!.textContent === text,
    `完成：2 条中 ${changed} 条已更改。`,
    { timeout: 10_000 },
  );
  await page.context().close();
});

test("issue 14 item 11: the intranet page's own header fits a 390 px phone, signed out and signed in", async () => {
  // Signed in, the header also holds "Sign out" and the unread badge — with a two-digit count, as people have.
  for (let n = await unread('E1002'); n < 10; n++) {
    await sessions.E1001!.call('POST', '/messages', message(`for 李四 ${n}`, ['E1002']), {
      'idempotency-key': `e2e-h-${Date.now()}-${n}`,
    });
  }
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  await page.goto(`${herald.url}/examples/intranet/`);
  const header = () =>
    page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.page-header')!;
      return {
        scrollWidth: el.scrollWidth,
        right: Math.max(...[...el.children].map((c) => c.getBoundingClientRect().right)),
      };
    });
  await page.getByLabel('Employee number, e-mail or user name').waitFor();
  let box = await header();
  assert.ok(box.scrollWidth <= 390 && box.right <= 390, `signed out: ${JSON.stringify(box)}`);
  await signInThroughForm(page, 'E1002');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await waitForBadge(page, shown(await unread('E1002')));
  box = await header();
  assert.ok(box.scrollWidth <= 390 && box.right <= 390, `signed in: ${JSON.stringify(box)}`);
  await context.close();
});
