// Issue 24 in a real Chromium on the intranet example with the demo data: the admin's Reach tab shows the last 30 days
// of the seeded messages as figures and charts (each with its data table), and exports them as .xlsx; the sender of
// the demo's holiday notice opens it in Sent and sees its reach at a glance, in English and in Chinese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiSession, intranetAs, memberWithPassword, signInAsAdmin, startHerald, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;
const ADMIN_PASSWORD = 'Reach-Figures-2026!';

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signInAsAdmin(page, herald, ADMIN_PASSWORD);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('issue 24: the Reach tab shows the demo messages at a glance and exports them as .xlsx, in English and \
Chinese', async () => {
  const admin = page.locator('herald-member-admin');
  await admin.getByRole('tab', { name: 'Reach' }).click();
  const tab = admin.locator('herald-admin-reach');
  await tab.getByRole('heading', { name: 'Reach in the last 30 days' }).waitFor();
  const sent = tab.locator('[data-figure="sent"] dd.big');
  await sent.waitFor();
  assert.ok(Number((await sent.textContent())!.replace(/,/g, '')) > 0, 'the seeded messages are counted');
  // Each chart has its data table for screen readers, with a row per kind.
  await tab.getByRole('table', { name: 'Messages sent by kind and priority' }).waitFor({ state: 'attached' });
  assert.equal(await tab.locator('#by-kind table tbody tr').count(), 3);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tab.getByRole('button', { name: 'Export .xlsx' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'reach-30d.xlsx');
  // The page's language switch: the same figures in Chinese, and the workbook named in Chinese.
  await page.locator('#locale').selectOption('zh-CN');
  await tab.getByRole('heading', { name: '最近 30 天的送达情况' }).waitFor();
  await tab.getByRole('table', { name: '按类型和优先级统计的已发送消息' }).waitFor({ state: 'attached' });
  const [zh] = await Promise.all([
    page.waitForEvent('download'),
    tab.getByRole('button', { name: '导出 .xlsx' }).click(),
  ]);
  assert.equal(zh.suggestedFilename(), '送达概览-30d.xlsx');
  await page.locator('#locale').selectOption('en');
});

test("issue 24: the sender opens the demo's holiday notice in Sent — read and confirmed over time, a bar per \
department that narrows the list, moving live as someone confirms; then in Chinese", async () => {
  const admin = await apiSession(herald.url, 'admin', ADMIN_PASSWORD);
  await memberWithPassword(herald.url, admin, 'E1006', 'Holiday-Notice-2026!'); // 孙七 sent the holiday notice
  await memberWithPassword(herald.url, admin, 'E1005', 'Market-Reader-2026!'); // 赵六 (市场部) has not confirmed
  const sender = await intranetAs(browser, herald.url, 'E1006', 'Holiday-Notice-2026!', { waitForLive: true });
  const inbox = sender.locator('herald-inbox');
  await inbox.getByRole('button', { name: 'Sent' }).click();
  await inbox.getByRole('option').filter({ hasText: '春节放假' }).click();
  const view = inbox.locator('herald-message-view');
  const reach = view.locator('herald-message-reach');
  await reach.getByRole('heading', { name: 'At a glance' }).waitFor({ timeout: 15_000 });
  const summary = reach.locator('#over-time-summary');
  const confirmed = async () => Number(/and (\d+) confirmed/.exec((await summary.textContent()) ?? '')?.[1]);
  assert.equal(await confirmed(), 3, 'the demo has 3 confirmations of the holiday notice');
  await reach.getByRole('table', { name: 'By department' }).waitFor({ state: 'attached' });

  // A department's bar (a toggle button named by its figures) narrows the recipients list to its people.
  const frontEnd = reach.getByRole('button', { name: /^前端组:/ });
  await frontEnd.click();
  assert.equal(await frontEnd.getAttribute('aria-pressed'), 'true');
  const names = view.locator('#receipts-rows tr th');
  await sender.waitForFunction(
    () => {
      const view = document.querySelector('herald-inbox')?.shadowRoot?.querySelector('herald-message-view');
      const rows = [...(view?.shadowRoot?.querySelectorAll('#receipts-rows tr th') ?? [])];
      return rows.length === 2;
    },
    undefined,
    { timeout: 10_000 },
  );
  assert.deepEqual((await names.allTextContents()).map((n) => n.trim()).sort(), ['李四', '王五'].sort());

  // Live: a recipient in 市场部 confirms; the chart moves without a reload.
  const reader = await apiSession(herald.url, 'E1005', 'Market-Reader-2026!');
  const { items } = await reader.call<{ items: Array<{ message: { id: string; subject: string } }> }>(
    'GET',
    `/mailbox?q=${encodeURIComponent('春节')}`,
  );
  const notice = items.find((i) => i.message.subject.includes('春节放假'))!.message;
  await reader.call('POST', `/mailbox/${notice.id}/confirm`);
  await sender.waitForFunction(
    () => {
      const view = document.querySelector('herald-inbox')?.shadowRoot?.querySelector('herald-message-view');
      const reach = view?.shadowRoot?.querySelector('herald-message-reach');
      return /and 4 confirmed/.test(reach?.shadowRoot?.querySelector('#over-time-summary')?.textContent ?? '');
    },
    undefined,
    { timeout: 15_000 },
  );

  // The page's language switch: the same chart in Chinese.
  await sender.locator('#locale').selectOption('zh-CN');
  await reach.getByRole('heading', { name: '送达概览' }).waitFor();
  await reach.getByRole('button', { name: /^前端组：|^前端组:/ }).waitFor();
  assert.match((await summary.textContent()) ?? '', /4 人已确认/);
  await sender.context().close();
});
