// Issue 14 item 1: a host back end sends with an API key — as itself (recipients see the key's name; the key has its
// own Sent list and receipts), or, when a super admin allowed it, on behalf of a member it names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoApp, textDoc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { readRows } from '../../db/prepared.js';

describe('API keys send messages (issue 14 item 1, README "Server to server")', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};
  let li: Browser;

  const withKey = (
    key: string,
    path: string,
    init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) =>
    demo.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.json ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.json ? { body: JSON.stringify(init.json) } : {}),
    });
  const message = (extra: Record<string, unknown> = {}) => ({
    kind: 'internal',
    subject: '体检通知',
    body: textDoc('下周一体检，请空腹。'),
    audience: [{ kind: 'member', targetId: ids.E1002 }],
    receiptRequired: true,
    ...extra,
  });
  const newKey = async (who: Browser, json: Record<string, unknown>) =>
    body(await who.request('/api/v1/api-keys', { method: 'POST', json }));

  before(async () => {
    demo = await demoApp(ids);
    li = await demo.as('E1002');
  });
  after(() => demo.deps.cleanup());

  test("a key's message read in a batch writes no live event for the key, as a single read does (it has no \
stream)", async () => {
    const { key } = await newKey(demo.admin, { name: 'Batch system', permissions: ['message.send.internal'] });
    const sent = await body(await withKey(key, '/api/v1/messages', { method: 'POST', json: message() }));
    const read = await li.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'read', messageIds: [sent.id] },
    });
    assert.deepEqual(await body(read), { action: 'read', matched: 1, changed: 1 });
    const rows = await readRows(
      demo.deps.db,
      `select count(*) from events where audience_kind = 'api-key' and payload like ?`,
      [`%${sent.id}%`],
    );
    assert.equal(Number(rows[0]![0]), 0);
  });

  test('a key with message.send.internal sends as itself: recipients see its name, it has a Sent list and \
receipts', async () => {
    const { key } = await newKey(demo.admin, { name: 'HR system', permissions: ['message.send.internal'] });
    const res = await withKey(key, '/api/v1/messages', {
      method: 'POST',
      json: message(),
      headers: { 'idempotency-key': 'hr-1' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const sent = await body(res);
    assert.deepEqual([sent.sender.kind, sent.sender.name], ['api-key', 'HR system']);

    const inbox = await body(await li.request('/api/v1/mailbox?limit=5'));
    const received = inbox.items.find((i: { message: { id: string } }) => i.message.id === sent.id);
    assert.equal(received.message.sender.name, 'HR system', 'the recipient sees who sent it');
    assert.equal((await li.request(`/api/v1/mailbox/${sent.id}/confirm`, { method: 'POST' })).status, 200);

    const own = await body(await withKey(key, '/api/v1/sent'));
    assert.deepEqual(
      own.items.map((i: { message: { id: string } }) => i.message.id),
      [sent.id],
    );
    const receipts = await body(await withKey(key, `/api/v1/messages/${sent.id}/recipients?state=confirmed`));
    assert.deepEqual(
      receipts.items.map((r: { name: string }) => r.name),
      ['李四'],
    );
    const again = await withKey(key, '/api/v1/messages', {
      method: 'POST',
      json: message(),
      headers: { 'idempotency-key': 'hr-1' },
    });
    assert.equal(again.status, 200, 'idempotent, as for members');
  });

  test("review: a key's own permissions bound what it sends for a member; replies to a key's message are \
refused", async () => {
    const noSend = await demo.admin.request('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'Reader', permissions: ['data.view'], sendAsMembers: true },
    });
    assert.equal(noSend.status, 400, 'a key that sends for members needs a send permission itself');
    const internalOnly = await newKey(demo.admin, {
      name: 'Internal only',
      permissions: ['message.send.internal'],
      sendAsMembers: true,
    });
    await demo.as('E1007', 'external-sender');
    const external = await withKey(internalOnly.key, '/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'E1007', kind: 'external', audience: [{ kind: 'member', targetId: ids.E1002 }] }),
    });
    assert.equal(external.status, 403, 'Bob may send external messages, the key may not: neither may the key for Bob');

    const { key } = await newKey(demo.admin, { name: 'Payroll', permissions: ['message.send.internal'] });
    const sent = await body(await withKey(key, '/api/v1/messages', { method: 'POST', json: message() }));
    assert.equal(
      (await body(await li.request(`/api/v1/messages/${sent.id}`))).can.reply,
      false,
      'the reading pane offers no reply',
    );
    const reply = await li.request(`/api/v1/messages/${sent.id}/replies`, {
      method: 'POST',
      json: { body: textDoc('收到') },
    });
    assert.equal(reply.status, 403);
    assert.equal((await body(reply)).reason, 'sender-cannot-receive');
  });

  test('a key sends only the kinds its permissions allow', async () => {
    const { key } = await newKey(demo.admin, { name: 'Notices', permissions: ['data.view'] });
    assert.equal((await withKey(key, '/api/v1/messages', { method: 'POST', json: message() })).status, 403);
  });

  test("on behalf of a member: only a key a super admin allowed, never for a super admin, with the member's own \
rights", async () => {
    const plain = await newKey(demo.admin, { name: 'Plain', permissions: ['message.send.internal'] });
    const refused = await withKey(plain.key, '/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'E1001' }),
    });
    assert.equal(refused.status, 403);
    assert.equal((await body(refused)).reason, 'key-not-allowed');
    const orgAdmin = await demo.as('E1006', 'org-admin');
    const notHis = await orgAdmin.request('/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'x', permissions: ['message.send.internal'], sendAsMembers: true },
    });
    assert.equal(notHis.status, 403, 'an org admin cannot make a key that speaks for members');

    const portal = await newKey(demo.admin, {
      name: 'Intranet back end',
      permissions: ['message.send.internal'],
      sendAsMembers: true,
    });
    assert.equal(portal.sendAsMembers, true);
    await demo.as('E1001', 'sender');
    const res = await withKey(portal.key, '/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'e1001' }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const sent = await body(res);
    assert.deepEqual([sent.sender.kind, sent.sender.name], ['member', '张三'], 'sent as 张三');
    const audit = await body(
      await demo.admin.request(`/api/v1/audit?action=api-key.send-on-behalf&targetId=${sent.id}`),
    );
    assert.equal(audit.items.length, 1, 'the key is on the record');

    assert.equal(
      (
        await body(
          await withKey(portal.key, '/api/v1/messages', { method: 'POST', json: message({ onBehalfOf: 'admin' }) }),
        )
      ).reason,
      'super-admin',
    );
    const external = await withKey(portal.key, '/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'E1001', kind: 'external' }),
    });
    assert.equal(external.status, 403, '张三 may not send external messages: neither may the key for him');
    const unknown = await withKey(portal.key, '/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'E9999' }),
    });
    assert.equal(unknown.status, 400);
    const fromMember = await li.request('/api/v1/messages', {
      method: 'POST',
      json: message({ onBehalfOf: 'E1001', audience: [{ kind: 'member', targetId: ids.E1003 }] }),
    });
    assert.equal(fromMember.status, 400, 'a member cannot send as someone else');
  });
});
