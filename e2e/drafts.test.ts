// Issue 20 #2 in a real Chromium on the intranet page, against Herald as `npm start` runs it: two drafts (one written
// in the composer, one saved from another tab) are both in the inbox's Drafts view, live; the older one is continued
// in the composer beside it and sent, and it leaves Drafts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { signInAsAdmin, startHerald, textBody, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  // A context of its own: a second tab of the same session saves a draft.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAsAdmin(page, herald, 'Drafts-Check-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const composer = () => page.locator('herald-composer');
const inbox = () => page.locator('herald-inbox');
const drafts = () => inbox().locator('herald-draft-list');
const draftRow = (subject: string) => drafts().locator('[part="draft"]').filter({ hasText: subject });

test('issue 20 #2: save two drafts, see both in Drafts, continue the older one, send it: it leaves \
Drafts', async () => {
  const older = `周会议程 ${Date.now()}`;
  const newer = `预算草稿 ${Date.now()}`;
  // The older draft, written in the composer.
  const to = composer().getByRole('combobox', { name: 'To' });
  await to.fill('wangwu');
  await composer().getByRole('option', { name: /王五/ }).click();
  await composer().getByLabel('Subject').fill(older);
  await composer().locator('[contenteditable="true"]').click();
  await page.keyboard.type('周五下午三点，三楼会议室');
  await composer().getByText('Draft saved.').waitFor();

  // The Drafts view (a lazy chunk) lists it.
  await inbox().getByRole('button', { name: 'Drafts', exact: true }).click();
  await draftRow(older).waitFor();
  await draftRow(older).getByText('王五').waitFor();
  await draftRow(older).getByText('周五下午三点，三楼会议室').waitFor();

  // The newer draft, saved from another tab of the same session: it appears here live, on top.
  const tab = await page.context().newPage();
  await tab.goto(`${herald.url}/examples/intranet/`);
  const saved = await tab.evaluate(
    async ({ subject, body }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch('/api/v1/drafts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ data: { v: 1, kind: 'internal', subject, body, recipients: [] } }),
      });
      return res.status;
    },
    { subject: newer, body: textBody('第四季度预算') },
  );
  assert.equal(saved, 201);
  await tab.close();
  await draftRow(newer).waitFor();
  assert.deepEqual(
    (await drafts().locator('[part="subject"]').allTextContents()).slice(0, 2),
    [newer, older],
    'newest first',
  );

  // On the next visit the composer restores the newest draft; the older one is continued from Drafts.
  await page.reload();
  await composer().getByText('Your draft was restored.').waitFor();
  assert.equal(await composer().getByLabel('Subject').inputValue(), newer);
  await inbox().getByRole('button', { name: 'Drafts', exact: true }).click();
  await draftRow(older).locator('[part="open"]').click();
  await page.waitForFunction(
    (subject) =>
      (document.querySelector('herald-composer')?.shadowRoot?.querySelector('#subject') as HTMLInputElement | null)
        ?.value === subject,
    older,
  );
  await composer().getByText('Your draft was restored.').waitFor();
  await composer().getByText('周五下午三点，三楼会议室').waitFor();

  // Send it: it leaves Drafts (live), the newer one stays.
  const sent = page.evaluate(
    () => new Promise((resolve) => document.addEventListener('herald-message-sent', resolve, { once: true })),
  );
  await composer().getByRole('button', { name: 'Send', exact: true }).click();
  await sent;
  await draftRow(older).waitFor({ state: 'detached' });
  await draftRow(newer).waitFor();
  const left = (await page.evaluate(async () => (await fetch('/api/v1/drafts?fields=summary')).json())) as {
    items: Array<{ subject: string }>;
  };
  assert.deepEqual(
    left.items.map((d) => d.subject),
    [newer],
  );
});

test('issue 20 #2: delete a draft from Drafts, then undo it (zh-CN)', async () => {
  await page.locator('#locale').selectOption('zh-CN');
  const list = drafts();
  await list.getByRole('button', { name: /^删除草稿 预算草稿/ }).click();
  await list.getByText('草稿已删除。').waitFor();
  await list.getByText(/^没有草稿/).waitFor();
  await list.getByRole('button', { name: '撤销' }).click();
  await list.getByText('草稿已恢复。').waitFor();
  await list.locator('[part="subject"]').filter({ hasText: '预算草稿' }).waitFor();
  await page.locator('#locale').selectOption('en');
});
