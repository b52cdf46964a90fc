// Approval flows (R5, R10, R14): which messages wait, who approves them, and that nobody receives one before the
// last approval — delivered then, once, with expiry counted from that moment.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { auditLog } from '../audit/schema.js';
import { browserAs } from '../imports/testing.js';
import { events } from '../live/schema.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { departments, members } from '../org/schema.js';
import { matchFlow, type SendFacts } from './match.js';
import { resolveApprovers } from './resolve.js';
import { approvalFlows, approvalRequests } from './schema.js';

const PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

describe('approvals (R5, R10, R14)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser, wang: Browser, li: Browser, zhang: Browser, zhou: Browser, alice: Browser;
  const ids: Record<string, string> = {};
  let adminId = '';

  before(async () => {
    ({ deps, app, admin } = await demoApp(ids));
    adminId = (await body(await admin.request('/api/v1/me'))).subject.id;
    for (const d of await deps.db.select().from(departments)) ids[d.name] = d.id;
    wang = await browserAs(app, deps.db, 'E1003', 'external-sender'); // 前端组; its head is 李四, 技术部's is 张三
    li = await browserAs(app, deps.db, 'E1002', null);
    zhang = await browserAs(app, deps.db, 'E1001', null);
    zhou = await browserAs(app, deps.db, 'E1008', null);
    alice = await browserAs(app, deps.db, 'E1004', 'sender');
  });
  after(() => deps.cleanup());

  /** One flow at a time: each test starts from none. */
  const onlyFlow = async (flow: Record<string, unknown>) => {
    await deps.db.delete(approvalFlows);
    const res = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: { name: 'flow', conditions: {}, ...flow },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const send = async (from: Browser, patch: Record<string, unknown> = {}) => {
    const res = await from.request('/api/v1/messages', {
      method: 'POST',
      json: {
        kind: 'internal',
        subject: '审批',
        body: doc('内容'),
        audience: [{ kind: 'member', targetId: ids.E1008 }],
        ...patch,
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return body(res);
  };
  const approvalOf = async (messageId: string) => {
    const mine = await body(await wang.request('/api/v1/approvals?tab=mine'));
    const found = mine.items.find((a: { message: { id: string } }) => a.message.id === messageId);
    assert.ok(found, 'listed under mine');
    return found as Record<string, any>;
  };
  const decide = (who: Browser, id: string, decision: 'approve' | 'reject', comment?: string) =>
    who.request(`/api/v1/approvals/${id}/decision`, {
      method: 'POST',
      json: { decision, ...(comment ? { comment } : {}) },
    });
  const mailboxRows = async (messageId: string) =>
    (await deps.db.select().from(mailbox).where(eq(mailbox.messageId, messageId))).length;
  const status = async (messageId: string) =>
    (await deps.db.select().from(messages).where(eq(messages.id, messageId)))[0]!;
  const members_ = (...nos: string[]) => ({ kind: 'members', memberIds: nos.map((n) => ids[n]) });

  test('R5 flows: created, changed, reordered and deleted by approval.admin only; a node without approvers is a field \
error; audited (R14)', async () => {
    await deps.db.delete(approvalFlows);
    assert.equal((await wang.request('/api/v1/approval-flows')).status, 403);
    assert.equal(
      (
        await wang.request('/api/v1/approval-flows', {
          method: 'POST',
          json: { name: 'x', conditions: {}, nodes: [{ name: 'n', approvers: members_('E1002') }] },
        })
      ).status,
      403,
    );
    const bad = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: { name: 'x', conditions: {}, nodes: [{ name: 'n' }] },
    });
    assert.equal(bad.status, 400);
    assert.ok(
      (await body(bad)).errors.some((e: { path: string }) => e.path.startsWith('nodes.0.approvers')),
      'names the node',
    );
    const unknown = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: {
        name: 'x',
        conditions: {},
        nodes: [{ name: 'n', approvers: { kind: 'members', memberIds: ['nobody'] } }],
      },
    });
    assert.equal(unknown.status, 400);
    assert.equal((await body(unknown)).errors[0].code, 'unknown-member');
    const a = await body(
      await admin.request('/api/v1/approval-flows', {
        method: 'POST',
        json: {
          name: 'A',
          conditions: { kinds: ['urgent'] },
          nodes: [{ name: '主管', approvers: { kind: 'department-head' } }],
        },
      }),
    );
    const b = await body(
      await admin.request('/api/v1/approval-flows', {
        method: 'POST',
        json: {
          name: 'B',
          enabled: false,
          conditions: {},
          nodes: [{ name: '会签', approvers: members_('E1001', 'E1002'), method: 'all' }],
          selfApproval: 'forbid',
        },
      }),
    );
    assert.deepEqual(
      [a.position, b.position, a.nodes[0].method, a.nodes[0].cc, a.selfApproval],
      [0, 1, 'any', [], 'skip'],
    );
    const patched = await body(
      await admin.request(`/api/v1/approval-flows/${a.id}`, { method: 'PATCH', json: { name: 'A2', enabled: false } }),
    );
    assert.deepEqual([patched.name, patched.enabled], ['A2', false]);
    const reordered = await body(
      await admin.request('/api/v1/approval-flows/order', { method: 'PUT', json: { ids: [b.id, a.id] } }),
    );
    assert.deepEqual(
      reordered.items.map((f: { id: string }) => f.id),
      [b.id, a.id],
    );
    assert.equal(
      (await admin.request('/api/v1/approval-flows/order', { method: 'PUT', json: { ids: [b.id] } })).status,
      400,
    );
    assert.equal((await admin.request(`/api/v1/approval-flows/${a.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await body(await admin.request('/api/v1/approval-flows'))).items.map((f: { id: string }) => f.id),
      [b.id],
    );
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.targetType, 'approval-flow'));
    assert.deepEqual(
      new Set(trail.map((r) => r.action)),
      new Set(['approval.flow.create', 'approval.flow.update', 'approval.flow.reorder', 'approval.flow.delete']),
    );
  });

  test('R5 matching: each condition, all of them together, and the first enabled flow in order', async () => {
    await deps.db.delete(approvalFlows);
    const node = [{ name: 'n', approvers: members_('E1001') }];
    const make = async (name: string, conditions: Record<string, unknown>, enabled = true) =>
      (
        await body(
          await admin.request('/api/v1/approval-flows', {
            method: 'POST',
            json: { name, conditions, nodes: node, enabled },
          }),
        )
      ).id as string;
    const base: SendFacts = {
      kind: 'internal',
      priority: 'normal',
      senderDepartmentId: ids['前端组']!,
      audience: [{ kind: 'member', targetId: ids.E1008!, includeSubdepartments: true, label: '' }],
      recipientTotal: 1,
      attachmentCount: 0,
    };
    const match = async (facts: Partial<SendFacts>) => (await matchFlow(deps.db, { ...base, ...facts }))?.name ?? null;
    await make('kinds', { kinds: ['urgent'] });
    await make('priorities', { priorities: ['high'] });
    await make('department', { senderDepartmentId: ids['技术部'] });
    await make('external', { hasExternalRecipients: true });
    await make('many', { minRecipients: 2 });
    await make('files', { hasAttachments: true });
    await make('disabled-all', {}, false);
    assert.equal(await match({ kind: 'urgent', senderDepartmentId: ids['市场部']! }), 'kinds');
    assert.equal(await match({ priority: 'high', senderDepartmentId: ids['市场部']! }), 'priorities');
    assert.equal(await match({}), 'department', 'the sender in 前端组 is below 技术部');
    const outside = { senderDepartmentId: ids['市场部']! };
    assert.equal(await match(outside), null, 'no condition holds; the disabled flow never applies');
    assert.equal(
      await match({
        ...outside,
        kind: 'external',
        audience: [{ kind: 'contact', targetId: 'c', includeSubdepartments: true, label: '' }],
      }),
      'external',
    );
    assert.equal(await match({ ...outside, recipientTotal: 2 }), null, 'more than 2, not 2');
    assert.equal(await match({ ...outside, recipientTotal: 3 }), 'many');
    assert.equal(await match({ ...outside, attachmentCount: 1 }), 'files');
    const both = await make('urgent-and-many', { kinds: ['urgent'], minRecipients: 5 });
    const flows = (await body(await admin.request('/api/v1/approval-flows'))).items.map(
      (f: { id: string }) => f.id,
    ) as string[];
    await admin.request('/api/v1/approval-flows/order', {
      method: 'PUT',
      json: { ids: [both, ...flows.filter((id) => id !== both)] },
    });
    assert.equal(await match({ ...outside, kind: 'urgent', recipientTotal: 3 }), 'kinds', 'every condition must hold');
    const matched = await matchFlow(deps.db, { ...base, ...outside, kind: 'urgent', recipientTotal: 9 });
    assert.equal(matched?.name, 'urgent-and-many', 'first in order wins');
    // Issue 14: codes with parameters, put into words by the widgets in the reader's language.
    assert.deepEqual(matched?.reasons, [
      { code: 'kind', params: { kind: 'urgent' } },
      { code: 'min-recipients', params: { recipients: 9, min: 5 } },
    ]);
    const inDepartment = await matchFlow(deps.db, { ...base });
    assert.deepEqual(inDepartment?.reasons, [
      { code: 'sender-department', params: { departmentId: ids['技术部'], department: '技术部' } },
    ]);
  });

  test('R5 any-one node (或签): the first approval delivers; all node (会签): every approver must approve', async () => {
    await onlyFlow({ nodes: [{ name: '或签', approvers: members_('E1001', 'E1002') }] });
    const sent = await send(wang);
    assert.deepEqual([sent.status, sent.deliveredAt, sent.recipientCount], ['pending-approval', null, 0]);
    const approval = await approvalOf(sent.id);
    assert.deepEqual(approval.flow.reasons, [{ code: 'every-message', params: {} }]);
    // Issue 14: a request submitted before reasons were codes keeps its English sentence, answered as code `text`.
    const [stored] = await deps.db.select().from(approvalRequests).where(eq(approvalRequests.id, approval.id));
    await deps.db
      .update(approvalRequests)
      .set({ flow: { ...stored!.flow, reasons: ['applies to every message'] } })
      .where(eq(approvalRequests.id, approval.id));
    assert.deepEqual((await approvalOf(sent.id)).flow.reasons, [
      { code: 'text', params: { text: 'applies to every message' } },
    ]);
    await deps.db.update(approvalRequests).set({ flow: stored!.flow }).where(eq(approvalRequests.id, approval.id));
    assert.deepEqual(
      approval.nodes[0].approvers.map((a: { id: string }) => a.id).sort(),
      [ids.E1001, ids.E1002].sort(),
    );
    const assigned = await deps.db.select().from(events).where(eq(events.type, 'approval.assigned'));
    assert.ok(
      assigned.some(
        (e) => e.audienceId === ids.E1002 && (e.payload as { approvalId: string }).approvalId === approval.id,
      ),
    );
    assert.equal(await mailboxRows(sent.id), 0);
    const res = await decide(li, approval.id, 'approve');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await body(res)).status, 'approved');
    assert.equal((await status(sent.id)).status, 'sent');
    assert.equal(await mailboxRows(sent.id), 1);
    assert.equal((await decide(zhang, approval.id, 'approve')).status, 409, 'the node moved on');
    const decided = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'approval.decided'), eq(events.audienceId, ids.E1003!)));
    assert.ok(decided.length >= 1, 'the sender was told');

    await onlyFlow({ nodes: [{ name: '会签', approvers: members_('E1001', 'E1002'), method: 'all' }] });
    const all = await send(wang);
    const second = await approvalOf(all.id);
    assert.equal((await decide(li, second.id, 'approve')).status, 200);
    assert.equal((await status(all.id)).status, 'pending-approval', 'one of two approved');
    assert.equal((await decide(li, second.id, 'approve')).status, 409, 'no second decision');
    assert.equal((await decide(zhang, second.id, 'approve', '同意')).status, 200);
    assert.equal((await status(all.id)).status, 'sent');
    assert.equal(
      (await body(await wang.request(`/api/v1/approvals/${second.id}`))).nodes[0].approvers.find(
        (a: { id: string }) => a.id === ids.E1001,
      ).comment,
      '同意',
    );
  });

  test('R5 a two-node chain: department head, then the head one level up; an approver outside the current node gets \
403', async () => {
    await onlyFlow({
      nodes: [
        { name: '组长', approvers: { kind: 'department-head' } },
        { name: '部长', approvers: { kind: 'department-head-up', levels: 1 }, cc: [ids.E1006] },
      ],
    });
    const sent = await send(wang);
    const approval = await approvalOf(sent.id);
    assert.equal((await decide(zhang, approval.id, 'approve')).status, 403, '张三 is the second node');
    assert.equal((await decide(zhou, approval.id, 'approve')).status, 403, 'a would-be recipient');
    assert.equal((await decide(li, approval.id, 'approve')).status, 200);
    assert.equal((await status(sent.id)).status, 'pending-approval');
    const todo = await body(await zhang.request('/api/v1/approvals?tab=todo'));
    assert.deepEqual(
      todo.items.map((a: { id: string }) => a.id),
      [approval.id],
    );
    assert.equal(todo.items[0].can.decide, true);
    assert.equal((await body(await li.request('/api/v1/approvals?tab=todo'))).items.length, 0);
    assert.equal(
      (await body(await li.request('/api/v1/approvals?tab=done'))).items[0].id,
      approval.id,
      'the latest decision first',
    );
    assert.equal((await decide(zhang, approval.id, 'approve')).status, 200);
    const done = await body(await wang.request(`/api/v1/approvals/${approval.id}`));
    assert.deepEqual(
      done.nodes.map((n: { status: string }) => n.status),
      ['approved', 'approved'],
    );
    assert.equal(done.status, 'approved');
    assert.equal(await mailboxRows(sent.id), 1);
    assert.ok(
      (
        await deps.db
          .select()
          .from(events)
          .where(and(eq(events.type, 'approval.cc'), eq(events.audienceId, ids.E1006!)))
      ).length === 1,
      'cc told',
    );
  });

  test('R5 department head N levels up on a nested tree walks departments.path', async () => {
    const post = async (path: string, json: unknown) =>
      (await body(await admin.request(`/api/v1${path}`, { method: 'POST', json }))).id as string;
    const l1 = await post('/departments', { name: 'L1', parentId: ids['技术部'] });
    const l2 = await post('/departments', { name: 'L2', parentId: l1 });
    const l3 = await post('/departments', { name: 'L3', parentId: l2 });
    const person = async (no: string, departmentId: string) =>
      post('/members', { employeeNo: no, name: no, departmentId });
    const h1 = await person('H1', l1),
      h2 = await person('H2', l2),
      h3 = await person('H3', l3),
      worker = await person('W3', l3);
    for (const [d, h] of [
      [l1, h1],
      [l2, h2],
      [l3, h3],
    ] as const)
      await deps.db.update(departments).set({ headMemberId: h }).where(eq(departments.id, d));
    const sender = { id: worker, departmentId: l3 };
    const at = async (rule: Parameters<typeof resolveApprovers>[1]) => resolveApprovers(deps.db, rule, sender, 'skip');
    assert.deepEqual(await at({ kind: 'department-head' }), { approverIds: [h3] });
    assert.deepEqual(await at({ kind: 'department-head-up', levels: 1 }), { approverIds: [h2] });
    assert.deepEqual(await at({ kind: 'department-head-up', levels: 2 }), { approverIds: [h1] });
    assert.deepEqual(await at({ kind: 'department-head-up', levels: 3 }), { approverIds: [ids.E1001] }, '技术部');
    assert.ok('stuck' in (await at({ kind: 'department-head-up', levels: 5 })), 'above the root: nobody');
    assert.deepEqual(
      await resolveApprovers(deps.db, { kind: 'department-head' }, { id: h3, departmentId: l3 }, 'skip'),
      { skip: true },
      'self-approval skipped',
    );
    assert.ok(
      'stuck' in (await resolveApprovers(deps.db, { kind: 'department-head' }, { id: h3, departmentId: l3 }, 'forbid')),
      'self-approval forbidden',
    );
  });

  test('R5 R14 rejection → edit → resubmit → approve: history keeps both rounds', async () => {
    await onlyFlow({ nodes: [{ name: '组长', approvers: { kind: 'department-head' } }] });
    const sent = await send(wang, { subject: '初稿' });
    const approval = await approvalOf(sent.id);
    assert.equal((await decide(li, approval.id, 'reject')).status, 400, 'a rejection says why');
    assert.equal((await decide(li, approval.id, 'reject', '措辞不当')).status, 200);
    assert.equal((await status(sent.id)).status, 'rejected');
    assert.equal(
      (await li.request(`/api/v1/messages/${sent.id}`, { method: 'PATCH', json: { subject: '改' } })).status,
      403,
      'only the sender edits',
    );
    const edited = await wang.request(`/api/v1/messages/${sent.id}`, { method: 'PATCH', json: { subject: '修改稿' } });
    assert.equal(edited.status, 200, await edited.clone().text());
    assert.equal((await li.request(`/api/v1/messages/${sent.id}/resubmit`, { method: 'POST' })).status, 403);
    const again = await wang.request(`/api/v1/messages/${sent.id}/resubmit`, { method: 'POST' });
    assert.equal(again.status, 200, await again.clone().text());
    const resubmitted = await body(again);
    assert.deepEqual([resubmitted.round, resubmitted.status], [2, 'pending']);
    assert.equal((await decide(li, approval.id, 'approve')).status, 200);
    const final = await body(await wang.request(`/api/v1/approvals/${approval.id}`));
    assert.equal(final.status, 'approved');
    assert.equal(final.message.subject, '修改稿');
    assert.deepEqual(
      final.history.map((h: { round: number; action: string }) => `${h.round}:${h.action}`),
      ['1:submit', '1:reject', '2:resubmit', '2:approve', '2:deliver'],
    );
    assert.equal(final.history[1].comment, '措辞不当');
    const inbox = await body(await zhou.request('/api/v1/mailbox'));
    assert.equal(
      inbox.items.find((i: { message: { id: string } }) => i.message.id === sent.id).message.subject,
      '修改稿',
    );
  });

  test('R5 withdrawal: nobody ever receives it and it can no longer be decided', async () => {
    await onlyFlow({ nodes: [{ name: '组长', approvers: { kind: 'department-head' } }] });
    const sent = await send(wang);
    const approval = await approvalOf(sent.id);
    assert.equal(
      (await zhou.request(`/api/v1/messages/${sent.id}/withdraw`, { method: 'POST' })).status,
      404,
      'a would-be recipient does not learn it exists',
    );
    const res = await wang.request(`/api/v1/messages/${sent.id}/withdraw`, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.equal((await body(res)).status, 'withdrawn');
    assert.equal((await status(sent.id)).status, 'withdrawn');
    assert.equal((await decide(li, approval.id, 'approve')).status, 409);
    assert.equal((await wang.request(`/api/v1/messages/${sent.id}/withdraw`, { method: 'POST' })).status, 409);
    assert.equal(await mailboxRows(sent.id), 0);
  });

  test('R10 two approvers of an any-one node deciding at the same moment: one advance, one delivery', async () => {
    await onlyFlow({ nodes: [{ name: '或签', approvers: members_('E1001', 'E1002') }] });
    const sent = await send(wang, {
      audience: [
        { kind: 'member', targetId: ids.E1008 },
        { kind: 'member', targetId: ids.E1005 },
      ],
    });
    const approval = await approvalOf(sent.id);
    const results = await Promise.all([decide(li, approval.id, 'approve'), decide(zhang, approval.id, 'approve')]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    assert.equal(await mailboxRows(sent.id), 2, 'one row per recipient, once');
    const received = await deps.db.select().from(events).where(eq(events.type, 'message.received'));
    assert.equal(received.filter((e) => (e.payload as { messageId: string }).messageId === sent.id).length, 2);
    const delivered = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'approval.deliver'), eq(auditLog.targetId, approval.id)));
    assert.equal(delivered.length, 1);
  });

  test('R5 R14 no would-be recipient sees a pending message: GET, mailbox, search, thread, attachment \
download', async () => {
    await onlyFlow({ nodes: [{ name: '组长', approvers: { kind: 'department-head' } }] });
    const up = await wang.request('/api/v1/attachments?name=plan.pdf', {
      method: 'POST',
      body: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(up.status, 201, await up.clone().text());
    const fileId = (await body(up)).id as string;
    const sent = await send(wang, { subject: 'Quokka secret plan', attachmentIds: [fileId] });
    assert.equal((await zhou.request(`/api/v1/messages/${sent.id}`)).status, 404);
    assert.equal((await zhou.request(`/api/v1/messages/${sent.id}/thread`)).status, 404);
    assert.equal((await zhou.request(`/api/v1/attachments/${fileId}`)).status, 404);
    const inbox = await body(await zhou.request('/api/v1/mailbox?view=all'));
    assert.ok(!inbox.items.some((i: { message: { id: string } }) => i.message.id === sent.id));
    assert.equal((await body(await zhou.request('/api/v1/mailbox?view=all&q=Quokka'))).items.length, 0);
    // The approver reads it, attachment included.
    const seen = await li.request(`/api/v1/messages/${sent.id}`);
    assert.equal(seen.status, 200);
    assert.equal((await body(seen)).subject, 'Quokka secret plan');
    assert.equal((await li.request(`/api/v1/attachments/${fileId}`)).status, 200);
    assert.equal(
      (await alice.request(`/api/v1/approvals/${(await approvalOf(sent.id)).id}`)).status,
      404,
      'a stranger',
    );
    // Rejected and withdrawn stay unseen too.
    assert.equal((await decide(li, (await approvalOf(sent.id)).id, 'reject', 'no')).status, 200);
    assert.equal((await zhou.request(`/api/v1/messages/${sent.id}`)).status, 404);
    assert.equal((await body(await zhou.request('/api/v1/mailbox?view=all&q=Quokka'))).items.length, 0);
  });

  test('R5 a node resolving to nobody is stuck (never approved), the sender and every approval.admin told; retry after \
the fix', async () => {
    const flowId = await onlyFlow({ nodes: [{ name: '总裁', approvers: { kind: 'department-head-up', levels: 9 } }] });
    const sent = await send(wang);
    const approval = await approvalOf(sent.id);
    assert.equal(approval.status, 'stuck');
    assert.equal((await status(sent.id)).status, 'pending-approval');
    const told = (await deps.db.select().from(events).where(eq(events.type, 'approval.stuck')))
      .filter((e) => (e.payload as { approvalId: string }).approvalId === approval.id)
      .map((e) => e.audienceId);
    assert.ok(told.includes(ids.E1003!) && told.includes(adminId), `told: ${told}`);
    assert.ok(
      (
        await deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'approval.stuck'), eq(auditLog.targetId, approval.id)))
      ).length === 1,
    );
    assert.equal((await wang.request(`/api/v1/approvals/${approval.id}/retry`, { method: 'POST' })).status, 403);
    await admin.request(`/api/v1/approval-flows/${flowId}`, {
      method: 'PATCH',
      json: { nodes: [{ name: '总裁', approvers: members_('E1001') }] },
    });
    const retried = await admin.request(`/api/v1/approvals/${approval.id}/retry`, { method: 'POST' });
    assert.equal(retried.status, 200, await retried.clone().text());
    assert.equal((await body(retried)).status, 'pending');
    assert.equal((await decide(zhang, approval.id, 'approve')).status, 200);
    assert.equal(await mailboxRows(sent.id), 1);
  });

  test('R9 R5 expiry given as a duration counts from delivery, not from sending', async () => {
    await onlyFlow({ nodes: [{ name: '组长', approvers: { kind: 'department-head' } }] });
    const sent = await send(wang, { expiresInMinutes: 60 });
    assert.equal((await status(sent.id)).expiresAt, null);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal((await decide(li, (await approvalOf(sent.id)).id, 'approve')).status, 200);
    const m = await status(sent.id);
    assert.ok(m.deliveredAt! > m.createdAt, 'delivered at the approval');
    assert.equal(m.expiresAt, m.deliveredAt! + 3_600_000);
    const [entry] = await deps.db.select().from(mailbox).where(eq(mailbox.messageId, sent.id));
    assert.equal(entry!.expiresAt, m.expiresAt);
  });

  test("R5 role approvers (optionally only grants reaching the sender's department); disabled members never \
approve", async () => {
    const roleId = (
      await body(
        await admin.request('/api/v1/roles', { method: 'POST', json: { name: '审批人', permissions: ['data.view'] } }),
      )
    ).id as string;
    const grantTo = async (no: string, departmentId?: string) =>
      assert.equal(
        (
          await admin.request(`/api/v1/members/${ids[no]}/grants`, {
            method: 'POST',
            json: { roleId, ...(departmentId ? { departmentId } : {}) },
          })
        ).status,
        201,
      );
    await grantTo('E1001', ids['技术部']);
    await grantTo('E1004', ids['市场部']);
    await grantTo('E1006');
    const sender = { id: ids.E1003!, departmentId: ids['前端组']! };
    assert.deepEqual(await resolveApprovers(deps.db, { kind: 'role', roleId }, sender, 'skip'), {
      approverIds: [ids.E1001, ids.E1004, ids.E1006].sort(),
    });
    assert.deepEqual(
      await resolveApprovers(deps.db, { kind: 'role', roleId, inSenderDepartment: true }, sender, 'skip'),
      { approverIds: [ids.E1001, ids.E1006].sort() },
    );
    await deps.db.update(members).set({ disabled: true }).where(eq(members.id, ids.E1006!));
    assert.deepEqual(
      await resolveApprovers(deps.db, { kind: 'role', roleId, inSenderDepartment: true }, sender, 'skip'),
      { approverIds: [ids.E1001] },
    );
    await deps.db.update(members).set({ disabled: false }).where(eq(members.id, ids.E1006!));
  });

  test('R5 approving several at once; overseers with data.view read a request, others do not', async () => {
    await onlyFlow({ nodes: [{ name: '组长', approvers: { kind: 'department-head' } }] });
    const first = await approvalOf((await send(wang)).id);
    const second = await approvalOf((await send(wang)).id);
    const auditor = await browserAs(app, deps.db, 'E1006', 'auditor');
    assert.equal((await auditor.request(`/api/v1/approvals/${first.id}`)).status, 200, 'data.view over the sender');
    assert.equal((await zhou.request(`/api/v1/approvals/${first.id}`)).status, 404);
    const res = await li.request('/api/v1/approvals/decisions', {
      method: 'POST',
      json: { ids: [first.id, second.id, 'nope'], comment: '批量同意' },
    });
    assert.equal(res.status, 200);
    const outcome = await body(res);
    assert.deepEqual(outcome.approved.sort(), [first.id, second.id].sort());
    assert.deepEqual(outcome.skipped, [{ id: 'nope', reason: 'not-found' }]);
    assert.equal((await body(await wang.request(`/api/v1/approvals/${first.id}`))).status, 'approved');
    const third = await approvalOf((await send(wang)).id);
    assert.equal((await wang.request(`/api/v1/messages/${third.message.id}`, { method: 'DELETE' })).status, 204);
    assert.ok(
      !(await body(await li.request('/api/v1/approvals?tab=todo'))).items.some(
        (a: { id: string }) => a.id === third.id,
      ),
      'a deleted message waits for nobody',
    );
    assert.equal((await decide(li, third.id, 'approve')).status, 409);
  });

  test('R5 without any enabled flow a message is delivered at once, as before', async () => {
    await deps.db.delete(approvalFlows);
    const sent = await send(alice);
    assert.equal(sent.status, 'sent');
    assert.equal(await mailboxRows(sent.id), 1);
  });
});
