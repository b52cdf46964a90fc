// Issue 15: the inbox counts kept by triggers (migration 0009) always equal what counting the entries answers, through
// sends, approvals, reads, archives, the trash, a sender's delete, expiry and a message removed outright.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { createApp } from '../../app.js';
import { seedDemo } from '../../seed.js';
import { adminBrowser } from '../../testing/admin.js';
import { testDeps } from '../../testing/deps.js';
import { body, type Browser } from '../../testing/http.js';
import { browserAs } from '../imports/testing.js';
import { inboxTotal, keptUnreadCount } from './counts.js';
import { countStatement, mailboxFilter, mailboxWhere, unreadStatement } from './query.js';

let deps: Awaited<ReturnType<typeof testDeps>>;
let app: ReturnType<typeof createApp>;
let sender: Browser;
let reader: Browser;
let ids: Record<string, string>;

before(async () => {
  deps = await testDeps();
  await seedDemo(deps.db, { withMessages: true, blobs: deps.blobs });
  app = createApp(deps);
  await adminBrowser(app, deps.db);
  sender = await browserAs(app, deps.db, 'E1002', 'sender');
  reader = await browserAs(app, deps.db, 'E1003', null);
  const rows = await dialect.all<{ employee_no: string; id: string }>(
    deps.db,
    sql`select employee_no, id from members`,
  );
  ids = Object.fromEntries(rows.map((r) => [r.employee_no, r.id]));
});
after(() => deps.cleanup());

/** Every owner's kept counts against the same numbers counted from the entries, at `at`. */
async function assertCountsAgree(db: Db, at: number, when: string) {
  const owners = (await dialect.all<{ owner_id: string }>(db, sql`select distinct owner_id from mailbox`)).map(
    (r) => r.owner_id,
  );
  assert.ok(owners.length > 3, 'the demo has several mailboxes');
  for (const ownerId of owners) {
    const [counted] = await dialect.all<{ unread: number; urgent: number | null; mentions: number | null }>(
      db,
      unreadStatement(ownerId, at),
    );
    const expected = {
      unread: Number(counted!.unread),
      urgent: Number(counted!.urgent ?? 0),
      mentions: Number(counted!.mentions ?? 0), // issue 19 #3
    };
    assert.deepEqual(await keptUnreadCount(db, ownerId, at), expected, `${when}: unread of ${ownerId}`);
    const inbox = mailboxWhere(ownerId, mailboxFilter({ view: 'inbox' }), at);
    const [total] = await dialect.all<{ n: number }>(db, countStatement(inbox, 1_000_000));
    assert.equal(await inboxTotal(db, ownerId), Number(total!.n), `${when}: inbox total of ${ownerId}`);
  }
}

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const send = async (extra: Record<string, unknown>) => {
  const res = await sender.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: 'counts',
      body: doc('hi'),
      audience: [{ kind: 'member', targetId: ids.E1003 }],
      ...extra,
    },
  });
  assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
  return (await body(res)).id as string;
};
const batch = async (action: string, messageIds: string[]) =>
  assert.equal(
    (await reader.request('/api/v1/mailbox/batch', { method: 'POST', json: { action, messageIds } })).status,
    200,
  );

test('issue 15: kept inbox counts equal counted ones after every kind of change', async () => {
  const t = Date.now();
  await assertCountsAgree(deps.db, t, 'after the demo seed (migration backfill and delivery)');

  const plain = await send({});
  const urgent = await send({ priority: 'urgent' });
  const expiring = await send({ priority: 'urgent', expiresInMinutes: 60 });
  const toDelete = await send({});
  const toPurge = await send({});
  await assertCountsAgree(deps.db, Date.now(), 'after sends');

  assert.equal((await reader.request(`/api/v1/mailbox/${plain}/read`, { method: 'POST' })).status, 200);
  await batch('archive', [urgent]);
  await batch('delete', [expiring]);
  await assertCountsAgree(deps.db, Date.now(), 'after read, archive, delete');
  await batch('restore', [expiring]);
  await batch('unarchive', [urgent]);
  assert.equal((await reader.request(`/api/v1/mailbox/${plain}/read`, { method: 'DELETE' })).status, 200);
  await assertCountsAgree(deps.db, Date.now(), 'after restore, unarchive, unread');

  assert.equal((await sender.request(`/api/v1/messages/${toDelete}`, { method: 'DELETE' })).status, 204);
  await assertCountsAgree(deps.db, Date.now(), 'after the sender deleted a message');

  // A message removed outright (its entries go by cascade).
  await dialect.run(deps.db, sql`delete from messages where id = ${toPurge}`);
  await assertCountsAgree(deps.db, Date.now(), 'after a message was removed');

  // Expiry needs no sweep: an hour and a minute later the expiring message is no longer unread.
  await assertCountsAgree(deps.db, Date.now() + 61 * 60_000, 'after the expiry passed');
  await batch('read', [urgent, expiring]);
  await assertCountsAgree(deps.db, Date.now(), 'after a batch read');
});

// Issue 15: a message is stored as not yet sent while its mailbox rows are written, and marking it sent adds every
// recipient's counts in one statement — for a direct send, a send to departments and groups, and an approved one.
test('issue 15: kept counts after sends to a department tree, a group and through an approval', async () => {
  const admin = await adminBrowser(app, deps.db);
  const [root] = await dialect.all<{ id: string }>(deps.db, sql`select id from departments where parent_id is null`);
  const toTree = await send({ audience: [{ kind: 'department', targetId: root!.id, includeSubdepartments: true }] });
  const [reached] = await dialect.all<{ n: number }>(
    deps.db,
    sql`select count(*) as n from mailbox where message_id = ${toTree}`,
  );
  assert.ok(Number(reached!.n) > 3, 'the tree reaches several people');
  const group = await body(
    await admin.request('/api/v1/groups', {
      method: 'POST',
      json: {
        name: 'counts',
        entries: [
          { kind: 'member', targetId: ids.E1003 },
          { kind: 'member', targetId: ids.E1004 },
        ],
      },
    }),
  );
  assert.ok(group.id, JSON.stringify(group));
  await send({
    audience: [
      { kind: 'group', targetId: group.id },
      { kind: 'member', targetId: ids.E1003 },
    ],
  });
  await assertCountsAgree(deps.db, Date.now(), 'after sends to a department tree and a group');

  // High priority waits for 张三 (E1001); nobody's counts move until the approval delivers it.
  const flow = await admin.request('/api/v1/approval-flows', {
    method: 'POST',
    json: {
      name: 'counts',
      conditions: { priorities: ['high'] },
      nodes: [{ name: 'n', approvers: { kind: 'members', memberIds: [ids.E1001] } }],
    },
  });
  assert.equal(flow.status, 201, await flow.clone().text());
  const waiting = await send({ priority: 'high', audience: [{ kind: 'department', targetId: root!.id }] });
  await assertCountsAgree(deps.db, Date.now(), 'while a send waits for approval');
  const approver = await browserAs(app, deps.db, 'E1001', null);
  const queue = await body(await approver.request('/api/v1/approvals?tab=todo'));
  const request = queue.items.find((a: { message: { id: string } }) => a.message.id === waiting);
  assert.ok(request, JSON.stringify(queue));
  const decided = await approver.request(`/api/v1/approvals/${request.id}/decision`, {
    method: 'POST',
    json: { decision: 'approve' },
  });
  assert.equal(decided.status, 200, await decided.clone().text());
  const [delivered] = await dialect.all<{ status: string }>(
    deps.db,
    sql`select status from messages where id = ${waiting}`,
  );
  assert.equal(delivered!.status, 'sent');
  await assertCountsAgree(deps.db, Date.now(), 'after the approval delivered it');
});
