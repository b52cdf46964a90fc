// Scheduled send (issue 20 #1): a message waits for its time (after any approval), shows as scheduled to its sender,
// can be edited, moved or cancelled until then, and is delivered once by whichever process claims it first. Times are
// fake: the worker is called with the instant it would run at, and the API's clock is mocked where it matters.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, mock, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { secondProcess } from '../../testing/second-process.js';
import { body, type Browser } from '../../testing/http.js';
import { approvalFlows, approvalRequests } from '../approvals/schema.js';
import { auditLog } from '../audit/schema.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { notifyDeliveries } from '../notify/schema.js';
import { members } from '../org/schema.js';
import { deliverDueMessages, deliverIfClaimed, DUE_BATCH } from './schedule.js';
import { SCHEDULE_MAX_AHEAD_MS } from './schedule-rules.js';
import { messages } from './schema.js';

const HOUR = 60 * 60 * 1000;

describe('scheduled send (issue 20 #1)', () => {
  let ctx: Awaited<ReturnType<typeof demoApp>>;
  let zhang: Browser, wang: Browser, li: Browser, alice: Browser, techAdmin: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await demoApp(ids);
    zhang = await ctx.as('E1001', 'sender'); // 技术部
    wang = await ctx.as('E1003'); // 前端组: the recipient
    li = await ctx.as('E1002'); // an approver
    alice = await ctx.as('E1004'); // 市场部: neither sender, recipient nor manager
    techAdmin = await ctx.as('E1006', 'department-admin', '技术部'); // message.manage over 技术部
  });
  // Each test counts what the worker delivers: what an earlier test left scheduled goes out first.
  beforeEach(() => deliverDueMessages(ctx.deps.db, Date.now() + 2 * SCHEDULE_MAX_AHEAD_MS));
  after(() => {
    mock.timers.reset();
    ctx.deps.cleanup();
  });

  const db = () => ctx.deps.db;
  const schedule = (
    at: number,
    patch: Record<string, unknown> = {},
    from = zhang,
    headers: Record<string, string> = {},
  ) =>
    from.request('/api/v1/messages', {
      method: 'POST',
      headers,
      json: {
        kind: 'internal',
        subject: '周会改期',
        body: doc('周会改到周四'),
        audience: [{ kind: 'member', targetId: ids.E1003 }],
        scheduledAt: at,
        ...patch,
      },
    });
  const scheduled = async (at: number, patch: Record<string, unknown> = {}) => {
    const res = await schedule(at, patch);
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const row = async (id: string) => (await db().select().from(messages).where(eq(messages.id, id)))[0]!;
  const entries = async (id: string) => db().select().from(mailbox).where(eq(mailbox.messageId, id));
  const audits = async (id: string, action: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));
  const put = (b: Browser, id: string, at: number) =>
    b.request(`/api/v1/messages/${id}/schedule`, { method: 'PUT', json: { scheduledAt: at } });
  const cancel = (b: Browser, id: string) => b.request(`/api/v1/messages/${id}/schedule`, { method: 'DELETE' });
  const now = (b: Browser, id: string) => b.request(`/api/v1/messages/${id}/schedule/send-now`, { method: 'POST' });
  /** A trigger that refuses the scheduled delivery's audit row (so that delivery fails), or drops it. */
  const refuseDelivery = async (on: boolean) => {
    if (ENGINE === 'pg') {
      if (!on) return void (await dialect.run(db(), sql.raw('drop trigger refuse_deliver on audit_log')));
      await dialect.run(
        db(),
        sql.raw(`create or replace function refuse_deliver() returns trigger language plpgsql as $$
          begin if new.action = 'message.schedule.deliver' then raise exception 'refused by the test'; end if;
          return new; end $$`),
      );
      await dialect.run(
        db(),
        sql.raw(
          'create trigger refuse_deliver before insert on audit_log for each row execute function refuse_deliver()',
        ),
      );
      return;
    }
    await dialect.run(
      db(),
      on
        ? sql.raw(`create trigger refuse_deliver before insert on audit_log
            when new.action = 'message.schedule.deliver' begin select raise(abort, 'refused by the test'); end`)
        : sql.raw('drop trigger refuse_deliver'),
    );
  };

  test('a scheduled message waits: nobody receives it, its sender sees it as scheduled in Sent; audited', async () => {
    const at = Date.now() + HOUR;
    const m = await scheduled(at);
    assert.deepEqual([m.status, m.scheduledAt, m.deliveredAt, m.recipientCount], ['scheduled', at, null, 0]);
    assert.equal(m.can.edit, true, 'its sender may still edit it');
    assert.equal(m.can.recall, false);
    assert.equal((await entries(m.id)).length, 0);
    const inbox = await body(await wang.request('/api/v1/mailbox'));
    assert.ok(!inbox.items.some((i: { message: { id: string } }) => i.message.id === m.id), 'not in the inbox');
    const sent = await body(await zhang.request('/api/v1/sent'));
    const listed = sent.items.find((i: { message: { id: string } }) => i.message.id === m.id);
    assert.equal(listed?.message.status, 'scheduled');
    assert.equal(listed?.message.scheduledAt, at);
    const [audit] = await audits(m.id, 'message.schedule');
    assert.equal((audit?.after as { scheduledAt: number }).scheduledAt, at);
    // The recipient-to-be cannot know of it yet.
    assert.equal((await wang.request(`/api/v1/messages/${m.id}`)).status, 404);
  });

  test('the worker delivers it at its time, not before, with a duration expiry counted from then', async () => {
    const at = Date.now() + HOUR;
    const m = await scheduled(at, { expiresInMinutes: 60, receiptRequired: true });
    assert.equal((await row(m.id)).expiresAt, null, 'a duration counts from delivery');
    assert.equal(await deliverDueMessages(db(), at - 1), 0, 'a millisecond early: nothing');
    assert.equal((await row(m.id)).status, 'scheduled');
    assert.equal(await deliverDueMessages(db(), at + 500), 1);
    const sent = await row(m.id);
    assert.deepEqual([sent.status, sent.deliveredAt, sent.recipientCount], ['sent', at + 500, 1]);
    assert.equal(sent.expiresAt, at + 500 + HOUR);
    const [entry] = await entries(m.id);
    assert.equal(entry?.ownerId, ids.E1003);
    const received = await db().select().from(events).where(eq(events.type, 'message.received'));
    assert.equal(received.filter((e) => (e.payload as { messageId: string }).messageId === m.id).length, 1);
    const told = await db().select().from(events).where(eq(events.type, 'message.updated'));
    assert.ok(
      told.some((e) => e.audienceId === ids.E1001 && (e.payload as { messageId: string }).messageId === m.id),
      "the sender's Sent row is told it went out",
    );
    const [audit] = await audits(m.id, 'message.schedule.deliver');
    assert.equal(audit?.actorKind, 'system');
    assert.equal(await deliverDueMessages(db(), at + HOUR), 0, 'delivered once');
  });

  test('a keyed send retried after its time answers the first: a lost answer, a late retry (review of issue \
15)', async (t) => {
    const at = Date.now() + HOUR;
    const send = () => schedule(at, {}, zhang, { 'idempotency-key': 'late-retry' });
    const first = await send();
    assert.equal(first.status, 201, await first.clone().text());
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: at + 60_000 });
    const retried = await send();
    assert.equal(retried.status, 200, await retried.clone().text());
    assert.equal((await body(retried)).id, (await body(first)).id);
  });

  test('a time in the past, too far ahead, or before a fixed expiry / due date: problem+json', async () => {
    const t = Date.now();
    for (const [at, code] of [
      [t - 1000, 'too-small'],
      [t + SCHEDULE_MAX_AHEAD_MS + HOUR, 'too-big'],
    ] as const) {
      const res = await schedule(at);
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = await body(res);
      assert.equal(problem.code, 'validation');
      assert.deepEqual(
        problem.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
        [['scheduledAt', code]],
      );
    }
    const early = await body(await schedule(t + 2 * HOUR, { expiresAt: t + HOUR, dueAt: t + HOUR }));
    assert.deepEqual(early.errors.map((e: { path: string }) => e.path).sort(), ['dueAt', 'expiresAt']);
    const m = await scheduled(t + HOUR);
    const res = await put(zhang, m.id, t - 1000);
    assert.equal(res.status, 400);
    assert.equal((await body(res)).errors[0].path, 'scheduledAt');
    assert.equal((await row(m.id)).scheduledAt, t + HOUR, 'unchanged');
  });

  test('edited, moved and cancelled until then by its sender or message.manage in scope; audited', async () => {
    const t = Date.now();
    const m = await scheduled(t + HOUR);
    const edit = await zhang.request(`/api/v1/messages/${m.id}`, {
      method: 'PATCH',
      json: { subject: '周会改到周五' },
    });
    assert.equal(edit.status, 200, await edit.clone().text());
    assert.equal((await body(edit)).status, 'scheduled');
    assert.equal((await audits(m.id, 'message.edit')).length, 1);
    // Others: the recipient-to-be and an outsider do not know of it; an auditor-less member neither.
    assert.equal((await put(wang, m.id, t + 2 * HOUR)).status, 404);
    assert.equal((await put(alice, m.id, t + 2 * HOUR)).status, 404);
    assert.equal((await cancel(alice, m.id)).status, 404);
    const moved = await put(techAdmin, m.id, t + 2 * HOUR);
    assert.equal(moved.status, 200, await moved.clone().text());
    assert.equal((await body(moved)).scheduledAt, t + 2 * HOUR);
    const [audit] = await audits(m.id, 'message.reschedule');
    assert.deepEqual(
      [(audit?.before as { scheduledAt: number }).scheduledAt, (audit?.after as { scheduledAt: number }).scheduledAt],
      [t + HOUR, t + 2 * HOUR],
    );
    assert.equal(await deliverDueMessages(db(), t + HOUR + 1000), 0, 'not at the old time');
    assert.equal(await deliverDueMessages(db(), t + 2 * HOUR + 1000), 1, 'at the new one');
    assert.equal((await row(m.id)).subject, '周会改到周五', 'the edited content goes out');
    assert.equal((await put(zhang, m.id, t + 3 * HOUR)).status, 409, 'too late once delivered');
    assert.equal((await cancel(zhang, m.id)).status, 409);

    const c = await scheduled(t + HOUR);
    const res = await cancel(zhang, c.id);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await body(res)).status, 'withdrawn');
    assert.equal((await audits(c.id, 'message.schedule.cancel')).length, 1);
    assert.equal(await deliverDueMessages(db(), t + 2 * HOUR), 0, 'a cancelled message never goes out');
    assert.equal((await entries(c.id)).length, 0);
    assert.equal((await cancel(zhang, c.id)).status, 409, 'cancelled once');

    // Deleting a scheduled message stops it too.
    const d = await scheduled(t + HOUR);
    assert.equal((await zhang.request(`/api/v1/messages/${d.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(await deliverDueMessages(db(), t + 2 * HOUR), 0);
    assert.equal((await entries(d.id)).length, 0);
  });

  test('"Send now": the sender (or message.manage in scope) delivers it at once; others cannot; audited', async () => {
    const m = await scheduled(Date.now() + HOUR);
    assert.equal((await now(wang, m.id)).status, 404, 'the recipient-to-be does not know of it');
    assert.equal((await now(alice, m.id)).status, 404);
    assert.equal((await entries(m.id)).length, 0);
    const res = await now(zhang, m.id);
    assert.equal(res.status, 200, await res.clone().text());
    const view = await body(res);
    assert.equal(view.status, 'sent');
    assert.ok(view.deliveredAt <= Date.now() && view.deliveredAt >= view.scheduledAt - 1);
    assert.equal((await entries(m.id)).length, 1, 'the recipient has it');
    assert.equal((await audits(m.id, 'message.schedule.now')).length, 1);
    assert.equal((await audits(m.id, 'message.schedule.deliver')).length, 1, 'delivered once, by the claim');
    assert.equal(await deliverDueMessages(db(), Date.now() + 2 * HOUR), 0, 'the worker finds nothing left');
    assert.equal((await now(zhang, m.id)).status, 409, 'already sent');
    const other = await scheduled(Date.now() + HOUR);
    assert.equal((await now(techAdmin, other.id)).status, 200, "message.manage over the sender's department");
    assert.equal((await entries(other.id)).length, 1);
  });

  test('review: "Send now" failing once its time moved answers it (due now); the worker sends it', async () => {
    const m = await scheduled(Date.now() + HOUR);
    // The delivery's own audit row is refused, so the claim-and-deliver transaction fails after "Send now" committed.
    await refuseDelivery(true);
    let res: Response;
    try {
      res = await now(zhang, m.id);
    } finally {
      await refuseDelivery(false);
    }
    assert.equal(res.status, 200, await res.clone().text());
    const view = await body(res);
    assert.equal(view.status, 'scheduled', 'not sent yet, and it says so');
    assert.ok(view.scheduledAt <= Date.now(), 'due now');
    assert.equal((await entries(m.id)).length, 0);
    assert.equal((await audits(m.id, 'message.schedule.now')).length, 1);
    assert.equal(await deliverDueMessages(db(), Date.now()), 1, "the worker's next run delivers it");
    assert.equal((await row(m.id)).status, 'sent');
    assert.equal((await entries(m.id)).length, 1);
  });

  test('exactly once: two workers in two processes on one database deliver each due message once', async () => {
    const other = secondProcess(ctx.deps);
    try {
      const at = Date.now() + 5 * HOUR;
      // More than a batch, so both workers page through the queue while racing for the same rows.
      const n = DUE_BATCH * 2 + 5;
      const made: string[] = [];
      for (let i = 0; i < n; i++) made.push((await scheduled(at, { subject: `并发${i}` })).id);
      const [a, b] = await Promise.all([deliverDueMessages(db(), at), deliverDueMessages(other.db, at)]);
      assert.equal(a + b, n, `each delivered by one worker (${a} + ${b})`);
      for (const id of made) {
        assert.equal((await entries(id)).length, 1, 'one mailbox entry');
        assert.equal((await audits(id, 'message.schedule.deliver')).length, 1, 'one delivery in the trail');
      }
      const received = (await db().select().from(events).where(eq(events.type, 'message.received'))).filter((e) =>
        made.includes((e.payload as { messageId: string }).messageId),
      );
      assert.equal(received.length, n, 'one live event each');
      const notices = await db().select().from(notifyDeliveries);
      const perMessage = new Map<string, number>();
      for (const d of notices) perMessage.set(d.messageId, (perMessage.get(d.messageId) ?? 0) + 1);
      for (const id of made) assert.ok((perMessage.get(id) ?? 0) <= 1, 'notifications queued at most once');

      // The claim itself, raced head to head on each row: one process delivers, the other finds nothing to do.
      const raced: string[] = [];
      for (let i = 0; i < 10; i++) raced.push((await scheduled(at + HOUR, { subject: `抢${i}` })).id);
      for (const id of raced) {
        const outcomes = await Promise.all([
          deliverIfClaimed(db(), id, at + HOUR),
          deliverIfClaimed(other.db, id, at + HOUR),
        ]);
        assert.deepEqual(
          outcomes.filter((o) => o === 'delivered').length,
          1,
          `one claim wins (${outcomes.join(', ')})`,
        );
        assert.equal((await entries(id)).length, 1);
      }
    } finally {
      other.close();
    }
  });

  test('R5 approval first: waits for approval, then for its time; a late approval delivers at once', async () => {
    await db().delete(approvalFlows);
    const flow = await ctx.admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: {
        name: '定时审批',
        conditions: {},
        nodes: [{ name: '审批', approvers: { kind: 'members', memberIds: [ids.E1002] } }],
      },
    });
    assert.equal(flow.status, 201, await flow.clone().text());
    try {
      const t = Date.now();
      const m = await scheduled(t + HOUR);
      assert.deepEqual([m.status, m.scheduledAt], ['pending-approval', t + HOUR]);
      assert.equal(await deliverDueMessages(db(), t + 2 * HOUR), 0, 'not before approval, even when due');
      // Its time can change while it waits for approval.
      assert.equal((await put(zhang, m.id, t + 3 * HOUR)).status, 200);
      const approvalId = async (id: string) =>
        (await db().select().from(approvalRequests).where(eq(approvalRequests.messageId, id)))[0]!.id;
      const decide = (id: string) =>
        li.request(`/api/v1/approvals/${id}/decision`, { method: 'POST', json: { decision: 'approve' } });
      assert.equal((await decide(await approvalId(m.id))).status, 200);
      const approved = await row(m.id);
      assert.equal(approved.status, 'scheduled', 'approved, now waiting for its time');
      assert.equal((await entries(m.id)).length, 0);
      // What was approved is what goes out (review): no edit between the approval and the delivery.
      const edit = await zhang.request(`/api/v1/messages/${m.id}`, { method: 'PATCH', json: { subject: 'SWAPPED' } });
      assert.equal(edit.status, 409, await edit.clone().text());
      assert.equal((await body(edit)).reason, 'approved');
      assert.notEqual((await row(m.id)).subject, 'SWAPPED');
      assert.equal(await deliverDueMessages(db(), t + 3 * HOUR + 1), 1);
      assert.equal((await entries(m.id)).length, 1);

      // Approved after its time has passed: delivered by the approval itself.
      const late = await scheduled(t + HOUR);
      const id = await approvalId(late.id);
      mock.timers.enable({ apis: ['Date'], now: t + 2 * HOUR });
      try {
        assert.equal((await decide(id)).status, 200);
      } finally {
        mock.timers.reset();
      }
      const delivered = await row(late.id);
      assert.deepEqual([delivered.status, delivered.deliveredAt], ['sent', t + 2 * HOUR]);
      assert.equal((await entries(late.id)).length, 1);

      // "Send now" while it waits for approval: it loses its time and goes out when approved.
      const soon = await scheduled(t + HOUR);
      const untimed = await body(await now(zhang, soon.id));
      assert.deepEqual([untimed.status, untimed.scheduledAt], ['pending-approval', null]);
      assert.equal((await decide(await approvalId(soon.id))).status, 200);
      assert.equal((await row(soon.id)).status, 'sent', 'delivered by the approval');
      assert.equal((await entries(soon.id)).length, 1);
    } finally {
      await db().delete(approvalFlows);
    }
  });

  test('a sender disabled before the time: the message is cancelled, not delivered', async () => {
    const at = Date.now() + 7 * HOUR;
    const sender = await ctx.as('E1005', 'sender');
    const res = await schedule(at, { subject: '停用前' }, sender);
    assert.equal(res.status, 201, await res.clone().text());
    const m = await body(res);
    await db().update(members).set({ disabled: true }).where(eq(members.id, ids.E1005!));
    try {
      assert.equal(await deliverDueMessages(db(), at), 0);
      assert.equal((await row(m.id)).status, 'withdrawn');
      assert.equal((await entries(m.id)).length, 0);
      const [audit] = await audits(m.id, 'message.schedule.cancel');
      assert.equal(audit?.actorKind, 'system');
    } finally {
      await db().update(members).set({ disabled: false }).where(eq(members.id, ids.E1005!));
    }
  });

  test('the Sent list keeps a cancelled message, marked withdrawn, with its content', async () => {
    const m = await scheduled(Date.now() + HOUR, { subject: '取消的定时' });
    await cancel(zhang, m.id);
    const sent = await body(await zhang.request(`/api/v1/sent?q=${encodeURIComponent('取消的定时')}`));
    assert.equal(sent.items[0]?.message.status, 'withdrawn');
    assert.ok((await db().select().from(messages).where(like(messages.subject, '取消的定时'))).length === 1);
  });
});
