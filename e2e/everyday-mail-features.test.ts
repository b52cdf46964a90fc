// Issues 19 and 20 in a real Chromium on the intranet page, against Herald as `npm start` runs it (demo data): a member
// sees the first words of a message under its subject (issue 20 #5), stars it and finds it under Starred, snoozes
// it out of the inbox and brings it back (issue 20 #3), sets quiet hours in "My settings" (issue 20 #6), and starts a
// message from one of the demo organisation's templates found by its pinyin (issue 19 #1).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  apiSession,
  intranetAs,
  memberWithPassword,
  startHerald,
  textBody,
  type ApiSession,
  withBrowser,
  adminApi,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;
let li: ApiSession;
const SUBJECT = `机房搬迁安排 ${Date.now() % 100000}`;
const FIRST_WORDS = '本周六上午九点起机房搬迁';

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const admin = await adminApi(herald);
  const liId = await memberWithPassword(herald.url, admin, 'E1002', 'Blue-River-2026!'); // 李四
  li = await apiSession(herald.url, 'E1002', 'Blue-River-2026!');
  await admin.call(
    'POST',
    '/messages',
    {
      kind: 'internal',
      priority: 'normal',
      subject: SUBJECT,
      audience: [{ kind: 'member', targetId: liId }],
      body: textBody(`${FIRST_WORDS}，期间内网停用约两小时，请提前保存工作。`),
    },
    { 'idempotency-key': `e2e-everyday-${Date.now()}` },
  );
  page = await intranetAs(browser, herald.url, 'E1002', 'Blue-River-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const inbox = () => page.locator('herald-inbox');
const row = (subject: string) => inbox().getByRole('option').filter({ hasText: subject });
const view = (name: string) => inbox().getByRole('button', { name, exact: true }).first();
const mine = async () =>
  (
    await li.call<{
      items: Array<{ message: { subject: string }; state: { starredAt: number | null; snoozedUntil: number | null } }>;
    }>('GET', '/mailbox?view=all&limit=200')
  ).items.find((i) => i.message.subject === SUBJECT)!.state;

test('issue 20 #5: the list shows the first words of the body under the subject', async () => {
  await row(SUBJECT).waitFor();
  const preview = row(SUBJECT).locator('[part~="preview"]');
  assert.match((await preview.textContent()) ?? '', new RegExp(`^\\s*${FIRST_WORDS}`));
});

test('issue 20 #3: star it, find it under Starred; snooze it out of the inbox and bring it back', async () => {
  await row(SUBJECT).click();
  const reader = inbox().locator('herald-message-view');
  await reader.getByRole('heading', { name: SUBJECT }).waitFor();
  const star = reader.getByRole('button', { name: 'Star', exact: true });
  await star.click();
  await reader.getByRole('button', { name: 'Star', pressed: true }).waitFor();
  assert.ok((await mine()).starredAt, 'starred on the server');
  await view('Starred').click();
  await row(SUBJECT).waitFor();
  await view('Inbox').click();
  await row(SUBJECT).click();
  await reader.getByRole('heading', { name: SUBJECT }).waitFor();

  const snooze = reader.getByRole('combobox', { name: 'Snooze…' });
  const later = (await snooze.locator('option').allTextContents()).find((t) => t.startsWith('Later today'))!;
  await snooze.selectOption({ label: later });
  await row(SUBJECT).waitFor({ state: 'detached' });
  assert.ok((await mine()).snoozedUntil! > Date.now(), 'snoozed until later on the server');
  await view('Snoozed').click();
  await row(SUBJECT).click();
  await reader.getByRole('button', { name: /back to the inbox now/ }).click();
  await view('Inbox').click();
  await row(SUBJECT).waitFor();
  assert.equal((await mine()).snoozedUntil, null, 'back in the inbox on the server');
});

test('issue 20 #6: quiet hours set in "My settings" are what the server keeps', async () => {
  await inbox().getByRole('button', { name: 'My settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'My settings' });
  await dialog.getByLabel('Hold notifications during quiet hours').check();
  await dialog.getByLabel('From', { exact: true }).fill('22:00');
  await dialog.getByLabel('To', { exact: true }).fill('07:30');
  await dialog.getByRole('button', { name: 'Save notifications' }).click();
  await dialog.getByText('Saved.').waitFor();
  const prefs = await li.call<{ quietHours: { start: string; end: string } | null }>('GET', '/me/notifications');
  assert.deepEqual([prefs.quietHours?.start, prefs.quietHours?.end], ['22:00', '07:30']);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await dialog.waitFor({ state: 'hidden' });
});

test('issue 19 #1: a demo organisation template, found by its pinyin, fills the composer', async () => {
  const composer = page.locator('herald-composer');
  await composer.getByRole('button', { name: 'Use a template' }).click();
  const search = composer.getByRole('combobox', { name: 'Search templates' });
  await search.fill('huiyitongzhi');
  await composer.getByRole('option', { name: /会议通知/ }).click();
  await composer.getByText(/Template “会议通知” applied/).waitFor();
  assert.equal(await composer.getByLabel('Subject').inputValue(), '会议通知：【会议名称】');
});

test('issue 19 #6 and #8: an admin logs a call on a contact, and sets how long expired content is kept', async () => {
  const adminPage = await intranetAs(browser, herald.url, 'admin', 'Paper-Crane-2026!');
  const memberAdmin = adminPage.locator('herald-member-admin');
  await memberAdmin.getByRole('tab', { name: 'Contacts' }).click();
  await memberAdmin.getByRole('button', { name: 'Notes and conversations with 陈经理' }).first().click();
  const notes = memberAdmin.locator('herald-admin-contact-notes');
  const said = `电话沟通：交货期延后一周 ${Date.now() % 100000}`;
  await notes.getByLabel('What was said or agreed').fill(said);
  await notes.getByRole('button', { name: 'Log it' }).click();
  await notes.getByText('Logged.').waitFor();
  await notes.getByText(said).waitFor();

  await memberAdmin.getByRole('tab', { name: 'Storage' }).click();
  await memberAdmin.getByLabel('Days after expiry').fill('7');
  await memberAdmin.getByRole('button', { name: /^Save/ }).click();
  await memberAdmin.getByText('Retention policy saved.').waitFor();
  const admin = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  assert.equal(
    (await admin.call<{ expiredGraceDays: number | null }>('GET', '/settings/retention')).expiredGraceDays,
    7,
  );
  await adminPage.context().close();
});
