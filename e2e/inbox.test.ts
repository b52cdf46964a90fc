// The inbox in a real Chromium on the intranet page, against Herald as `npm start` runs it (demo organisation and
// messages): a notice arrives live; the member searches in Chinese, opens it and confirms it (S2, R9); archives with
// the keyboard
// and finds it under Archived (R12); selects two messages and tags them from the batch bar, then finds them under
// the tag (R11, R13); the unread badge follows (live); the sender sees the confirmation (R14).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  apiSession,
  intranetAs,
  memberWithPassword,
  startHerald,
  type ApiSession,
  withBrowser,
  adminApi,
} from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;
let li: ApiSession;
let wangId: string; // 王五 (E1003), to whom 李四 sends in the Sent step (issue 19 #9)
const NOTICE = `关于年会报名的通知 ${Date.now() % 100000}`;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const admin = await adminApi(herald);
  const liId = await memberWithPassword(herald.url, admin, 'E1002', 'Blue-River-2026!'); // 李四, 前端组
  li = await apiSession(herald.url, 'E1002', 'Blue-River-2026!');
  wangId = (
    await admin.call<{ items: Array<{ id: string; employeeNo: string }> }>('GET', '/members?q=E1003')
  ).items.find((m) => m.employeeNo === 'E1003')!.id;
  page = await intranetAs(browser, herald.url, 'E1002', 'Blue-River-2026!');
  // A company notice that asks for a receipt (S2), sent while 李四's inbox is open: it arrives live.
  await page.locator('herald-inbox').getByRole('option').first().waitFor();
  await admin.call(
    'POST',
    '/messages',
    {
      kind: 'internal',
      priority: 'high',
      subject: NOTICE,
      receiptRequired: true,
      audience: [{ kind: 'member', targetId: liId }],
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: '年会将于 12 月 20 日举行，请在周五前报名并确认。' }] },
        ],
      },
    },
    { 'idempotency-key': `e2e-${Date.now()}` },
  );
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const inbox = () => page.locator('herald-inbox');
const row = (subject: string) => inbox().getByRole('option').filter({ hasText: subject });
const entry = async (subject: string) =>
  (
    await li.call<{
      items: Array<{
        message: { id: string; subject: string };
        state: { readAt: number | null; confirmedAt: number | null; archivedAt: number | null; tagIds: string[] };
      }>;
    }>('GET', '/mailbox?view=all&limit=200')
  ).items.find((i) => i.message.subject === subject)!;

test('S2/R9/R13: a notice arrives live; search in Chinese, open it, confirm it; the sender sees the \
confirmation', async () => {
  await row(NOTICE).waitFor();
  const unreadBefore = (await li.call<{ unread: number }>('GET', '/mailbox/unread-count')).unread;
  await inbox().getByRole('combobox', { name: 'Search messages' }).fill('年会报名');
  await page.waitForFunction(
    () => {
      const rows = document.querySelector('herald-inbox')!.shadowRoot!.querySelectorAll('[role="option"]');
      return rows.length === 1;
    },
    undefined,
    { timeout: 10_000 },
  );
  await row(NOTICE).click();
  const reader = inbox().locator('herald-message-view');
  await reader.getByRole('heading', { name: NOTICE }).waitFor();
  await reader.getByRole('button', { name: 'Confirm receipt' }).click();
  await reader
    .getByText(/Confirmed/)
    .first()
    .waitFor();
  const state = (await entry(NOTICE)).state;
  assert.ok(state.readAt, 'opening marked it read');
  assert.ok(state.confirmedAt, 'confirmed');
  await page.waitForFunction(
    (before) => {
      const badge = document.querySelector('herald-unread-badge');
      const text = badge?.shadowRoot?.textContent ?? '';
      return !text.includes(String(before)) || before === 0;
    },
    unreadBefore,
    { timeout: 10_000 },
  );

  const admin = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  const messageId = (await entry(NOTICE)).message.id;
  const receipts = await admin.call<{ items: Array<{ name: string; confirmedAt: number | null }> }>(
    'GET',
    `/messages/${messageId}/recipients?state=confirmed&limit=200`,
  );
  assert.ok(
    receipts.items.some((r) => r.name === '李四' && r.confirmedAt),
    'those who may view data see 李四 confirmed',
  );
});

test('R12: e archives the open message; it is under Archived, not in the inbox', async () => {
  await inbox().getByRole('combobox', { name: 'Search messages' }).fill('');
  const subject = '项目B 周报（第 47 周）';
  await row(subject).click();
  await inbox().locator('herald-message-view').getByRole('heading', { name: subject }).waitFor();
  await row(subject).focus();
  await page.keyboard.press('e');
  await row(subject).waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok((await entry(subject)).state.archivedAt, 'archived on the server');
  await inbox().getByRole('button', { name: 'Archived' }).click();
  await row(subject).waitFor();
  await inbox().getByRole('button', { name: 'Inbox' }).first().click();
});

test('R11/R13: select two messages, tag them 项目A from the batch bar, find them under the tag', async () => {
  const subjects = ['项目A 需求评审：请在周五前完成', '关于 2027 年春节放假安排的通知'];
  for (const subject of subjects) await row(subject).locator('[data-check]').click();
  await inbox().getByText('2 selected').waitFor();
  const tagSelect = inbox().getByRole('combobox', { name: 'Add tag…' });
  const label = (await tagSelect.locator('option').allTextContents()).find((t) => t.endsWith('项目A'))!;
  await tagSelect.selectOption({ label });
  await inbox().getByText('Done: 2 of 2 changed.').waitFor();
  const tags = await li.call<{ items: Array<{ id: string; name: string }> }>('GET', '/tags');
  const projectA = tags.items.find((t) => t.name === '项目A')!;
  for (const subject of subjects) assert.ok((await entry(subject)).state.tagIds.includes(projectA.id));
  await inbox().getByRole('button', { name: 'Show the tags under 项目', exact: true }).click();
  await inbox()
    .getByRole('button', { name: /^项目A/ })
    .first()
    .click();
  for (const subject of subjects) await row(subject).waitFor();
  assert.equal(await inbox().getByRole('option').count(), 2);
});

test('issue 19 #9: in Sent, 李四 archives what she sent to Sent › Archived, stars it and moves it back', async () => {
  const subject = `周报已发出 ${Date.now() % 100000}`;
  await li.call(
    'POST',
    '/messages',
    {
      kind: 'internal',
      subject,
      audience: [{ kind: 'member', targetId: wangId }],
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '本周进展见附件。' }] }] },
    },
    { 'idempotency-key': `e2e-sent-${Date.now()}` },
  );
  const sent = async (query = '') =>
    (
      await li.call<{
        items: Array<{ message: { id: string; subject: string }; state: { starredAt: number | null } }>;
      }>('GET', `/sent${query}`)
    ).items.find((i) => i.message.subject === subject);
  await inbox().getByRole('button', { name: 'Sent' }).click();
  await row(subject).locator('[data-check]').click();
  await inbox().getByText('1 selected').waitFor();
  await inbox().getByRole('toolbar', { name: 'Selected messages' }).getByRole('button', { name: 'Archive' }).click();
  await row(subject).waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok(await sent('?archived=true'), 'archived by its sender on the server');
  await inbox().getByRole('button', { name: 'Filters' }).click();
  await inbox().getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Archived' }).click();
  await row(subject).waitFor();
  await row(subject).focus();
  await page.keyboard.press('s');
  await row(subject).getByRole('img', { name: 'Starred' }).waitFor();
  assert.ok((await sent('?archived=true'))?.state.starredAt, 'starred on the server');
  await page.keyboard.press('e'); // in Sent › Archived: back to Sent
  await row(subject).waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok(await sent(), 'back in Sent');
});

test('issue 19 #3: 王五 mentions 李四 — the Mentions view counts it live and shows "Mentions you"', async () => {
  const subject = `请李四确认排期 ${Date.now() % 100000}`;
  const liId = (await li.call<{ subject: { id: string } }>('GET', '/me')).subject.id;
  const admin = await apiSession(herald.url, 'admin', 'Paper-Crane-2026!');
  await memberWithPassword(herald.url, admin, 'E1003', 'Green-Hill-2026!');
  const wang = await apiSession(herald.url, 'E1003', 'Green-Hill-2026!');
  await wang.call(
    'POST',
    '/messages',
    {
      kind: 'internal',
      subject,
      audience: [{ kind: 'member', targetId: liId }],
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'mention', attrs: { id: liId, label: '李四' } },
              { type: 'text', text: ' 请确认下周的排期。' },
            ],
          },
        ],
      },
    },
    { 'idempotency-key': `e2e-mention-${Date.now()}` },
  );
  // The sidebar's Mentions entry counts the unread mention, live (no reload).
  const mentions = inbox().getByRole('button', { name: /^Mentions/ });
  await mentions.getByText(/unread mentioning you/).waitFor({ timeout: 15_000 });
  await mentions.click();
  await row(subject).getByText('Mentions you').waitFor();
  await row(subject).click();
  await inbox().locator('herald-message-view').getByText('Mentions you').first().waitFor();
  const listed = await li.call<{ items: Array<{ message: { subject: string } }> }>('GET', '/mailbox?mentioned=true');
  assert.ok(
    listed.items.some((i) => i.message.subject === subject),
    'the server lists it as a mention',
  );
  await inbox().getByRole('button', { name: 'Inbox' }).first().click();
});

test("issue 20 #8: search speaks people's words — from: picked from the suggestions, a bad day explained", async () => {
  await inbox().getByRole('button', { name: 'Inbox' }).first().click();
  const box = inbox().getByRole('combobox', { name: 'Search messages' });
  await box.click();
  await box.pressSequentially('fro');
  await inbox()
    .getByRole('option', { name: /^from:/ })
    .waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await box.pressSequentially('sunqi'); // 孙七 by pinyin, from the directory
  await inbox().getByRole('listbox', { name: 'Search suggestions' }).getByRole('option', { name: /孙七/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), 'from:孙七 ');
  const holiday = '关于 2027 年春节放假安排的通知';
  await row(holiday).waitFor();
  await row(NOTICE).waitFor({ state: 'detached', timeout: 10_000 });
  const sent = await li.call<{ items: Array<{ message: { subject: string } }> }>(
    'GET',
    `/mailbox?view=all&q=${encodeURIComponent('from:孙七')}`,
  );
  assert.deepEqual(
    sent.items.map((i) => i.message.subject),
    [holiday],
    'the server read the same q',
  );
  await box.fill('before:2026-13-45');
  await inbox().getByText('before: needs a day such as 2026-12-31.').waitFor();
  await box.fill('');
});
