import assert from 'node:assert/strict';
import { defineCases, type MatrixContext } from '../../testing/matrix.js';
import { body } from '../../testing/http.js';

/**
 * Issue 20 #4: forwarding as every role. Only what one received can be forwarded (the overseers too get 404 for a
 * message they only oversee), and a forward is a send: the forwarder's own kind permission decides.
 */
const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '转发矩阵' }] }] };

/**
 * A message from the super admin to the whole organisation (every other matrix caller sits at its root). The super
 * admin sent it and did not receive it, so it may not forward it either.
 */
const toEveryone = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `转发${ids.unique}`,
      body: doc,
      audience: [{ kind: 'department', targetId: ids.rootId }],
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};
/** A message between two fixture members none of the callers received. */
const toOutMember = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/messages', {
    method: 'POST',
    json: {
      kind: 'internal',
      subject: `转发${ids.unique}`,
      body: doc,
      audience: [{ kind: 'member', targetId: ids.outMemberId }],
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { messageId: (await body(res)).id as string };
};
const newContact = async ({ admin, ids }: MatrixContext) => ({
  ...(await toEveryone({ admin, ids } as MatrixContext)),
  contactId: (
    await body(
      await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: `转发客户${ids.unique}` },
      }),
    )
  ).id as string,
});

export const cases = defineCases([
  {
    name: 'forward a message one did not receive (overseers included)',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/forward`,
    prepare: toOutMember,
    body: (ids: Record<string, string>) => ({
      kind: 'internal',
      audience: [{ kind: 'member', targetId: ids.inMemberId }],
    }),
    allowed: [],
  },
  {
    name: 'forward a received message internally (message.send.internal)',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/forward`,
    prepare: toEveryone,
    body: (ids: Record<string, string>) => ({
      kind: 'internal',
      audience: [{ kind: 'member', targetId: ids.outMemberId }],
    }),
    allowed: ['org-admin', 'sender', 'external-sender'],
  },
  {
    name: 'forward a received message to a contact (message.send.external)',
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.messageId}/forward`,
    prepare: newContact,
    body: (ids: Record<string, string>) => ({
      kind: 'external',
      audience: [{ kind: 'contact', targetId: ids.contactId }],
    }),
    allowed: ['org-admin', 'external-sender'],
  },
]);
