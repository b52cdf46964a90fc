// Issue 20 #4 on the intranet example in a real Chromium, against Herald as `npm start` runs it with the demo
// organisation: 李四 opens a message from 张三, presses Forward, the composer shows it quoted, 李四 picks 王五, adds a
// line and sends; 王五 receives "Forwarded from 张三" with the file, which 王五 can download.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { intranetAs, startHerald, textBody, type ApiSession, withBrowser, adminApi, signInMembers } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
const ids: Record<string, string> = {};
const sessions: Record<string, ApiSession> = {};
const PASSWORDS: Record<string, string> = {
  E1001: 'Red-Lantern-2026!',
  E1002: 'Blue-River-2026!',
  E1003: 'Green-Hill-2026!',
};

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const admin = await adminApi(herald);
  await signInMembers(herald.url, admin, PASSWORDS, { ids, sessions });
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test('issue 20 #4: Forward in the reading pane opens the composer prefilled; 王五 gets it with the file', async () => {
  const subject = `季度预算 ${Date.now()}`;
  const bytes = new TextEncoder().encode('figures for Q1\n') as Uint8Array<ArrayBuffer>;
  const file = await sessions.E1001!.upload('/attachments?name=plan.txt', bytes, 'application/octet-stream');
  const original = await sessions.E1001!.call<{ id: string }>('POST', '/messages', {
    kind: 'internal',
    subject,
    body: textBody('请看附件中的数字。'),
    audience: [{ kind: 'member', targetId: ids.E1002 }],
    attachmentIds: [file.id],
  });

  const page = await intranetAs(browser, herald.url, 'E1002', PASSWORDS.E1002!);
  await page.evaluate((id) => (document.querySelector('herald-inbox') as any).open(id), original.id);
  const view = page.locator('herald-message-view');
  await view.locator('#mv-forward').click({ timeout: 20_000 });
  const composer = page.locator('herald-composer');
  await composer.locator('section[part="forward"]').getByText('Forwarded from 张三').waitFor({ timeout: 20_000 });
  assert.equal(await composer.locator('#subject').inputValue(), `Fwd: ${subject}`);
  await composer.locator('#recipients').fill('王五');
  await composer.locator('#recipient-results [role="option"]').first().waitFor();
  await composer.locator('#recipients').press('Enter');
  await composer.locator('[part="chip"]').first().waitFor();
  await composer.locator('#send').click();
  await composer.locator('#form-status').getByText('Sent to 1 person').waitFor({ timeout: 20_000 });

  const { items } = await sessions.E1003!.call<{ items: Array<{ message: { id: string; subject: string } }> }>(
    'GET',
    '/mailbox?limit=20',
  );
  const got = items.find((i) => i.message.subject === `Fwd: ${subject}`);
  assert.ok(got, '王五 received the forward');
  const forward = await sessions.E1003!.call<{ body: unknown; attachments: Array<{ id: string; name: string }> }>(
    'GET',
    `/messages/${got.message.id}`,
  );
  assert.match(JSON.stringify(forward.body), /Forwarded from 张三/);
  assert.match(JSON.stringify(forward.body), /请看附件中的数字/);
  assert.deepEqual(
    forward.attachments.map((a) => a.name),
    ['plan.txt'],
  );
  // 王五 downloads the shared file (a cookie session of their own, as the widgets' download does).
  const signIn = await fetch(`${herald.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'E1003', password: PASSWORDS.E1003 }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const download = await fetch(`${herald.url}/api/v1/attachments/${forward.attachments[0]!.id}`, {
    headers: { cookie },
  });
  assert.equal(download.status, 200);
  assert.equal(await download.text(), 'figures for Q1\n');
  await page.context().close();
});
