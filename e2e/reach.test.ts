// Issue 24 in a real Chromium on the intranet example with the demo data: the admin's Reach tab shows the last 30 days
// of the seeded messages as figures and charts (each with its data table), and exports them as .xlsx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { signInAsAdmin, startHerald, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signInAsAdmin(page, herald, 'Reach-Figures-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('issue 24: the Reach tab shows the demo messages at a glance and exports them as .xlsx', async () => {
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
});
