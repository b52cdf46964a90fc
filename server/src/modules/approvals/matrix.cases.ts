import assert from 'node:assert/strict';
import {
  ALL,
  defineCases,
  grant,
  memberBrowser,
  type MatrixContext,
  type MatrixIds,
  type RoleName,
} from '../../testing/matrix.js';
import { body, type Browser } from '../../testing/http.js';
import { drawn } from './testing.js';

/**
 * Approvals as every role. Requests are sent by a sender in 前端组 (inside the department admin's 技术部) and wait
 * on 李四 (`inMemberId`), who is none of the matrix callers: only the super admin (approval.admin) and those with
 * data.view reaching 前端组 may read them, and nobody but 李四 may decide. Flows made here are left disabled, so
 * that no other case's message waits for approval.
 */
const ADMIN: RoleName[] = ['super-admin']; // approval.admin
const READERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'auditor'];
const NOBODY: RoleName[] = [];

const senders = new WeakMap<object, Promise<Browser>>();
function sender({ app, admin, ids }: MatrixContext): Promise<Browser> {
  let found = senders.get(app);
  if (!found) {
    found = (async () => {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `appr-sender-${ids.unique}`,
        name: '申请人',
        departmentId: ids.inSubDeptId,
      });
      await grant(admin, id, ids.senderRoleId);
      return browser;
    })();
    senders.set(app, found);
  }
  return found;
}

const flowBody = (
  ids: MatrixIds,
  approvers: unknown = { kind: 'members', memberIds: [ids.inMemberId] },
  enabled = false,
) => ({ name: `矩阵流程${ids.unique}`, enabled, conditions: {}, nodes: [{ name: '审批', approvers }] });

const newFlow = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/approval-flows', { method: 'POST', json: flowBody(ids) });
  assert.equal(res.status, 201, await res.clone().text());
  return { flowId: (await body(res)).id as string };
};
const flowOrder = async ({ admin }: MatrixContext) => ({
  flowIds: (await body(await admin.request('/api/v1/approval-flows'))).items.map((f: { id: string }) => f.id).join(','),
});

/** A message waiting on its flow (enabled only for this send), and its approval. */
const waiting = (approvers?: (ids: MatrixIds) => unknown) => async (ctx: MatrixContext) => {
  const { admin, ids } = ctx;
  const flow = await admin.request('/api/v1/approval-flows', {
    method: 'POST',
    json: flowBody(ids, approvers?.(ids), true),
  });
  assert.equal(flow.status, 201, await flow.clone().text());
  const flowId = (await body(flow)).id as string;
  const from = await sender(ctx);
  const sent = await from.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `待批${ids.unique}`,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '矩阵' }] }] },
      audience: [{ kind: 'member', targetId: ids.outMemberId }],
    },
  });
  assert.equal(sent.status, 201, await sent.clone().text());
  assert.equal(
    (await admin.request(`/api/v1/approval-flows/${flowId}`, { method: 'PATCH', json: { enabled: false } })).status,
    200,
  );
  const messageId = (await body(sent)).id as string;
  const mine = await body(await from.request('/api/v1/approvals?tab=mine'));
  const approval = mine.items.find((a: { message: { id: string } }) => a.message.id === messageId);
  assert.ok(approval, 'the sender lists it');
  return { messageId, approvalId: approval.id as string };
};

/**
 * Issue 19 item 2: a sign-off approval of a message sent in 前端组, signed (a drawn PNG) by a member of 前端组 who is
 * none of the matrix callers; its signature is served to exactly those who may read the approval.
 */
const signed = async (ctx: MatrixContext) => {
  const { app, admin, ids } = ctx;
  const signer = await memberBrowser(app, admin, {
    employeeNo: `appr-signer-${ids.unique}-${Math.random().toString(36).slice(2, 8)}`,
    name: '签批人',
    departmentId: ids.inSubDeptId,
  });
  const flow = await admin.request('/api/v1/approval-flows', {
    method: 'POST',
    json: {
      ...flowBody(ids, undefined, true),
      nodes: [{ name: '签批', approvers: { kind: 'members', memberIds: [signer.id] }, signOff: true }],
    },
  });
  assert.equal(flow.status, 201, await flow.clone().text());
  const flowId = (await body(flow)).id as string;
  const sent = await (
    await sender(ctx)
  ).request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `签批${ids.unique}`,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '矩阵' }] }] },
      audience: [{ kind: 'member', targetId: ids.outMemberId }],
    },
  });
  assert.equal(sent.status, 201, await sent.clone().text());
  await admin.request(`/api/v1/approval-flows/${flowId}`, { method: 'PATCH', json: { enabled: false } });
  const todo = await body(await signer.browser.request('/api/v1/approvals?tab=todo'));
  const approvalId = todo.items[0].id as string;
  const decided = await signer.browser.request(`/api/v1/approvals/${approvalId}/decision`, {
    method: 'POST',
    json: { decision: 'approve', comment: '同意', signature: drawn() },
  });
  assert.equal(decided.status, 200, await decided.clone().text());
  const signatureId = (await body(decided)).nodes[0].approvers[0].signature.id as string;
  return { approvalId, signatureId };
};

export const cases = defineCases([
  { name: 'list the approval flows', method: 'GET', path: () => '/api/v1/approval-flows', allowed: ADMIN },
  {
    name: 'create an approval flow',
    method: 'POST',
    path: () => '/api/v1/approval-flows',
    body: (ids: MatrixIds) => flowBody(ids),
    allowed: ADMIN,
  },
  {
    name: 'change an approval flow',
    method: 'PATCH',
    path: (ids) => `/api/v1/approval-flows/${ids.flowId}`,
    body: { name: '改名' },
    prepare: newFlow,
    allowed: ADMIN,
  },
  {
    name: 'delete an approval flow',
    method: 'DELETE',
    path: (ids) => `/api/v1/approval-flows/${ids.flowId}`,
    prepare: newFlow,
    allowed: ADMIN,
  },
  {
    name: 'reorder the approval flows',
    method: 'PUT',
    path: () => '/api/v1/approval-flows/order',
    prepare: flowOrder,
    body: (ids: MatrixIds) => ({ ids: ids.flowIds ? ids.flowIds.split(',').reverse() : [] }),
    allowed: ADMIN,
  },
  { name: "list one's approvals", method: 'GET', path: () => '/api/v1/approvals?tab=todo', allowed: ALL },
  {
    name: 'read an approval of a message sent in 前端组',
    method: 'GET',
    path: (ids) => `/api/v1/approvals/${ids.approvalId}`,
    prepare: waiting(),
    allowed: READERS,
  },
  {
    name: 'decide an approval one is not asked for',
    method: 'POST',
    path: (ids) => `/api/v1/approvals/${ids.approvalId}/decision`,
    body: { decision: 'approve' },
    prepare: waiting(),
    allowed: NOBODY,
  },
  {
    name: 'sign off an approval one is not asked for (issue 19 item 2)',
    method: 'POST',
    path: (ids) => `/api/v1/approvals/${ids.approvalId}/decision`,
    body: () => ({ decision: 'approve', comment: '同意', signature: drawn() }),
    prepare: waiting(),
    allowed: NOBODY,
  },
  {
    name: "see a sign-off's drawn signature (issue 19 item 2)",
    method: 'GET',
    path: (ids) => `/api/v1/approvals/${ids.approvalId}/signatures/${ids.signatureId}`,
    prepare: signed,
    allowed: READERS,
  },
  {
    name: "approve several (none of them one's own: all skipped)",
    method: 'POST',
    path: () => '/api/v1/approvals/decisions',
    body: (ids: MatrixIds) => ({ ids: [`none-${ids.unique}`] }),
    allowed: ALL,
  },
  {
    name: 'retry a stuck approval',
    method: 'POST',
    path: (ids) => `/api/v1/approvals/${ids.approvalId}/retry`,
    prepare: waiting(() => ({ kind: 'department-head-up', levels: 10 })),
    allowed: ADMIN,
  },
  {
    name: "resubmit someone else's message",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/resubmit`,
    prepare: waiting(),
    allowed: NOBODY,
  },
  {
    name: "withdraw someone else's message",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/withdraw`,
    prepare: waiting(),
    allowed: NOBODY,
  },
]);
