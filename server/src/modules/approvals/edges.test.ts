// Approvals at their edges (R5, R10, R14), found by the approvals review: a deleted message ends its request and is
// never delivered; disabled approvers neither skip a node nor hold one up; retry starts a new round on the flow as
// it is now; the approval view hides what recipients no longer see; those never asked learn nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApp } from '../../app.js';
import { testDeps } from '../../testing/deps.js';
import { demoApp, textDoc as doc } from '../../testing/demo.js';
import { body, type Browser } from '../../testing/http.js';
import { browserAs } from '../imports/testing.js';
import { mailbox } from '../mailbox/schema.js';
import { messages } from '../messages/schema.js';
import { members } from '../org/schema.js';
import { approvalFlows, approvalRequests } from './schema.js';

describe('approvals at the edges (R5, R10, R14)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser, wang: Browser, li: Browser, zhou: Browser;
  const ids: Record<string, string> = {};
  before(async () => {
    ({ deps, app, admin } = await demoApp(ids));
    wang = await browserAs(app, deps.db, 'E1003', 'external-sender');
    li = await browserAs(app, deps.db, 'E1002', null);
    zhou = await browserAs(app, deps.db, 'E1008', null);
  });
  after(() => deps.cleanup());

  const setDisabled = (no: string, disabled: boolean) =>
    deps.db.update(members).set({ disabled }).where(eq(members.id, ids[no]!));
  const onlyFlow = async (flow: Record<string, unknown>) => {
    await deps.db.delete(approvalFlows);
    const res = await admin.request('/api/v1/approval-flows', {
      method: 'POST',
      json: { name: 'flow', conditions: {}, ...flow },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const send = async (audience = [{ kind: 'member', targetId: ids.E1008 }]) => {
    const res = await wang.request('/api/v1/messages', {
      method: 'POST',
      json: { kind: 'internal', subject: '审批边界', body: doc('机密内容 Zeppelin'), audience },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await body(res)).id as string;
  };
  const requestOf = async (messageId: string) =>
    (await deps.db.select().from(approvalRequests).where(eq(approvalRequests.messageId, messageId)))[0]!;
  const rows = async (messageId: string) =>
    (await deps.db.select().from(mailbox).where(eq(mailbox.messageId, messageId))).length;
  const people = (...nos: string[]) => ({ kind: 'members', memberIds: nos.map((n) => ids[n]) });
  const decide = (who: Browser, id: string, decision: 'approve' | 'reject', comment?: string) =>
    who.request(`/api/v1/approvals/${id}/decision`, {
      method: 'POST',
      json: { decision, ...(comment ? { comment } : {}) },
    });

  test('R10 deleting a waiting message withdraws its request: no resubmit, no retry, no delivery', async () => {
    const flowId = await onlyFlow({ nodes: [{ name: 'self', approvers: people('E1003') }], selfApproval: 'forbid' });
    const stuckId = await send();
    assert.equal((await requestOf(stuckId)).status, 'stuck');
    assert.equal((await wang.request(`/api/v1/messages/${stuckId}`, { method: 'DELETE' })).status, 204);
    assert.equal((await requestOf(stuckId)).status, 'withdrawn', 'the request ends with the message');
    await admin.request(`/api/v1/approval-flows/${flowId}`, { method: 'PATCH', json: { selfApproval: 'skip' } });
    assert.equal(
      (await admin.request(`/api/v1/approvals/${(await requestOf(stuckId)).id}/retry`, { method: 'POST' })).status,
      409,
    );
    assert.equal(await rows(stuckId), 0, 'never delivered');

    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1002') }] });
    const rejectedId = await send();
    const req = await requestOf(rejectedId);
    assert.equal((await decide(li, req.id, 'reject', '再改改')).status, 200);
    assert.equal((await wang.request(`/api/v1/messages/${rejectedId}`, { method: 'DELETE' })).status, 204);
    assert.equal((await wang.request(`/api/v1/messages/${rejectedId}/resubmit`, { method: 'POST' })).status, 409);
    const mine = await body(await wang.request('/api/v1/approvals?tab=mine'));
    assert.ok(!mine.items.some((a: { id: string; status: string }) => a.id === req.id && a.status === 'pending'));
  });

  test('R5 a node is skipped only when it names the sender alone; disabled other approvers leave it \
stuck', async () => {
    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1003', 'E1001') }], selfApproval: 'skip' });
    await setDisabled('E1001', true);
    try {
      const id = await send();
      assert.equal((await requestOf(id)).status, 'stuck');
      assert.equal(await rows(id), 0);
    } finally {
      await setDisabled('E1001', false);
    }
  });

  test('R5 an approver disabled after the node began no longer holds up an all-approve node', async () => {
    await onlyFlow({ nodes: [{ name: '会签', method: 'all', approvers: people('E1002', 'E1001') }] });
    const id = await send();
    await setDisabled('E1001', true);
    try {
      assert.equal((await decide(li, (await requestOf(id)).id, 'approve')).status, 200);
      assert.equal((await requestOf(id)).status, 'approved');
      assert.equal(await rows(id), 1);
    } finally {
      await setDisabled('E1001', false);
    }
  });

  test('R5 the approver sees whom the message reaches now: a person picked and disabled since is not counted \
(review of issue 15)', async () => {
    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1002') }] });
    const id = await send([
      { kind: 'member', targetId: ids.E1008 },
      { kind: 'member', targetId: ids.E1001 },
    ]);
    const req = await requestOf(id);
    const total = async () => (await body(await li.request(`/api/v1/approvals/${req.id}`))).recipients.total;
    assert.equal(await total(), 2);
    await setDisabled('E1001', true);
    try {
      assert.equal(await total(), 1, 'as many as an approval would deliver to');
      assert.equal((await decide(li, req.id, 'approve')).status, 200);
      assert.equal(await rows(id), 1);
    } finally {
      await setDisabled('E1001', false);
    }
  });

  test('R5 retry starts a new round from the first node of the flow as it is now', async () => {
    const flowId = await onlyFlow({
      nodes: [
        { name: 'A', approvers: people('E1002') },
        { name: 'B', approvers: people('E1001') },
      ],
    });
    await setDisabled('E1001', true);
    const id = await send();
    const req = await requestOf(id);
    assert.equal((await decide(li, req.id, 'approve')).status, 200);
    assert.equal((await requestOf(id)).status, 'stuck', 'B has nobody');
    await setDisabled('E1001', false);
    await admin.request(`/api/v1/approval-flows/${flowId}`, {
      method: 'PATCH',
      json: {
        nodes: [
          { name: 'Legal', approvers: people('E1007') },
          { name: 'A', approvers: people('E1002') },
          { name: 'B', approvers: people('E1001') },
        ],
      },
    });
    assert.equal((await admin.request(`/api/v1/approvals/${req.id}/retry`, { method: 'POST' })).status, 200);
    const after = await requestOf(id);
    assert.equal(after.round, req.round + 1);
    assert.equal(after.currentNode, 0);
    const view = await body(await admin.request(`/api/v1/approvals/${req.id}`));
    assert.equal(view.nodes[0].name, 'Legal');
    assert.equal(view.nodes[0].status, 'pending', 'Legal is asked, not credited with an old decision');
  });

  test('R14 once delivered and recalled, the approval view hides the content from an approver who is no \
overseer', async () => {
    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1002') }] });
    const id = await send();
    const req = await requestOf(id);
    assert.match(
      JSON.stringify((await body(await li.request(`/api/v1/approvals/${req.id}`))).message.body),
      /Zeppelin/,
      'before delivery the approver reads it',
    );
    assert.equal((await decide(li, req.id, 'approve')).status, 200);
    assert.equal((await wang.request(`/api/v1/messages/${id}/recall`, { method: 'POST' })).status, 200);
    const view = await body(await li.request(`/api/v1/approvals/${req.id}`));
    assert.doesNotMatch(JSON.stringify(view.message), /Zeppelin/);
  });

  test('R5 Message.can.edit holds exactly when PATCH is accepted: the sender of a rejected, undeleted \
message', async () => {
    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1002') }] });
    const id = await send();
    const req = await requestOf(id);
    const canEdit = async (who: Browser) =>
      (await body(await who.request(`/api/v1/approvals/${req.id}`))).message.can.edit as boolean;
    const patch = (who: Browser, subject: string) =>
      who.request(`/api/v1/messages/${id}`, { method: 'PATCH', json: { subject } });
    assert.equal(await canEdit(wang), false, 'pending');
    assert.equal((await patch(wang, '改')).status, 409);
    assert.equal((await decide(li, req.id, 'reject', '再改改')).status, 200);
    assert.equal(await canEdit(wang), true, 'rejected, for its sender');
    assert.equal(
      (await body(await wang.request(`/api/v1/messages/${id}`))).can.edit,
      true,
      'GET /messages/{id} agrees',
    );
    assert.equal(await canEdit(li), false, 'not for the approver');
    assert.equal((await patch(li, '改')).status, 403);
    assert.equal(await canEdit(admin), false, 'not for a manager who is not the sender');
    assert.equal((await patch(admin, '改')).status, 409);
    assert.equal((await patch(wang, '修改稿')).status, 200);
    assert.equal((await wang.request(`/api/v1/messages/${id}/resubmit`, { method: 'POST' })).status, 200);
    assert.equal(await canEdit(wang), false, 'pending again');
    assert.equal((await decide(li, req.id, 'reject', '还是不行')).status, 200);
    assert.equal(await canEdit(wang), true);
    assert.equal((await wang.request(`/api/v1/messages/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await body(await admin.request(`/api/v1/approvals/${req.id}`))).message.can.edit, false, 'deleted');
    assert.equal((await patch(wang, '再改')).status, 404);
  });

  test('R5 a would-be recipient cannot decide (403) and gets 404 for the pending message, like an unknown \
id', async () => {
    await onlyFlow({ nodes: [{ name: 'n', approvers: people('E1002') }] });
    const id = await send();
    const req = await requestOf(id);
    assert.equal((await decide(zhou, req.id, 'approve')).status, 403);
    assert.equal((await zhou.request(`/api/v1/messages/${id}/withdraw`, { method: 'POST' })).status, 404);
    assert.equal((await zhou.request('/api/v1/messages/nope/withdraw', { method: 'POST' })).status, 404);
    assert.equal((await deps.db.select().from(messages).where(eq(messages.id, id)))[0]!.status, 'pending-approval');
  });
});
