import assert from 'node:assert/strict';
import { defineCases, grant, memberBrowser, type MatrixContext, type RoleName } from '../../testing/matrix.js';
import { body, type Browser } from '../../testing/http.js';

/**
 * Issue 19 item 4: a message's contact links as every role sees them. The message is sent from 前端组 (inside 技术部)
 * by an external sender to a contact without portal access. The contact's own routes (the page, the signed file
 * links: another message's or contact's link, a tampered signature, expired, revoked, reused) are in links.test.ts.
 */
const VIEWERS_OF_LINKS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'auditor'];
const REVOKERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin'];

const senders = new WeakMap<object, Promise<Browser>>();
function externalSender({ app, admin, ids }: MatrixContext): Promise<Browser> {
  let found = senders.get(app);
  if (!found) {
    found = (async () => {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `link-sender-${ids.unique}`,
        name: '外联人',
        departmentId: ids.inSubDeptId,
      });
      const roles = await body<{ items: Array<{ id: string; builtinKey: string | null }> }>(
        await admin.request('/api/v1/roles'),
      );
      await grant(admin, id, roles.items.find((r) => r.builtinKey === 'external-sender')!.id);
      return browser;
    })();
    senders.set(app, found);
  }
  return found;
}

const messageToContact = async (ctx: MatrixContext) => {
  const contact = await ctx.admin.request('/api/v1/contacts', {
    method: 'POST',
    json: { kind: 'customer', name: `客户${ctx.ids.unique}`, email: `c-${ctx.ids.unique}@example.com` },
  });
  assert.equal(contact.status, 201, await contact.clone().text());
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '报价' }] }] };
  const res = await (
    await externalSender(ctx)
  ).request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'external',
      subject: `报价${ctx.ids.unique}`,
      body: doc,
      audience: [{ kind: 'contact', targetId: (await body(contact)).id as string }],
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};

export const cases = defineCases([
  {
    name: "list a message's contact links (sent in 前端组)",
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.messageId}/contact-links`,
    prepare: messageToContact,
    allowed: VIEWERS_OF_LINKS,
  },
  {
    name: "revoke a message's contact links (sent in 前端组)",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/contact-links/revoke`,
    body: {},
    prepare: messageToContact,
    allowed: REVOKERS,
  },
]);
