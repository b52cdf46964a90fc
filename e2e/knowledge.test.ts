// Issue 19 #7 (S4 知识库) on the intranet example in a real Chromium, against Herald as `npm start` runs it with the
// demo organisation: 李四 (knowledge publisher for 技术部) opens a lesson learned he sent and publishes it to 前端组
// from the reading pane; a colleague created only afterwards opens the inbox's Knowledge view, finds it by a
// 2-character Chinese word and reads it with its file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
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
let admin: ApiSession;
const LI_PASSWORD = 'Blue-River-2026!';

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  admin = await adminApi(herald);
  await memberWithPassword(herald.url, admin, 'E1002', LI_PASSWORD);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('issue 19 #7: 李四 publishes to 前端组; a member created afterwards finds it by a 2-character search', async () => {
  const li = await apiSession(herald.url, 'E1002', LI_PASSWORD);
  const { items: departments } = await admin.call<{ items: Array<{ id: string; name: string }> }>(
    'GET',
    '/departments',
  );
  const frontEnd = departments.find((d) => d.name === '前端组')!;
  const subject = `机房巡检经验总结 ${Date.now()}`;
  const bytes = new TextEncoder().encode('巡检清单：温度、电源、网络\n') as Uint8Array<ArrayBuffer>;
  const file = await li.upload('/attachments?name=checklist.txt', bytes, 'application/octet-stream');
  const sent = await li.call<{ id?: string; message?: { id: string } }>('POST', '/messages', {
    kind: 'internal',
    subject,
    body: textBody('每周一次机房巡检，重点检查温度和备用电源。'),
    audience: [{ kind: 'department', targetId: frontEnd.id }],
    attachmentIds: [file.id],
  });
  const messageId = (sent.message?.id ?? sent.id)!;

  // 李四 publishes from the reading pane (the action shows because the server says he may).
  const page = await intranetAs(browser, herald.url, 'E1002', LI_PASSWORD);
  await page.evaluate((id) => (document.querySelector('herald-inbox') as any).open(id), messageId);
  const view = page.locator('herald-message-view');
  await view.locator('#knowledge-publish').click({ timeout: 20_000 });
  const dialog = view.locator('#knowledge-dialog');
  await dialog.getByLabel('Chosen departments (with their sub-departments)').check();
  await dialog.getByLabel('前端组').check();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await view.locator('#knowledge-unpublish').waitFor({ timeout: 20_000 });
  await page.context().close();

  // A colleague who joins 前端组 after it was published.
  const created = await admin.call<{ id: string }>('POST', '/members', {
    employeeNo: 'E3001',
    name: '新同事',
    departmentId: frontEnd.id,
  });
  assert.ok(created.id);
  const password = 'Green-Field-2026!';
  await memberWithPassword(herald.url, admin, 'E3001', password);
  const newcomer = await intranetAs(browser, herald.url, 'E3001', password);
  const inbox = newcomer.locator('herald-inbox');
  await inbox.getByRole('button', { name: 'Knowledge space' }).click();
  const knowledge = newcomer.locator('herald-knowledge-view');
  await knowledge.getByRole('heading', { name: 'Knowledge space' }).waitFor({ timeout: 20_000 });
  // Before the search the newcomer sees three items (everyone's, 技术部's above them, 前端组's); 巡检 leaves one.
  // Wait for the three first: searching before the list arrived made "the second one is gone" true at once (CI).
  await knowledge.locator('button[part="item"]').nth(2).waitFor({ timeout: 20_000 });
  await knowledge.getByLabel('Search the knowledge space').fill('巡检');
  await knowledge.locator('button[part="item"]').nth(1).waitFor({ state: 'detached', timeout: 20_000 });
  const item = knowledge.locator('button[part="item"]', { hasText: subject });
  await item.waitFor({ timeout: 20_000 });
  assert.equal(await knowledge.locator('button[part="item"]').count(), 1, 'only the item about 巡检');
  await item.click();
  await knowledge.locator('[part="body"]').getByText('备用电源').waitFor();
  await knowledge.getByRole('button', { name: 'Download checklist.txt' }).waitFor();
  // The demo's HR notice, published to everyone, is there too.
  await knowledge.getByLabel('Search the knowledge space').fill('放假');
  await knowledge.locator('button[part="item"]', { hasText: '春节放假' }).waitFor({ timeout: 20_000 });
  await newcomer.context().close();
});
