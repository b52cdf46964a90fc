import assert from 'node:assert/strict';
import { ADMINS, ALL, defineCases, type MatrixContext, type RoleName } from '../../testing/matrix.js';

/**
 * Any member reads groups; org and department admins create them, a department admin only with people and
 * departments inside its subtrees; a group is changed by its creator or an org admin.
 */
const MANAGERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'department-admin-out'];
const IN_SCOPE_MANAGERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin'];

/** A group made by the super admin. */
const newGroup = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/groups', {
    method: 'POST',
    json: { name: `矩阵组${ids.unique}`, entries: [{ kind: 'department', targetId: ids.inDeptId }] },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { groupId: ((await res.json()) as { id: string }).id };
};

export const cases = defineCases([
  { name: 'list groups', method: 'GET', path: () => '/api/v1/groups', allowed: ALL },
  {
    name: 'read a group',
    method: 'GET',
    path: (ids) => `/api/v1/groups/${ids.groupId}`,
    allowed: ALL,
    prepare: newGroup,
  },
  {
    name: 'create an empty group',
    method: 'POST',
    path: () => '/api/v1/groups',
    body: (ids: Record<string, string>) => ({ name: `空组${ids.unique}`, entries: [] }),
    allowed: MANAGERS,
  },
  {
    name: 'create a group with a member of the in-scope department',
    method: 'POST',
    path: () => '/api/v1/groups',
    body: (ids: Record<string, string>) => ({
      name: `组${ids.unique}`,
      entries: [{ kind: 'member', targetId: ids.inMemberId }],
    }),
    allowed: IN_SCOPE_MANAGERS,
  },
  {
    name: 'create a group with a contact',
    method: 'POST',
    path: () => '/api/v1/groups',
    body: (ids: Record<string, string>) => ({
      name: `客户组${ids.unique}`,
      entries: [{ kind: 'contact', targetId: ids.contactId }],
    }),
    allowed: ['super-admin', 'org-admin'],
    prepare: async ({ admin, ids }) => {
      const res = await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: `组客户${ids.unique}` },
      });
      return { contactId: ((await res.json()) as { id: string }).id };
    },
  },
  {
    name: "change someone else's group",
    method: 'PATCH',
    path: (ids) => `/api/v1/groups/${ids.groupId}`,
    body: { description: '改' },
    allowed: ADMINS,
    prepare: newGroup,
  },
  {
    name: "delete someone else's group",
    method: 'DELETE',
    path: (ids) => `/api/v1/groups/${ids.groupId}`,
    allowed: ADMINS,
    prepare: newGroup,
  },
]);
