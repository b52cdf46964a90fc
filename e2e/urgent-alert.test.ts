// Urgent alert (R6, R9, S8) in a real Chromium on the intranet page, against Herald as `npm start` runs it: two
// members are signed in, in two browser contexts; one sends an urgent receipt-required message through the API,
// the other's page interrupts with the alert dialog, live, and they confirm from it; the sender's receipt list says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { intranetAs, memberWithPassword, sendFrom, startHerald, textBody, withBrowser, adminApi } from './support.js';

let herald: Awaited<ReturnType<typeof startHerald>>;
let browser: Browser;

let sender: Page;
let recipient: Page;
let recipientId: string;

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  const admin = await adminApi(herald);
  // 张三, 技术部: may send internal and urgent messages
  await memberWithPassword(herald.url, admin, 'E1001', 'Red-Lantern-2026!');
  recipientId = await memberWithPassword(herald.url, admin, 'E1002', 'Blue-River-2026!'); // 李四
  [sender, recipient] = await Promise.all([
    intranetAs(browser, herald.url, 'E1001', 'Red-Lantern-2026!'),
    intranetAs(browser, herald.url, 'E1002', 'Blue-River-2026!'),
  ]);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

/** Resolves once the recipient's page has its live stream open (a message sent earlier would not reach it live). */
async function recipientListening() {
  await recipient.waitForFunction(
    () => {
      const el = document.querySelector('herald-urgent-alert') as unknown as {
        herald?: { client?: { live: { status: string } } };
      } | null;
      return el?.herald?.client?.live.status === 'open';
    },
    undefined,
    { timeout: 15_000 },
  );
}

test('R6/R9/S8: an urgent receipt-required message interrupts the recipient live; they confirm from the \
alert', async () => {
  // The recipient's page must be listening before the message is sent.
  await recipientListening();
  const subject = `机房停电演练 ${Date.now()}`;
  const message = await sendFrom(sender, {
    kind: 'urgent',
    subject,
    receiptRequired: true,
    audience: [{ kind: 'member', targetId: recipientId }],
    body: textBody('请立即保存工作，10 分钟后断电。'),
  });
  assert.equal(message.status, 201, JSON.stringify(message.body));

  const alert = recipient.getByRole('alertdialog', { name: subject });
  await alert.waitFor({ timeout: 15_000 });
  await alert.getByText('From 张三', { exact: true }).waitFor();
  await alert.getByText('请立即保存工作').waitFor();
  assert.equal(
    await recipient.evaluate(() => {
      const el = document.querySelector('herald-urgent-alert')!;
      return el.shadowRoot!.querySelector('dialog')!.contains(el.shadowRoot!.activeElement);
    }),
    true,
    'focus is inside the alert',
  );
  const confirmed = recipient.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/mailbox/${message.body.id}/confirm`) && r.request().method() === 'POST',
  );
  await alert.getByRole('button', { name: 'Confirm' }).click();
  assert.equal((await confirmed).status(), 200);
  await alert.waitFor({ state: 'hidden' });

  const receipts = (await sender.evaluate(
    async (id) => (await fetch(`/api/v1/messages/${id}/recipients`)).json(),
    message.body.id,
  )) as {
    counts: { confirmed: number; total: number };
    items: Array<{ id: string; confirmedAt: number | null }>;
  };
  assert.equal(receipts.counts.confirmed, 1);
  assert.ok(receipts.items.find((i) => i.id === recipientId)?.confirmedAt, 'the sender sees that 李四 confirmed');
});

test('R6: a normal message does not interrupt', async () => {
  await recipientListening();
  const subject = `普通通知 ${Date.now()}`;
  assert.equal(
    (
      await sendFrom(sender, {
        kind: 'internal',
        subject,
        audience: [{ kind: 'member', targetId: recipientId }],
        body: textBody('FYI'),
      })
    ).status,
    201,
  );
  // Issue 14: no "sleep, then no dialog". First the positive signal that the event arrived: the message is in the
  // recipient's inbox. Then an urgent one after it on the same stream: its alert stands alone, nothing queued with it.
  await recipient.locator('herald-inbox').getByText(subject).first().waitFor({ timeout: 15_000 });
  const urgent = `随后的紧急通知 ${Date.now()}`;
  assert.equal(
    (
      await sendFrom(sender, {
        kind: 'urgent',
        subject: urgent,
        audience: [{ kind: 'member', targetId: recipientId }],
        body: textBody('请注意。'),
      })
    ).status,
    201,
  );
  const alert = recipient.getByRole('alertdialog', { name: urgent });
  await alert.waitFor({ timeout: 15_000 });
  assert.equal(await recipient.getByRole('alertdialog').count(), 1);
  assert.equal(
    await recipient.evaluate(
      () => (document.querySelector('herald-urgent-alert') as unknown as { pending: number }).pending,
    ),
    1,
    'only the urgent message alerts',
  );
  await alert.getByRole('button', { name: 'Later' }).click();
  await alert.waitFor({ state: 'hidden' });
});

test("S8: Open in the alert shows the message in the inbox's reading pane", async () => {
  const subject = `机房巡检 ${Date.now()}`;
  const message = await sendFrom(sender, {
    kind: 'urgent',
    subject,
    audience: [{ kind: 'member', targetId: recipientId }],
    body: textBody('请到三楼机房。'),
  });
  assert.equal(message.status, 201);
  const alert = recipient.getByRole('alertdialog', { name: subject });
  await alert.waitFor({ timeout: 15_000 });
  await alert.getByRole('button', { name: 'Open' }).click();
  await alert.waitFor({ state: 'hidden' });
  await recipient
    .locator('herald-inbox')
    .locator('herald-message-view')
    .getByRole('heading', { name: subject })
    .waitFor({ timeout: 10_000 });
});
