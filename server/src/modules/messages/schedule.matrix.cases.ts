// Scheduled send (issue 20 #1) as every role: a message scheduled by a sender in 前端组 (inside the department admin's
// 技术部), so `message.manage` scoped to 技术部 reaches it; `data.view` reads it but may not change it.
import assert from 'node:assert/strict';
import { defineCases, grant, memberBrowser, type MatrixContext, type RoleName } from '../../testing/matrix.js';
import { body, type Browser } from '../../testing/http.js';

const SENDERS: RoleName[] = ['super-admin', 'org-admin', 'sender', 'external-sender'];
const MANAGERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin']; // message.manage in scope
const HOUR = 60 * 60 * 1000;

const senders = new WeakMap<object, Promise<Browser>>();
function inScopeSender({ app, admin, ids }: MatrixContext): Promise<Browser> {
  let found = senders.get(app);
  if (!found) {
    found = (async () => {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `schedule-sender-${ids.unique}`,
        name: '定时发件人',
        departmentId: ids.inSubDeptId,
      });
      await grant(admin, id, ids.senderRoleId);
      return browser;
    })();
    senders.set(app, found);
  }
  return found;
}

const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '定时' }] }] };
const scheduled = (ids: Record<string, string>) => ({
  kind: 'internal',
  subject: `定时${ids.unique}`,
  body: doc,
  audience: [{ kind: 'member', targetId: ids.outMemberId }],
  scheduledAt: Date.now() + HOUR,
});

/** A fresh scheduled message per attempt: a cancel uses one up. */
const newScheduled = async (ctx: MatrixContext) => {
  const res = await (
    await inScopeSender(ctx)
  ).request('/api/v1/messages', { method: 'POST', json: scheduled(ctx.ids) });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};

export const cases = defineCases([
  {
    name: 'schedule an internal message',
    method: 'POST',
    path: () => '/api/v1/messages',
    body: scheduled,
    allowed: SENDERS,
  },
  {
    name: "move someone else's scheduled message",
    method: 'PUT',
    path: (ids) => `/api/v1/messages/${ids.messageId}/schedule`,
    body: () => ({ scheduledAt: Date.now() + 2 * HOUR }),
    prepare: newScheduled,
    allowed: MANAGERS,
  },
  {
    name: "cancel someone else's scheduled message",
    method: 'DELETE',
    path: (ids) => `/api/v1/messages/${ids.messageId}/schedule`,
    prepare: newScheduled,
    allowed: MANAGERS,
  },
  {
    name: "send someone else's scheduled message now",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/schedule/send-now`,
    prepare: newScheduled,
    allowed: MANAGERS,
  },
]);
