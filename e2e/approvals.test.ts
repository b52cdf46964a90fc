// Approvals (R5, R10) in a real Chromium on the intranet page, against Herald as `npm start` runs it (demo
// organisation):
// the admin makes a flow for external messages whose one step is the sender's department head; a sales member sends an
// external message to a customer contact — it waits, nobody receives it; the head of 销售部 finds it in
// <herald-approval-queue>, reads it as the customer will, approves with a comment; the contact then has it.
// (The brief named E1007 as the sender, but E1007 — Bob Li — is himself the head of 销售部, so his own message would skip
// the step; the other external sender of 销售部, 周八 E1008, sends instead and Bob Li approves.)
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
let admin: ApiSession;
let page: Page;
let messageId: string;
let contactId: string;
let flowId: string;
const SUBJECT = `报价单（第二版） ${Date.now() % 100000}`;

const doc = (text: string) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '陈经理您好，' },
        { type: 'text', text, marks: [{ type: 'bold' }] },
      ],
    },
  ],
});

before(async () => {
  [herald, browser] = await withBrowser(startHerald());
  admin = await adminApi(herald);
});
after(async () => {
  await browser?.close();
  await herald?.cleanup();
});

test("R5/R10: a flow for external messages (step: department head) holds a sales member's message; nobody receives it \
yet", async () => {
  const flow = await admin.call<{ id: string }>('POST', '/approval-flows', {
    name: '对外消息审批',
    conditions: { kinds: ['external'] },
    nodes: [{ name: '部门负责人', approvers: { kind: 'department-head' }, method: 'any', cc: [] }],
  });
  flowId = flow.id;
  await memberWithPassword(herald.url, admin, 'E1008', 'Green-Hill-2026!');
  const zhou = await apiSession(herald.url, 'E1008', 'Green-Hill-2026!');
  const { items: contacts } = await zhou.call<{ items: Array<{ id: string; name: string }> }>(
    'GET',
    `/contacts?q=${encodeURIComponent('陈经理')}`,
  );
  contactId = contacts.find((c) => c.name === '陈经理')!.id;
  const sent = await zhou.call<{ id: string; status: string }>(
    'POST',
    '/messages',
    {
      kind: 'external',
      subject: SUBJECT,
      audience: [{ kind: 'contact', targetId: contactId }],
      body: doc('第二版报价单请查收。'),
    },
    { 'idempotency-key': `e2e-approvals-${Date.now()}` },
  );
  assert.equal(sent.status, 'pending-approval');
  messageId = sent.id;
  const recipients = await admin.call<{ items: unknown[] }>('GET', `/messages/${messageId}/recipients?limit=200`);
  assert.equal(recipients.items.length, 0, 'nobody has it while it waits');
});

test('R5/R14: the head of 销售部 approves it with a comment in <herald-approval-queue>; the contact then has \
it', async () => {
  const { items: departments } = await admin.call<{ items: Array<{ name: string; headMemberId: string | null }> }>(
    'GET',
    '/departments',
  );
  const headId = departments.find((d) => d.name === '销售部')!.headMemberId!;
  const head = await admin.call<{ employeeNo: string; name: string }>('GET', `/members/${headId}`);
  await memberWithPassword(herald.url, admin, head.employeeNo, 'Red-Lantern-2026!');
  page = await intranetAs(browser, herald.url, head.employeeNo, 'Red-Lantern-2026!');

  const queue = page.locator('herald-approval-queue');
  await queue.getByRole('tab', { name: /^To approve/ }).waitFor();
  await queue.getByRole('button', { name: SUBJECT }).click();
  await queue.getByRole('heading', { name: SUBJECT }).waitFor();
  await queue.getByText('第二版报价单请查收。').waitFor(); // the rich body, as the customer will see it
  assert.ok(
    await queue.getByText('The message is external').count(),
    'why the flow matched (a reason code, worded by the widget: issue 14 item 7)',
  );
  await queue.getByLabel('Comment').fill('价格已核对，同意发送。');
  await queue.getByRole('button', { name: 'Approve', exact: true }).click();
  await queue.getByText('Approved.').waitFor();

  const message = await admin.call<{ status: string }>('GET', `/messages/${messageId}`);
  assert.equal(message.status, 'sent');
  const recipients = await admin.call<{ items: Array<{ kind?: string; id?: string; name: string }> }>(
    'GET',
    `/messages/${messageId}/recipients?limit=200`,
  );
  assert.ok(
    recipients.items.some((r) => r.name === '陈经理'),
    'the contact has it',
  );
  await admin.call('DELETE', `/approval-flows/${flowId}`);
});

test("issue 19 item 2: a sign-off step — the head writes an opinion and draws a signature with the mouse; the \
signature shows in the timeline and the history, and the sender's request names it", async () => {
  const flow = await admin.call<{ id: string }>('POST', '/approval-flows', {
    name: '对外消息签批',
    conditions: { kinds: ['external'] },
    nodes: [{ name: '负责人签批', approvers: { kind: 'department-head' }, method: 'any', cc: [], signOff: true }],
  });
  const zhou = await apiSession(herald.url, 'E1008', 'Green-Hill-2026!');
  const subject = `合同签批 ${Date.now() % 100000}`;
  const sent = await zhou.call<{ id: string }>(
    'POST',
    '/messages',
    { kind: 'external', subject, audience: [{ kind: 'contact', targetId: contactId }], body: doc('合同请签批。') },
    { 'idempotency-key': `e2e-sign-off-${Date.now()}` },
  );
  await page.reload();
  const queue = page.locator('herald-approval-queue');
  await queue.getByRole('button', { name: subject }).click();
  await queue.getByRole('heading', { name: subject }).waitFor();
  await queue.getByLabel('Opinion').fill('同意签署。');
  const canvas = queue.locator('herald-signature-pad canvas');
  await canvas.waitFor(); // the pad's chunk, loaded for this step
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 15 : -15));
  await page.mouse.up();
  await queue.getByRole('button', { name: 'Approve', exact: true }).click();
  await queue.getByText('Approved.').waitFor();
  const drawn = queue.locator('[part=timeline] img[part=signature]');
  await drawn.waitFor();
  await page.waitForFunction(
    (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    await drawn.elementHandle(),
  );
  assert.equal(await queue.locator('[part=history] img[part=signature]').count(), 1);

  const { items } = await zhou.call<{ items: Array<{ id: string; message: { id: string }; nodes: any[] }> }>(
    'GET',
    '/approvals?tab=mine',
  );
  const approval = items.find((a) => a.message.id === sent.id)!;
  const signature = approval.nodes[0].approvers[0].signature as { id: string; kind: string };
  assert.equal(signature.kind, 'drawn');
  assert.equal(approval.nodes[0].approvers[0].comment, '同意签署。');
  await admin.call('DELETE', `/approval-flows/${flow.id}`);
});
