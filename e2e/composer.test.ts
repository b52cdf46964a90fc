// Issue #4 in a real Chromium on the intranet page, against Herald as `npm start` runs it: the admin writes a
// message — recipients found by pinyin and department, bold text, a file — previews it and sends it; what was
// stored is what was written. Hostile text in the subject and body is shown as text and never runs (R8).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { signInAsAdmin, startHerald, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
let page: Page;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await signInAsAdmin(page, herald, 'Composer-Check-2026!');
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

const composer = () => page.locator('herald-composer');
const XSS_SUBJECT = '<img src=x onerror="window.__xss=1">周会';
const XSS_BODY = '<script>window.__xss=2</script><svg onload="window.__xss=3">';

test('R6–R10: pick recipients, write rich text, attach a file, preview and send; what recipients get is what was \
written', async () => {
  await page.evaluate(() => {
    (window as unknown as { __xss?: number }).__xss = 0;
    document.addEventListener('herald-message-sent', (e) => {
      (window as unknown as { __sent: unknown }).__sent = (e as CustomEvent).detail;
    });
  });
  const to = composer().getByRole('combobox', { name: 'To' });
  await to.fill('wangwu');
  await composer().getByRole('option', { name: /王五/ }).click();
  await to.fill('技术');
  await composer()
    .getByRole('option', { name: /技术部/ })
    .click();
  await composer()
    .getByText(/Reaches 3 people/)
    .waitFor(); // 李四, 王五 (and 张三) — 王五 once

  await composer().getByLabel('Subject').fill(XSS_SUBJECT);
  const editor = composer().locator('[contenteditable="true"]');
  await editor.click();
  await page.keyboard.type('请准时参加 ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('周五');
  await page.keyboard.press('Control+b');
  await page.keyboard.type(` ${XSS_BODY}`);

  await composer()
    .locator('input[type="file"]')
    .setInputFiles({ name: '议程.txt', mimeType: 'text/plain', buffer: Buffer.from('1. 回顾\n2. 计划\n') });
  await composer().getByText('议程.txt is attached.').waitFor();

  await composer().getByRole('button', { name: 'Preview' }).click();
  const preview = composer().getByRole('dialog', { name: /Preview/ });
  await preview.waitFor();
  await preview.getByText(XSS_SUBJECT).waitFor(); // shown as text
  await preview.locator('strong', { hasText: '周五' }).waitFor();
  await preview.getByText(/3 people in all/).waitFor();
  await preview.getByRole('button', { name: 'Send' }).click();
  await composer().getByText('Sent to 3 people.').waitFor();

  const sent = await page.evaluate(() => (window as unknown as { __sent: { id: string } }).__sent);
  const stored = (await page.evaluate(async (id) => (await fetch(`/api/v1/messages/${id}`)).json(), sent.id)) as Record<
    string,
    any
  >;
  assert.equal(stored.subject, XSS_SUBJECT);
  assert.equal(stored.recipientCount, 3);
  assert.deepEqual(
    stored.attachments.map((a: { name: string }) => a.name),
    ['议程.txt'],
  );
  const inlines = stored.body.content[0].content as Array<{ text: string; marks?: Array<{ type: string }> }>;
  assert.ok(inlines.some((n) => n.text === '周五' && n.marks?.[0]?.type === 'bold'));
  assert.ok(
    inlines.some((n) => n.text.includes('<script>')),
    'markup typed into the editor stays text',
  );
  assert.equal(
    await page.evaluate(() => (window as unknown as { __xss: number }).__xss),
    0,
    'nothing written by the user ran',
  );
  assert.equal(await page.locator('img[src="x"], script:not([src]), svg[onload]').count(), 0);
});

test('R10: a draft survives a reload', async () => {
  await composer().getByLabel('Subject').fill('草稿：季度计划');
  await composer().getByText('Draft saved.').waitFor();
  await page.reload();
  await composer().getByText('Your draft was restored.').waitFor();
  assert.equal(await composer().getByLabel('Subject').inputValue(), '草稿：季度计划');
});

test('issue 20 #1: schedule a send in the composer; Sent shows it as scheduled and cancels it', async () => {
  await composer().getByRole('button', { name: 'Discard draft' }).click();
  const subject = `定时：周会提醒 ${Date.now()}`;
  const to = composer().getByRole('combobox', { name: 'To' });
  await to.fill('wangwu');
  await composer().getByRole('option', { name: /王五/ }).click();
  await composer().getByLabel('Subject').fill(subject);
  await composer().locator('[contenteditable="true"]').click();
  await page.keyboard.type('周四上午十点开会');

  // The picker (a lazy chunk): the suggestion "Tomorrow morning" in the browser's time zone.
  await composer().getByRole('button', { name: 'Schedule…' }).click();
  const picker = composer().getByRole('dialog', { name: 'Schedule send' });
  await picker.getByText(/Times are in your time zone/).waitFor();
  await picker.getByRole('button', { name: /Tomorrow morning/ }).click();
  await composer()
    .getByText(/^Will be sent /)
    .waitFor();
  await composer().getByRole('button', { name: 'Schedule', exact: true }).click();
  await composer()
    .getByText(/^Scheduled: it will be sent /)
    .waitFor();

  // Nobody has it yet; the Sent view says when it goes out.
  const inbox = page.locator('herald-inbox');
  await inbox.getByRole('button', { name: 'Sent', exact: true }).click();
  const row = inbox.getByRole('option').filter({ hasText: subject });
  await row.getByText(/^Scheduled /).waitFor();
  await row.click();
  const view = inbox.locator('herald-message-view');
  await view.getByRole('heading', { name: subject }).waitFor();
  await view.getByText(/^Will be sent /).waitFor();
  await view.getByRole('button', { name: 'Cancel scheduled send' }).click();
  await view
    .getByRole('dialog', { name: 'Cancel this scheduled send?' })
    .getByRole('button', {
      name: 'Cancel scheduled send',
    })
    .click();
  await view.locator('.badge.withdrawn').waitFor();
  const id = await row.getAttribute('data-id');
  const stored = (await page.evaluate(async (mid) => (await fetch(`/api/v1/messages/${mid}`)).json(), id)) as {
    status: string;
    recipientCount: number;
  };
  assert.deepEqual([stored.status, stored.recipientCount], ['withdrawn', 0]);
});
