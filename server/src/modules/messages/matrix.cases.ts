import assert from 'node:assert/strict';
import {
  ALL,
  ADMINS,
  defineCases,
  grant,
  memberBrowser,
  type MatrixContext,
  type RoleName,
} from '../../testing/matrix.js';
import { body, type Browser } from '../../testing/http.js';

/**
 * Messages as every role. The messages are sent by a sender in 前端组 (inside the department admin's 技术部), so
 * `message.manage` / `data.view` scoped to 技术部 reach them and the ones scoped to 市场部 do not. None of the
 * matrix callers is a recipient: what only recipients may do is refused to all of them.
 */
const SENDERS: RoleName[] = ['super-admin', 'org-admin', 'sender', 'external-sender'];
// data.view or message.manage in scope
const OVERSEERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'auditor'];
const MANAGERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin']; // message.manage in scope
const NOBODY: RoleName[] = [];

const senders = new WeakMap<object, Promise<Browser>>();
/** One member of 前端组 with the sender role, per app. */
function inScopeSender({ app, admin, ids }: MatrixContext): Promise<Browser> {
  let found = senders.get(app);
  if (!found) {
    found = (async () => {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `msg-sender-${ids.unique}`,
        name: '发件人',
        departmentId: ids.inSubDeptId,
      });
      await grant(admin, id, ids.senderRoleId);
      return browser;
    })();
    senders.set(app, found);
  }
  return found;
}

const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '矩阵' }] }] };
const toOutMember = (ids: Record<string, string>) => ({
  kind: 'internal',
  subject: `矩阵${ids.unique}`,
  body: doc,
  audience: [{ kind: 'member', targetId: ids.outMemberId }],
});

const newMessage = async (ctx: MatrixContext) => {
  const res = await (
    await inScopeSender(ctx)
  ).request('/api/v1/messages', { method: 'POST', json: toOutMember(ctx.ids) });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};
const newDraft = async ({ admin }: MatrixContext) => ({
  draftId: (await body(await admin.request('/api/v1/drafts', { method: 'POST', json: { data: {} } }))).id as string,
});
const newContact = async ({ admin, ids }: MatrixContext) => ({
  contactId: (
    await body(
      await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: `矩阵客户${ids.unique}` },
      }),
    )
  ).id as string,
});

export const cases = defineCases([
  { name: 'search the directory', method: 'GET', path: () => '/api/v1/directory?q=li', allowed: ALL },
  {
    name: 'count an internal audience',
    method: 'POST',
    path: () => '/api/v1/messages/audience',
    body: (ids: Record<string, string>) => ({
      kind: 'internal',
      audience: [{ kind: 'department', targetId: ids.inDeptId }],
    }),
    allowed: SENDERS,
  },
  {
    name: 'send an internal message',
    method: 'POST',
    path: () => '/api/v1/messages',
    body: toOutMember,
    allowed: SENDERS,
  },
  {
    name: 'send an external message to a contact',
    method: 'POST',
    path: () => '/api/v1/messages',
    prepare: newContact,
    body: (ids: Record<string, string>) => ({
      ...toOutMember(ids),
      kind: 'external',
      audience: [{ kind: 'contact', targetId: ids.contactId }],
    }),
    allowed: ['super-admin', 'org-admin', 'external-sender'],
  },
  {
    name: 'read a message sent in 前端组',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'read its thread',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/thread`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'read its revisions',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/revisions`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: 'read its receipts',
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recipients`,
    prepare: newMessage,
    allowed: OVERSEERS,
  },
  {
    name: "edit someone else's message",
    method: 'PATCH',
    path: (ids) => `/api/v1/messages/${ids.messageId}`,
    body: { subject: '改' },
    prepare: newMessage,
    allowed: MANAGERS,
  },
  {
    name: "recall someone else's message",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/recall`,
    prepare: newMessage,
    allowed: MANAGERS,
  },
  {
    name: "delete someone else's message",
    method: 'DELETE',
    path: (ids) => `/api/v1/messages/${ids.messageId}`,
    prepare: newMessage,
    allowed: MANAGERS,
  },
  {
    name: 'reply in a thread one is not part of',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/replies`,
    body: { body: doc },
    prepare: newMessage,
    allowed: NOBODY,
  },
  { name: "read one's mailbox", method: 'GET', path: () => '/api/v1/mailbox', allowed: ALL },
  {
    name: "mark someone else's message read",
    method: 'POST',
    path: (ids) => `/api/v1/mailbox/${ids.messageId}/read`,
    prepare: newMessage,
    allowed: NOBODY,
  },
  {
    name: "mark someone else's message unread",
    method: 'DELETE',
    path: (ids) => `/api/v1/mailbox/${ids.messageId}/read`,
    prepare: newMessage,
    allowed: NOBODY,
  },
  {
    name: "confirm someone else's message",
    method: 'POST',
    path: (ids) => `/api/v1/mailbox/${ids.messageId}/confirm`,
    prepare: newMessage,
    allowed: NOBODY,
  },
  {
    name: "report progress on someone else's message",
    method: 'PUT',
    path: (ids) => `/api/v1/mailbox/${ids.messageId}/progress`,
    body: { progress: 'done' },
    prepare: newMessage,
    allowed: NOBODY,
  },
  // Issue 20 #3: star and snooze are the recipient's own; nobody else's entry can be starred or snoozed.
  ...(['PUT', 'DELETE'] as const).flatMap((method) => [
    {
      name: `${method === 'PUT' ? 'star' : 'unstar'} someone else's message`,
      method,
      path: (ids: Record<string, string>) => `/api/v1/mailbox/${ids.messageId}/star`,
      prepare: newMessage,
      allowed: NOBODY,
    },
    {
      name: `${method === 'PUT' ? 'snooze' : 'unsnooze'} someone else's message`,
      method,
      path: (ids: Record<string, string>) => `/api/v1/mailbox/${ids.messageId}/snooze`,
      ...(method === 'PUT' ? { body: { until: Date.now() + 24 * 60 * 60 * 1000 } } : {}),
      prepare: newMessage,
      allowed: NOBODY,
    },
  ]),
  { name: "list one's drafts", method: 'GET', path: () => '/api/v1/drafts', allowed: ALL },
  {
    name: 'save a draft',
    method: 'POST',
    path: () => '/api/v1/drafts',
    body: { data: { subject: 'x' } },
    allowed: ALL,
  },
  {
    name: "change the super admin's draft",
    method: 'PUT',
    path: (ids) => `/api/v1/drafts/${ids.draftId}`,
    body: { data: {} },
    prepare: newDraft,
    allowed: ['super-admin'],
  },
  // Issue 20 #2: the Drafts view continues a draft by reading it whole; its owner only.
  {
    name: "read the super admin's draft",
    method: 'GET',
    path: (ids) => `/api/v1/drafts/${ids.draftId}`,
    prepare: newDraft,
    allowed: ['super-admin'],
  },
  {
    name: "discard the super admin's draft",
    method: 'DELETE',
    path: (ids) => `/api/v1/drafts/${ids.draftId}`,
    prepare: newDraft,
    allowed: ['super-admin'],
  },
  { name: 'read the messaging settings', method: 'GET', path: () => '/api/v1/settings/messaging', allowed: ALL },
  {
    name: 'change the messaging settings',
    method: 'PUT',
    path: () => '/api/v1/settings/messaging',
    body: { recallWindowMinutes: 1440 },
    allowed: ADMINS,
  },
]);
