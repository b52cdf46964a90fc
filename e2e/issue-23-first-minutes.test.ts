// Issue 23 items 9 and 10, "what a new user trips over", in a real Chromium against Herald as `npm start` runs it:
// a cold page where nobody is signed in logs nothing red in the console; the sign-in label names the user name the
// super admin signs in with (`admin`); the forced first password change loads nothing the user cannot see yet (no
// 403s behind the form), and a password with the user's own name in it is refused with that reason, at the new
// password field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startHerald, withBrowser } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;
before(async () => {
  [herald, browser] = await withBrowser(startHerald());
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

/** Console errors and failed API answers (a browser logs every 4xx/5xx as a console error). */
function watch(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return errors;
}

test('issue 23: the first minutes of the super admin — a quiet cold page, the user-name label, the forced change with \
reasons and no 403s', async () => {
  const page = await browser.newPage();
  const errors = watch(page);
  await page.addInitScript(() => localStorage.setItem('herald-example-locale', 'en'));
  const probed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me');
  await page.goto(`${herald.url}/examples/intranet/`);
  assert.equal((await probed).status(), 200, 'nobody signed in is an answer, not a 401');
  const login = page.getByLabel('Employee number, e-mail or user name');
  await login.waitFor();
  assert.deepEqual([...errors], [], 'a cold page logs no error');

  await login.fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(herald.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();

  // A password with the user's own name: the reason, at the new password, which alone is marked and focused.
  const current = page.getByLabel('Current password');
  const next = page.getByLabel('New password', { exact: true });
  const confirm = page.getByLabel('Confirm new password');
  await current.fill(herald.adminPassword);
  await next.fill('admin-Harbour-Lights-7');
  await confirm.fill('admin-Harbour-Lights-7');
  const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/password');
  await page.getByRole('button', { name: 'Change password' }).click();
  const answer = await refused;
  assert.equal(answer.status(), 400);
  assert.equal((await answer.json()).reason, 'personal');
  const reason = 'Do not use your name, employee number or e-mail in the password.';
  await page.getByRole('alert').filter({ hasText: reason }).waitFor();
  assert.equal(await next.getAttribute('aria-invalid'), 'true');
  assert.equal(await current.getAttribute('aria-invalid'), 'false', 'the current password was right');
  assert.equal(await confirm.getAttribute('aria-invalid'), 'false');
  assert.match(await next.evaluate((el) => el.id), /^next$/);
  assert.equal(
    await page.evaluate(
      () =>
        document.querySelector('herald-provider')!.shadowRoot!.querySelector('herald-sign-in')!.shadowRoot!
          .activeElement?.id,
    ),
    'next',
  );
  // Only the expected refusal so far: nothing behind the form was loaded while the change is pending.
  assert.deepEqual(
    errors.filter((e) => !e.includes('/api/v1/auth/password') && !/status of 400/.test(e)),
    [],
    'no 403 behind the forced change',
  );

  await next.fill('Lantern-Harbour-2026!');
  await confirm.fill('Lantern-Harbour-2026!');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).first().waitFor();
  await page.getByRole('tab', { name: 'Members' }).waitFor(); // the back office loads now, for the signed-in admin
  await page.getByText('Super Admin').first().waitFor();
  assert.deepEqual(
    errors.filter((e) => !e.includes('/api/v1/auth/password') && !/status of 400/.test(e)),
    [],
    'no failed request at all',
  );
  await page.close();
});
