import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { ADMINS, ALL, VIEWERS, defineCases, type MatrixContext } from '../../testing/matrix.js';

const ORIGIN = 'https://matrix-portal.example.com';
const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '请回电' }] }] };

/**
 * A conversation opened through the portal by a fresh contact the super admin owns: the matrix's callers neither own
 * the contact nor sit in a service group, so only org admins may work it (issue 19 item 5).
 */
async function opened({ app, admin, ids }: MatrixContext) {
  const contact = await admin.request('/api/v1/contacts', {
    method: 'POST',
    json: { kind: 'customer', name: `客户${ids.unique}`, portalEnabled: true },
  });
  assert.equal(contact.status, 201, await contact.clone().text());
  const contactId = ((await contact.json()) as { id: string }).id;
  const embed = await admin.request('/api/v1/embed-apps', {
    method: 'POST',
    json: { name: `Portal ${ids.unique}`, origins: [ORIGIN] },
  });
  const { id, secret } = (await embed.json()) as { id: string; secret: string };
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: id })
    .setIssuer(id)
    .setAudience('herald')
    .setSubject(`contact:${contactId}`)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
  const res = await app.request('/api/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ to: 'owner', subject: '咨询', body: doc }),
    headers: { authorization: `Bearer ${token}`, origin: ORIGIN, 'content-type': 'application/json' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { conversationId: ((await res.json()) as { id: string }).id };
}

/** Issue 19 item 5 (S7): the customer queue. Opening one and `/targets` are the contact's (conversations.test.ts). */
export const cases = defineCases([
  {
    name: 'list the customer queue (each sees what they may work)',
    method: 'GET',
    path: () => '/api/v1/conversations',
    allowed: ALL,
  },
  { name: 'read the service groups', method: 'GET', path: () => '/api/v1/conversations/settings', allowed: ADMINS },
  {
    name: 'choose the service groups',
    method: 'PUT',
    path: () => '/api/v1/conversations/settings',
    body: { groupIds: [] },
    allowed: ADMINS,
  },
  { name: 'whom a contact may write to', method: 'GET', path: () => '/api/v1/conversations/targets', allowed: [] },
  {
    name: 'open a customer conversation as a member',
    method: 'POST',
    path: () => '/api/v1/conversations',
    body: { to: 'owner', subject: 'x', body: doc },
    allowed: [],
  },
  {
    name: "read a conversation of someone else's contact",
    method: 'GET',
    path: (ids) => `/api/v1/conversations/${ids.conversationId}`,
    allowed: ADMINS,
    prepare: opened,
  },
  {
    name: "list who may take someone else's conversation",
    method: 'GET',
    path: (ids) => `/api/v1/conversations/${ids.conversationId}/assignees`,
    allowed: ADMINS,
    prepare: opened,
  },
  {
    name: "resolve someone else's conversation",
    method: 'PATCH',
    path: (ids) => `/api/v1/conversations/${ids.conversationId}`,
    body: { status: 'resolved' },
    allowed: ADMINS,
    prepare: opened,
  },
  // Review (issue 19 item 5): working a conversation is reading it. Org admins work every one; `data.view` over the
  // whole organisation reads it too (the auditor) but does not answer; a member who works none gets 404 for both.
  {
    name: "read the thread of someone else's customer conversation",
    method: 'GET',
    path: (ids) => `/api/v1/messages/${ids.conversationId}/thread`,
    allowed: VIEWERS,
    prepare: opened,
  },
  {
    name: "answer someone else's customer conversation",
    method: 'POST',
    path: (ids) => `/api/v1/messages/${ids.conversationId}/replies`,
    body: { body: doc },
    allowed: ADMINS,
    prepare: opened,
  },
]);
