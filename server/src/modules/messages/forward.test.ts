import assert from 'node:assert/strict';
import { after, before, describe, test, mock } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { attachments } from '../attachments/schema.js';
import { auditLog } from '../audit/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { runPurge } from '../retention/purge.js';
import { messages } from './schema.js';
import { deliverDueMessages } from './schedule.js';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
type Sent = {
  id: string;
  subject: string;
  status: string;
  body: unknown;
  expiresAt: number | null;
  attachments: Array<{ id: string; name: string; size: number }>;
  scheduledAt?: number | null;
};

describe('issue 20 #4: forward a received message with its files', () => {
  let deps: Awaited<ReturnType<typeof demoApp>>['deps'];
  let admin: Browser, zhang: Browser, wang: Browser, li: Browser, zhao: Browser, plain: Browser;
  let alice: Browser, bob: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    let as: Awaited<ReturnType<typeof demoApp>>['as'];
    ({ deps, admin, as } = await demoApp(ids));
    zhang = await as('E1001', 'sender');
    wang = await as('E1003', 'sender'); // the forwarder: may send internal messages only
    li = await as('E1002');
    zhao = await as('E1005');
    plain = await as('E1006'); // a member without any send permission
    alice = await as('E1004');
    bob = await as('E1007');
  });
  after(() => deps.cleanup());

  const upload = async (from: Browser, name: string) => {
    const res = await from.request(`/api/v1/attachments?name=${name}`, {
      method: 'POST',
      body: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body<{ id: string }>(res);
  };
  /** 张三 writes to 王五, 李四 and 孙七 (one file, a placeholder, a mention of 李四). */
  const original = async (patch: Record<string, unknown> = {}) => {
    const file = await upload(zhang, 'plan.pdf');
    const res = await zhang.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '季度预算',
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: '{{name}}，请看附件 secret figures ' },
                { type: 'mention', attrs: { id: ids.E1002, label: '李四' } },
              ],
            },
          ],
        },
        audience: ['E1003', 'E1002', 'E1006'].map((no) => ({ kind: 'member', targetId: ids[no] })),
        attachmentIds: [file.id],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body<Sent>(res);
  };
  const forward = (from: Browser, id: string, patch: Record<string, unknown> = {}) =>
    from.request(`/api/v1/messages/${id}/forward`, {
      method: 'POST',
      json: {
        kind: 'internal',
        note: doc('FYI 请参考'),
        audience: [{ kind: 'member', targetId: ids.E1005 }],
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        ...patch,
      },
    });
  const forwarded = async (from: Browser, id: string, patch: Record<string, unknown> = {}) => {
    const res = await forward(from, id, patch);
    assert.equal(res.status, 201, await res.clone().text());
    return body<Sent>(res);
  };
  const download = (b: Browser, id: string) => b.request(`/api/v1/attachments/${id}`);
  const fileRow = async (id: string) => (await deps.db.select().from(attachments).where(eq(attachments.id, id)))[0];

  test('issue 20 #4: the forward quotes what the forwarder read, adds their note and shares the file with the new \
recipient only', async () => {
    const m = await original();
    const f = await forwarded(wang, m.id);
    assert.equal(f.status, 'sent');
    assert.equal(f.subject, '转发：季度预算');
    const text = JSON.stringify(f.body);
    assert.match(text, /FYI 请参考/);
    assert.match(text, /转发自 张三，/);
    // The placeholder as 王五 read it; the mention is plain text now (nobody is mentioned again).
    assert.match(text, /王五，请看附件 secret figures/);
    assert.match(text, /"@李四"/);
    assert.doesNotMatch(text, /"mention"/);
    // Not the other recipients (孙七 is not named anywhere), not the approval history.
    assert.doesNotMatch(text, /孙七/);

    // The file travels as a new row on the same stored bytes.
    assert.equal(f.attachments.length, 1);
    assert.equal(f.attachments[0]!.name, 'plan.pdf');
    assert.notEqual(f.attachments[0]!.id, m.attachments[0]!.id);
    const [shared, source] = [await fileRow(f.attachments[0]!.id), await fileRow(m.attachments[0]!.id)];
    assert.equal(shared!.blobKey, source!.blobKey);
    assert.equal(shared!.messageId, f.id);

    // 赵六 reads the forward and its file; not the original or the original's file id.
    const view = await body<Sent>(await zhao.request(`/api/v1/messages/${f.id}`));
    assert.match(JSON.stringify(view.body), /secret figures/);
    const got = await download(zhao, f.attachments[0]!.id);
    assert.equal(got.status, 200);
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF);
    assert.equal((await zhao.request(`/api/v1/messages/${m.id}`)).status, 404);
    assert.equal((await download(zhao, m.attachments[0]!.id)).status, 404);
    // Someone who received neither reads neither file.
    assert.equal((await download(bob, m.attachments[0]!.id)).status, 404);
    assert.equal((await download(bob, f.attachments[0]!.id)).status, 404);
    // 李四 received the original, not the forward.
    assert.equal((await download(li, f.attachments[0]!.id)).status, 404);

    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'message.forward'), eq(auditLog.targetId, f.id)));
    assert.ok(audit, 'the forward is audited');
    assert.equal(audit.actorId, ids.E1003);
    assert.deepEqual(audit.after, { forwardOf: m.id, attachments: ['plan.pdf'] });
  });

  test('issue 20 #4: cannot forward what one did not receive — a stranger, an overseer, its sender', async () => {
    const m = await original();
    for (const [who, b] of [
      ['a stranger', zhao],
      ['the super admin (oversees, did not receive)', admin],
      ['its sender (sent, did not receive)', zhang],
    ] as const) {
      const res = await forward(b, m.id);
      assert.equal(res.status, 404, `${who}: ${await res.clone().text()}`);
      assert.equal((await body(res)).code, 'not-found');
    }
    const missing = await forward(wang, 'no-such-message');
    assert.equal(missing.status, 404);
  });

  test('issue 20 #4: recalled or expired originals are refused; a forward expires with its original', async () => {
    const recalled = await original();
    assert.equal((await zhang.request(`/api/v1/messages/${recalled.id}/recall`, { method: 'POST' })).status, 200);
    const r = await forward(wang, recalled.id);
    assert.equal(r.status, 409);
    assert.equal((await body(r)).code, 'message-recalled');

    const expiring = await original({ expiresInMinutes: 60 });
    const f = await forwarded(wang, expiring.id, { expiresInMinutes: 600 });
    assert.equal(f.expiresAt, expiring.expiresAt, 'capped at the original expiry');

    await deps.db
      .update(messages)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(messages.id, expiring.id));
    const e = await forward(wang, expiring.id);
    assert.equal(e.status, 409);
    assert.equal((await body(e)).code, 'conflict');
  });

  test('a forward with a duration, under an expiring original, retried with its Idempotency-Key answers the first \
(review of issue 15)', async (t) => {
    const expiring = await original({ expiresInMinutes: 60 });
    const send = () =>
      wang.request(`/api/v1/messages/${expiring.id}/forward`, {
        method: 'POST',
        headers: { 'idempotency-key': 'forward-retry' },
        json: {
          kind: 'internal',
          note: doc('FYI'),
          audience: [{ kind: 'member', targetId: ids.E1005 }],
          expiresInMinutes: 30,
        },
      });
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const first = await send();
    assert.equal(first.status, 201, await first.clone().text());
    const { id } = await body(first);
    mock.timers.tick(5_000); // the retry comes later: its expiry, made absolute, would differ
    const retried = await send();
    assert.equal(retried.status, 200, await retried.clone().text());
    assert.equal((await body(retried)).id, id);
    // Later still, the original recalled: the forward exists, and its retry answers it.
    assert.equal((await zhang.request(`/api/v1/messages/${expiring.id}/recall`, { method: 'POST' })).status, 200);
    const late = await send();
    assert.equal(late.status, 200, await late.clone().text());
    assert.equal((await body(late)).id, id);
  });

  test("issue 20 #4: the forwarder's send permissions apply (kind, recipients); bad input: problem+json", async () => {
    const m = await original();
    // 孙七 received it but may not send at all.
    const none = await forward(plain, m.id);
    assert.equal(none.status, 403, await none.clone().text());
    // 王五 may send internal messages, not external ones.
    const ext = await forward(wang, m.id, { kind: 'external', audience: [{ kind: 'member', targetId: ids.E1005 }] });
    assert.equal(ext.status, 403);
    // Recipients are checked as for any send.
    const bad = await forward(wang, m.id, { audience: [{ kind: 'member', targetId: 'nobody' }] });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
    const zone = await forward(wang, m.id, { timeZone: 'Mars/Olympus' });
    assert.equal(zone.status, 400);
    assert.equal((await body(zone)).errors[0].path, 'timeZone');
    const extra = await forward(wang, m.id, { body: doc('x') });
    assert.equal(extra.status, 400, 'the body is the server’s to write: only a note is taken');
    // Nothing was sent by the refused attempts.
    const sentBy = await deps.db.select().from(messages).where(eq(messages.senderId, ids.E1006!));
    assert.equal(sentBy.length, 0);
  });

  test('issue 20 #4 with #1: a forward can be scheduled like any send; a time in the past is refused', async () => {
    const m = await original();
    const later = Date.now() + 3_600_000;
    const scheduled = await forwarded(wang, m.id, { scheduledAt: later });
    assert.deepEqual([scheduled.status, scheduled.scheduledAt], ['scheduled', later]);
    const past = await forward(wang, m.id, { scheduledAt: Date.now() - 60_000 });
    assert.equal(past.status, 400);
    assert.equal((await body(past)).errors[0].path, 'scheduledAt');
    // Review: the original recalled before the forward's time: the forward is withdrawn, nothing of it delivered.
    assert.equal((await zhang.request(`/api/v1/messages/${m.id}/recall`, { method: 'POST' })).status, 200);
    assert.equal(await deliverDueMessages(deps.db, later + 1000), 0);
    const [fwdRow] = await deps.db.select().from(messages).where(eq(messages.id, scheduled.id));
    assert.deepEqual([fwdRow!.status, fwdRow!.forwardOf], ['withdrawn', m.id]);
    const got = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, scheduled.id));
    assert.equal(got.length, 0, 'nobody received the forward of a recalled message');
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.targetId, scheduled.id));
    assert.deepEqual(
      trail.map((a) => a.action).filter((a) => a !== 'message.schedule' && a !== 'message.forward'),
      ['message.forward.withdraw'],
      'audited as a withdrawn forward, not as a cancelled schedule',
    );
  });

  test('issue 20 #4: approval flows apply to a forward as to any send (the shared file counts)', async () => {
    const flow = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: {
        name: 'files need a look',
        conditions: { hasAttachments: true },
        nodes: [{ name: 'n', approvers: { kind: 'members', memberIds: [ids.E1004] } }],
      },
    });
    assert.equal(flow.status, 201, await flow.clone().text());
    const flowId = (await body(flow)).id as string;
    try {
      // The original waited too: approve it first, as Alice.
      const m = await original();
      assert.equal(m.status, 'pending-approval');
      const approve = async (messageId: string) => {
        const queue = await body<{ items: Array<{ id: string; message: { id: string } }> }>(
          await alice.request('/api/v1/approvals?tab=todo'),
        );
        const request = queue.items.find((i) => i.message.id === messageId);
        assert.ok(request, JSON.stringify(queue).slice(0, 400));
        const res = await alice.request(`/api/v1/approvals/${request.id}/decision`, {
          method: 'POST',
          json: { decision: 'approve' },
        });
        assert.equal(res.status, 200, await res.clone().text());
      };
      await approve(m.id);
      const f = await forwarded(wang, m.id);
      assert.equal(f.status, 'pending-approval');
      const rows = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, f.id));
      assert.equal(rows.length, 0, 'nobody receives a forward waiting for approval');
    } finally {
      await admin.request(`/api/v1/approval-flows/${flowId}`, { method: 'DELETE' });
    }
  });

  test('issue 20 #4: the purge keeps a blob while a forward uses it, and deletes it after the last one', async () => {
    const m = await original();
    const f = await forwarded(wang, m.id);
    const key = (await fileRow(f.attachments[0]!.id))!.blobKey;
    // 赵六 archives the forward: the age limit spares it, and takes the original.
    const archived = await zhao.request('/api/v1/mailbox/batch', {
      method: 'POST',
      json: { action: 'archive', messageIds: [f.id] },
    });
    assert.equal(archived.status, 200, await archived.clone().text());
    await admin.request('/api/v1/settings/retention', {
      method: 'PUT',
      json: { expiredGraceDays: null, retentionDays: 30, spareArchived: true, spareTagged: true },
    });
    try {
      const run = await runPurge(deps.db, deps.blobs, Date.now() + 31 * DAY);
      assert.equal(run.error, null);
      assert.equal((await deps.db.select().from(messages).where(eq(messages.id, m.id)))[0]!.purgedAt !== null, true);
      assert.equal(await fileRow(m.attachments[0]!.id), undefined, "the original's row went");
      assert.notEqual(await deps.blobs.stat(key), null, 'the blob stays for the forward');
      const got = await download(zhao, f.attachments[0]!.id);
      assert.equal(got.status, 200);
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF);

      // Once the forward goes too, so does the blob.
      await zhao.request('/api/v1/mailbox/batch', {
        method: 'POST',
        json: { action: 'unarchive', messageIds: [f.id] },
      });
      const last = await runPurge(deps.db, deps.blobs, Date.now() + 31 * DAY);
      assert.equal(last.error, null);
      assert.equal(await deps.blobs.stat(key), null, 'no row uses it: deleted');
    } finally {
      await admin.request('/api/v1/settings/retention', {
        method: 'PUT',
        json: { expiredGraceDays: null, retentionDays: null, spareArchived: true, spareTagged: true },
      });
    }
  });
});
