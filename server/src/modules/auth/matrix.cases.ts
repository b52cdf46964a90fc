import { body } from '../../testing/http.js';
import { ADMINS, ALL, defineCases, grant, type MatrixContext } from '../../testing/matrix.js';

/** A throw-away member in the in-scope subtree, made by the super admin. */
const freshMember = async ({ admin, ids }: MatrixContext) => {
  const res = await admin.request('/api/v1/members', {
    method: 'POST',
    json: { employeeNo: `G${ids.unique}`, name: 'Grantee', departmentId: ids.inSubDeptId },
  });
  return { freshMemberId: (await body(res)).id as string };
};

export const cases = defineCases([
  { name: 'list roles', method: 'GET', path: () => '/api/v1/roles', allowed: ALL },
  {
    name: 'create a custom role',
    method: 'POST',
    path: () => '/api/v1/roles',
    body: (ids: { unique: string }) => ({ name: `role-${ids.unique}`, permissions: ['data.view'] }),
    allowed: ADMINS,
  },
  {
    name: 'change a custom role',
    method: 'PATCH',
    path: (ids) => `/api/v1/roles/${ids.customRoleId}`,
    body: (ids: { unique: string }) => ({ name: `custom-${ids.unique}` }),
    allowed: ADMINS,
  },
  {
    name: 'delete a custom role',
    method: 'DELETE',
    path: (ids) => `/api/v1/roles/${ids.freshRoleId}`,
    allowed: ADMINS,
    prepare: async ({ admin, ids }) => ({
      freshRoleId: (
        await body(
          await admin.request('/api/v1/roles', {
            method: 'POST',
            json: { name: `tmp-${ids.unique}`, permissions: ['data.view'] },
          }),
        )
      ).id,
    }),
  },
  {
    name: 'grant a role',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.freshMemberId}/grants`,
    body: (ids: { senderRoleId: string }) => ({ roleId: ids.senderRoleId }),
    allowed: ADMINS,
    prepare: freshMember,
  },
  {
    name: 'grant a role scoped to a department',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.freshMemberId}/grants`,
    body: (ids: { customRoleId: string; inDeptId: string }) => ({
      roleId: ids.customRoleId,
      departmentId: ids.inDeptId,
    }),
    allowed: ADMINS,
    prepare: freshMember,
  },
  {
    // Issue 13: nobody hands out a right they do not hold (org admins hold all but approval.admin).
    name: 'grant a role carrying approval.admin',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.freshMemberId}/grants`,
    allowed: ['super-admin'],
    body: (ids: { flowRoleId: string }) => ({ roleId: ids.flowRoleId }),
    prepare: async (ctx) => ({
      ...(await freshMember(ctx)),
      flowRoleId: (
        await body(
          await ctx.admin.request('/api/v1/roles', {
            method: 'POST',
            json: { name: `flows-${ctx.ids.unique}`, permissions: ['approval.admin'] },
          }),
        )
      ).id as string,
    }),
  },
  {
    name: 'create a custom role carrying approval.admin',
    method: 'POST',
    path: () => '/api/v1/roles',
    body: (ids: { unique: string }) => ({ name: `flows-${ids.unique}`, permissions: ['approval.admin'] }),
    allowed: ['super-admin'],
  },
  {
    name: 'grant the super-admin role',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.freshMemberId}/grants`,
    body: (ids: { superRoleId: string }) => ({ roleId: ids.superRoleId }),
    allowed: ['super-admin'],
    prepare: freshMember,
  },
  {
    name: 'revoke a grant',
    method: 'DELETE',
    path: (ids) => `/api/v1/members/${ids.freshMemberId}/grants/${ids.freshGrantId}`,
    allowed: ADMINS,
    prepare: async (ctx) => {
      const { freshMemberId } = await freshMember(ctx);
      return { freshMemberId, freshGrantId: (await grant(ctx.admin, freshMemberId, ctx.ids.senderRoleId)).id };
    },
  },
]);
