import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { insertRows } from '../../db/bulk.js';
import { dialect } from '../../db/dialect.js';
import { testDeps } from '../../testing/deps.js';
import { sentBatches } from './batches.js';
import { timeTo } from './percentiles.js';
import { percentile, sentFilter } from './summary.js';

// Issue 24: the dashboard's percentiles are counted batch by batch (a statement each, so none holds the event loop);
// they must still be the exact nearest-rank figures over every row, whatever the batches.
let deps: Awaited<ReturnType<typeof testDeps>>;
const T = 1_790_000_000_000;
const MESSAGES = 40;
const RECIPIENTS = 60;

before(async () => {
  deps = await testDeps();
  const pad = (i: number) => String(i).padStart(3, '0');
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const deliveredAt = (i: number) => T - i * 3_600_000;
  await insertRows(
    deps.db,
    'departments',
    ['id', 'name', 'path', 'sort_order', 'created_at', 'updated_at'],
    [['d', '部门', '/d/', 0, T, T]],
  );
  await insertRows(
    deps.db,
    'members',
    ['id', 'employee_no', 'name', 'department_id', 'created_at', 'updated_at'],
    range(RECIPIENTS).map((i) => [`p${pad(i)}`, `E${pad(i)}`, `成员${i}`, 'd', T, T]),
  );
  await insertRows(
    deps.db,
    'messages',
    [
      ...['id', 'thread_id', 'sender_kind', 'sender_id', 'sender_department_id', 'kind', 'priority', 'subject'],
      ...['body', 'body_text', 'links', 'receipt_required', 'status', 'recipient_count', 'delivered_at', 'revision'],
      ...['created_at', 'updated_at'],
    ],
    range(MESSAGES).map((i) => [
      ...[`m${pad(i)}`, `m${pad(i)}`, 'member', 'p000', 'd', 'internal', 'normal', 's', '{}', '', '[]', 1, 'sent'],
      ...[RECIPIENTS, deliveredAt(i), 1, T, T],
    ]),
  );
  // Reads from seconds to weeks after delivery, many ties (whole minutes), 1 in 7 never; one read a little before
  // delivery (a clock skew), which counts as 0.
  const readAt = (i: number, k: number) =>
    (i * 31 + k * 17) % 7 === 0
      ? null
      : i === 3 && k === 1
        ? deliveredAt(i) - 5000
        : k % 3 === 0
          ? deliveredAt(i) + ((i * 7 + k * 13) % 50) * 60_000
          : deliveredAt(i) + ((i * 2654435761 + k * 40503) % 2000000000);
  await insertRows(
    deps.db,
    'mailbox',
    [
      ...['message_id', 'owner_kind', 'owner_id', 'thread_id', 'sender_id', 'priority', 'receipt_required'],
      ...['delivered_at', 'read_at'],
    ],
    range(MESSAGES).flatMap((i) =>
      range(RECIPIENTS).map((k) => [
        ...[`m${pad(i)}`, 'member', `p${pad(k)}`, `m${pad(i)}`, 'p000', 'normal', 1],
        ...[deliveredAt(i), readAt(i, k)],
      ]),
    ),
  );
});
after(() => deps.cleanup());

test('issue 24: p50 and p90 of time to read are exact, in one batch or in batches of a single message', async () => {
  const rows = await dialect.all<{ d: number }>(
    deps.db,
    sql`select read_at - delivered_at as d from mailbox where read_at is not null order by d`,
  );
  const all = rows.map((r) => Math.max(0, Number(r.d)));
  const expected = { count: all.length, p50: percentile(all, 50), p90: percentile(all, 90) };
  const sent = sentFilter({ all: true }, T - 30 * 86_400_000, T);
  const whole = await sentBatches(deps.db, sent);
  const single = await sentBatches(deps.db, sent, 1);
  assert.equal(whole.length, 1);
  assert.equal(single.length, MESSAGES);
  assert.deepEqual(await timeTo(deps.db, whole, 'read_at'), expected);
  assert.deepEqual(await timeTo(deps.db, single, 'read_at'), expected);
  // Nothing confirmed: no figures rather than zeros.
  assert.deepEqual(await timeTo(deps.db, single, 'confirmed_at'), { count: 0, p50: null, p90: null });
});
