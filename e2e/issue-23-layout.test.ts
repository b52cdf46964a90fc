// Issue 23 items 8 and 11 in a real Chromium, on the intranet example as `npm start` serves it.
// 8: a phone that fits — at 360, 390 and 430 px wide nothing scrolls sideways: every element, every tab of the back
//    office and of the approval queue, the composer with its emoji grid open, the inbox with a message open, the
//    sender's receipts (Chinese names not broken one character per line) and the urgent alert.
// 11: at 1366 px the page is a staff portal: navigation between the areas, composer and approvals share the row
//    (no 320 px columns beside empty space), the approval tabs on one line.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiSession, intranetAs, memberWithPassword, startHerald, textBody, withBrowser, adminApi } from './support.js';
import { overflowing } from './layout-support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let admin: Page;
let sender: Page;
let senderId: string;
const WIDTHS = [360, 390, 430];

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const api = await adminApi(herald);
  senderId = await memberWithPassword(herald.url, api, 'E1006', 'Quiet-Meadow-2026!'); // 孙七 sent the holiday notice
  [admin, sender] = await Promise.all([
    intranetAs(browser, herald.url, 'admin', 'Paper-Crane-2026!'),
    intranetAs(browser, herald.url, 'E1006', 'Quiet-Meadow-2026!', { waitForLive: true }),
  ]);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

/** Nothing sticks out sideways; `what` names the screen in the failure. */
async function fits(page: Page, what: string) {
  assert.deepEqual(await overflowing(page), [], `${what} at ${page.viewportSize()!.width} px`);
}

/** Clicks each tab of a tablist and checks the screen once its panel shows. */
async function everyTab(page: Page, element: Locator, what: string) {
  for (const tab of await element.getByRole('tab').all()) {
    const name = (await tab.textContent())!.trim();
    await tab.click();
    await element
      .locator(`[role=tabpanel][aria-labelledby="${await tab.getAttribute('id')}"]`)
      .first()
      .waitFor();
    await fits(page, `${what}: ${name}`);
  }
}

test('issue 23 item 8: at 360–430 px nothing scrolls sideways, on any element or tab', async () => {
  const memberAdmin = admin.locator('herald-member-admin');
  const queue = admin.locator('herald-approval-queue');
  const composer = admin.locator('herald-composer');
  for (const width of WIDTHS) {
    await admin.setViewportSize({ width, height: 844 });
    await memberAdmin.getByRole('tab', { name: 'Members' }).click();
    await memberAdmin.getByText('张三').first().waitFor();
    await fits(admin, 'the page with the members table');
    await everyTab(admin, memberAdmin, 'member admin');
    await everyTab(admin, queue, 'approval queue');
    await composer.getByRole('button', { name: 'Emoji' }).click();
    await composer
      .getByRole('button', { name: /^Insert (?!image$)/ }) // the emoji grid's, not the toolbar's Insert image
      .first()
      .waitFor();
    await fits(admin, 'the composer with its emoji grid open');
    await composer.getByRole('button', { name: 'Emoji' }).click();
    await composer
      .getByRole('button', { name: /^Insert (?!image$)/ }) // the emoji grid's, not the toolbar's Insert image
      .first()
      .waitFor({ state: 'hidden' });
  }
});

test('issue 23 item 8: the inbox, a message and its receipts fit a phone; the tag heading is not under the search \
bar', async () => {
  const inbox = sender.locator('herald-inbox');
  for (const width of WIDTHS) {
    await sender.setViewportSize({ width, height: 844 });
    await inbox.getByRole('button', { name: 'Sent' }).click();
    await inbox.getByText('关于 2027 年春节放假安排的通知').first().click();
    const receipts = inbox.locator('[part="receipts"]');
    await receipts.getByRole('rowheader').first().waitFor();
    await fits(sender, 'the receipts of the holiday notice');
    // A Chinese name stays on one line (it broke one character per line).
    const heights = await receipts.getByRole('rowheader').evaluateAll((cells) =>
      cells.slice(0, 5).map((c) => {
        const line = parseFloat(getComputedStyle(c).lineHeight) || 20;
        const text = document.createRange(); // the name's own lines, not the row's height
        text.selectNodeContents(c);
        return { name: c.textContent, lines: Math.round(text.getBoundingClientRect().height / line) };
      }),
    );
    assert.ok(
      heights.every((h) => h.lines === 1),
      JSON.stringify(heights),
    );
    await inbox.getByRole('button', { name: /Back/ }).click();
    await inbox.getByRole('button', { name: 'Inbox', exact: true }).click();
    await fits(sender, 'the inbox list');
    // The tag tree's heading, scrolled into view in the sidebar, is what a finger there touches — not the search bar.
    const heading = await inbox.evaluate((el) => {
      const root = el.shadowRoot!;
      const h = root.querySelector<HTMLElement>('[part="sidebar"] h3');
      if (!h) return 'no tag heading';
      h.scrollIntoView({ block: 'nearest' });
      const box = h.getBoundingClientRect();
      const top = root.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2);
      return top === h || h.contains(top)
        ? 'visible'
        : `covered by ${top?.localName}[${top?.getAttribute('part') ?? ''}]`;
    });
    assert.equal(heading, 'visible', `the tag heading at ${width} px`);
  }
});

test('issue 23 item 8: the urgent alert fits a 390 px phone', async () => {
  await sender.setViewportSize({ width: 390, height: 844 });
  const subject = `机房巡检 ${Date.now()}`;
  const api = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  const sent = await api.call('POST', '/messages', {
    kind: 'urgent',
    subject,
    audience: [{ kind: 'member', targetId: senderId }],
    body: textBody('请到三楼机房。'),
  });
  assert.ok(sent.id);
  const alert = sender.getByRole('alertdialog', { name: subject });
  await alert.waitFor({ timeout: 30_000 });
  const box = (await alert.boundingBox())!;
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `the alert spans ${box.x}…${box.x + box.width} of 390`);
  await fits(sender, 'the page under the urgent alert');
  await alert.getByRole('button', { name: 'Later' }).click();
  await alert.waitFor({ state: 'hidden' });
});

test('issue 23 item 11: at 1366 px a staff portal — navigation, composer and approvals share the row, approval tabs on \
one line', async () => {
  await admin.setViewportSize({ width: 1366, height: 768 });
  const nav = admin.getByRole('navigation', { name: 'Portal' });
  for (const name of ['Inbox', 'Compose', 'Approvals', 'Admin']) await nav.getByRole('link', { name }).waitFor();
  const [composer, queue, inbox] = await Promise.all(
    ['herald-composer', 'herald-approval-queue', 'herald-inbox'].map((tag) => admin.locator(tag).boundingBox()),
  );
  assert.ok(Math.abs(composer!.y - queue!.y) < 2, 'composer and approvals side by side');
  assert.ok(
    composer!.width + queue!.width >= 0.9 * inbox!.width,
    `they fill the row: ${composer!.width} + ${queue!.width} of ${inbox!.width}`,
  );
  assert.ok(queue!.width > 500 && composer!.width > 500, 'no 320 px columns');
  const tabs = await admin
    .locator('herald-approval-queue')
    .getByRole('tab')
    .evaluateAll((all) => new Set(all.map((t) => Math.round(t.getBoundingClientRect().top))).size);
  assert.equal(tabs, 1, 'the approval tabs on one line');
  await nav.getByRole('link', { name: 'Approvals' }).click();
  await admin.waitForFunction(() => location.hash === '#approvals');
  const top = await admin.locator('#approvals').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the approvals are in view (top ${top})`);
  await fits(admin, 'the portal');
});
