// Issue 20 #9 on the intranet example in a real Chromium, against Herald as `npm start` runs it with the demo
// organisation: 张三 pastes a PNG into the composer's text, describes it, picks 王五 and sends; 王五 opens the message
// and sees the picture inline in the reading pane, fetched with his own session.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { intranetAs, startHerald, type ApiSession, withBrowser, adminApi, signInMembers } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
const ids: Record<string, string> = {};
const sessions: Record<string, ApiSession> = {};
const PASSWORDS: Record<string, string> = { E1001: 'Red-Lantern-2026!', E1003: 'Green-Hill-2026!' };
// A real 2×2 PNG.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const admin = await adminApi(herald);
  await signInMembers(herald.url, admin, PASSWORDS, { ids, sessions });
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('issue 20 #9: a PNG pasted into the composer arrives inline in 王五’s reading pane', async () => {
  const subject = `本周图表 ${Date.now()}`;
  const page = await intranetAs(browser, herald.url, 'E1001', PASSWORDS.E1001!);
  const composer = page.locator('herald-composer');
  await composer.locator('#recipients').fill('王五');
  await composer.locator('#recipient-results [role="option"]').first().waitFor({ timeout: 20_000 });
  await composer.locator('#recipients').press('Enter');
  await composer.locator('[part="chip"]').first().waitFor();
  await composer.getByLabel('Subject').fill(subject);
  const editor = composer.locator('[contenteditable="true"]');
  await editor.click({ timeout: 20_000 });
  await page.keyboard.type('本周数据：');
  // A paste as the browser makes it from a screenshot: a PNG file on the clipboard.
  await editor.evaluate((el, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'chart.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
  // Shown in the editor from the file, and described in the labelled field.
  await composer.locator('[contenteditable="true"] img.inline-image').waitFor({ timeout: 20_000 });
  const alt = composer.getByLabel('Image description (alt text)');
  await alt.fill('Weekly chart');
  await alt.press('Enter');
  await composer.locator('[contenteditable="true"] img[alt="Weekly chart"]').waitFor();
  await composer.getByText('chart.png is attached.').waitFor(); // one of the message's files, as any upload
  await composer.locator('#send').click();
  await composer.locator('#form-status').getByText('Sent to 1 person').waitFor({ timeout: 20_000 });

  const { items } = await sessions.E1003!.call<{ items: Array<{ message: { id: string; subject: string } }> }>(
    'GET',
    '/mailbox?limit=20',
  );
  const got = items.find((i) => i.message.subject === subject);
  assert.ok(got, '王五 received it');
  const reader = await intranetAs(browser, herald.url, 'E1003', PASSWORDS.E1003!);
  await reader.evaluate((id) => (document.querySelector('herald-inbox') as any).open(id), got.message.id);
  const picture = reader.locator('herald-message-view [part="body"] img[alt="Weekly chart"]');
  await picture.waitFor({ timeout: 20_000 });
  // Decoded: the bytes came (a bounded wait, each try a positive check).
  for (let tries = 0; !(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 2));) {
    assert.ok(++tries < 200, 'the picture never decoded');
    await reader.waitForTimeout(100);
  }
  const shown = await picture.evaluate((img: HTMLImageElement) => ({
    src: img.src,
    loading: img.loading,
    fits: getComputedStyle(img).maxWidth,
  }));
  assert.match(shown.src, /^blob:/, 'fetched with 王五’s session, never a URL in the body');
  assert.equal(shown.loading, 'lazy');
  assert.equal(shown.fits, '100%');
});
