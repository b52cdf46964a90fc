import assert from 'node:assert/strict';
import { defineCases, type MatrixContext, type RoleName } from '../../testing/matrix.js';

/** R7: the directory is for external senders and org admins; a contact is changed by its owner or an org admin. */
const DIRECTORY: RoleName[] = ['super-admin', 'org-admin', 'external-sender'];

/** A contact owned by the super admin. */
const newContact = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/contacts', {
    method: 'POST',
    json: { kind: 'customer', name: `矩阵客户${ids.unique}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { contactId: ((await res.json()) as { id: string }).id };
};

export const cases = defineCases([
  { name: 'list contacts', method: 'GET', path: () => '/api/v1/contacts?q=wang', allowed: DIRECTORY },
  { name: 'contact tags', method: 'GET', path: () => '/api/v1/contacts/tags', allowed: DIRECTORY },
  {
    name: 'read a contact',
    method: 'GET',
    path: (ids) => `/api/v1/contacts/${ids.contactId}`,
    allowed: DIRECTORY,
    prepare: newContact,
  },
  {
    name: 'add a contact',
    method: 'POST',
    path: () => '/api/v1/contacts',
    body: (ids: Record<string, string>) => ({ kind: 'partner', name: `伙伴${ids.unique}` }),
    allowed: DIRECTORY,
  },
  {
    name: "edit someone else's contact",
    method: 'PATCH',
    path: (ids) => `/api/v1/contacts/${ids.contactId}`,
    body: { title: '经理' },
    allowed: ['super-admin', 'org-admin'],
    prepare: newContact,
  },
  {
    name: 'grant portal access',
    method: 'PATCH',
    path: (ids) => `/api/v1/contacts/${ids.contactId}`,
    body: { portalEnabled: true },
    allowed: ['super-admin', 'org-admin'],
    prepare: newContact,
  },
]);
