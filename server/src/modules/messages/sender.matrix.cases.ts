import assert from 'node:assert/strict';
import { defineCases, grant, memberBrowser, type MatrixContext, type RoleName } from '../../testing/matrix.js';
import { body, type Browser } from '../../testing/http.js';

/** The sender's view as every role: the message is sent from 前端组 (inside 技术部) to a member of 市场部. */
// data.view or message.manage in scope
export const OVERSEERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'auditor'];

const senders = new WeakMap<object, Promise<Browser>>();
function inScopeSender({ app, admin, ids }: MatrixContext): Promise<Browser> {
  let found = senders.get(app);
  if (!found) {
    found = (async () => {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `remind-sender-${ids.unique}`,
        name: '提醒人',
        departmentId: ids.inSubDeptId,
      });
      await grant(admin, id, ids.senderRoleId);
      return browser;
    })();
    senders.set(app, found);
  }
  return found;
}

/** A fresh message for each attempt: reminding is limited to once per 5 minutes per message. */
export const newMessage = async (ctx: MatrixContext) => {
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '提醒' }] }] };
  const res = await (
    await inScopeSender(ctx)
  ).request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `提醒${ctx.ids.unique}`,
      body: doc,
      receiptRequired: true,
      audience: [{ kind: 'member', targetId: ctx.ids.outMemberId }],
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};

export const cases = defineCases([
  {
    name: 'remind the recipients of a message sent in 前端组',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/remind`,
    body: { state: 'unconfirmed' },
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'export the recipients of a message sent in 前端组',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients/export`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
]);
