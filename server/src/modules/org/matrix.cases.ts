import { body } from '../../testing/http.js';
import { ADMINS, ALL, IN_SCOPE, defineCases, type MatrixContext, type RoleName } from '../../testing/matrix.js';

const OUT_SCOPE: RoleName[] = ['super-admin', 'org-admin', 'department-admin-out'];
const MEMBER_READERS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'department-admin-out', 'auditor'];

/** A throw-away department under `parentId`, made by the super admin. */
const freshDepartment =
  (parentKey: 'inDeptId' | 'outDeptId') =>
  async ({ admin, ids }: MatrixContext) => {
    const res = await admin.request('/api/v1/departments', {
      method: 'POST',
      json: { name: `tmp-${ids.unique}`, parentId: ids[parentKey] },
    });
    return { freshDeptId: (await body(res)).id as string };
  };

export const cases = defineCases([
  { name: 'list departments', method: 'GET', path: () => '/api/v1/departments', allowed: ALL },
  {
    name: 'create a top-level department',
    method: 'POST',
    path: () => '/api/v1/departments',
    body: (ids: { unique: string }) => ({ name: `top-${ids.unique}`, parentId: null }),
    allowed: ADMINS,
  },
  {
    name: 'create a department in scope',
    method: 'POST',
    path: () => '/api/v1/departments',
    body: (ids: { unique: string; inDeptId: string }) => ({
      name: `in-${ids.unique}`,
      parentId: ids.inDeptId,
      index: 0,
    }),
    allowed: IN_SCOPE,
  },
  {
    name: 'create a department out of scope',
    method: 'POST',
    path: () => '/api/v1/departments',
    body: (ids: { unique: string; outDeptId: string }) => ({ name: `out-${ids.unique}`, parentId: ids.outDeptId }),
    allowed: OUT_SCOPE,
  },
  {
    name: 'rename a department inside the subtree',
    method: 'PATCH',
    path: (ids) => `/api/v1/departments/${ids.inSubDeptId}`,
    body: (ids: { unique: string }) => ({ name: `前端组-${ids.unique}` }),
    allowed: IN_SCOPE,
  },
  {
    name: "rename the root of the subtree (needs the parent's scope)",
    method: 'PATCH',
    path: (ids) => `/api/v1/departments/${ids.inDeptId}`,
    body: (ids: { unique: string }) => ({ name: `技术部-${ids.unique}` }),
    allowed: ADMINS,
  },
  {
    name: 'set the head of a department out of scope',
    method: 'PATCH',
    path: (ids) => `/api/v1/departments/${ids.outDeptId}`,
    body: (ids: { outMemberId: string }) => ({ headMemberId: ids.outMemberId }),
    allowed: ADMINS,
  },
  {
    name: 'move and reorder a department inside the subtree',
    method: 'PATCH',
    path: (ids) => `/api/v1/departments/${ids.freshDeptId}`,
    body: (ids: { inSubDeptId: string }) => ({ parentId: ids.inSubDeptId, index: 0 }),
    allowed: IN_SCOPE,
    prepare: freshDepartment('inDeptId'),
  },
  {
    name: 'move a department out of the subtree',
    method: 'PATCH',
    path: (ids) => `/api/v1/departments/${ids.freshDeptId}`,
    body: (ids: { outDeptId: string }) => ({ parentId: ids.outDeptId }),
    allowed: ADMINS,
    prepare: freshDepartment('inDeptId'),
  },
  {
    name: 'delete a department in scope',
    method: 'DELETE',
    path: (ids) => `/api/v1/departments/${ids.freshDeptId}`,
    allowed: IN_SCOPE,
    prepare: freshDepartment('inDeptId'),
  },
  {
    name: 'delete a department out of scope',
    method: 'DELETE',
    path: (ids) => `/api/v1/departments/${ids.freshDeptId}`,
    allowed: OUT_SCOPE,
    prepare: freshDepartment('outDeptId'),
  },

  { name: 'list positions', method: 'GET', path: () => '/api/v1/positions', allowed: ALL },
  {
    name: 'create a position',
    method: 'POST',
    path: () => '/api/v1/positions',
    body: (ids: { unique: string }) => ({ name: `pos-${ids.unique}`, level: 2 }),
    allowed: ADMINS,
  },
  {
    name: 'change a position',
    method: 'PATCH',
    path: (ids) => `/api/v1/positions/${ids.positionId}`,
    body: { level: 4 },
    allowed: ADMINS,
  },
  {
    name: 'delete a position',
    method: 'DELETE',
    path: (ids) => `/api/v1/positions/${ids.freshPositionId}`,
    allowed: ADMINS,
    prepare: async ({ admin, ids }) => ({
      freshPositionId: (
        await body(
          await admin.request('/api/v1/positions', { method: 'POST', json: { name: `tmp-${ids.unique}`, level: 0 } }),
        )
      ).id,
    }),
  },

  { name: 'list members', method: 'GET', path: () => '/api/v1/members?q=e&limit=5', allowed: MEMBER_READERS },
  {
    name: 'see a member in the subtree',
    method: 'GET',
    path: (ids) => `/api/v1/members/${ids.inMemberId}`,
    allowed: ['super-admin', 'org-admin', 'department-admin', 'auditor'],
  },
  {
    name: 'see a member outside the subtree',
    method: 'GET',
    path: (ids) => `/api/v1/members/${ids.outMemberId}`,
    allowed: ['super-admin', 'org-admin', 'department-admin-out', 'auditor'],
  },
  {
    name: 'create a member in the subtree',
    method: 'POST',
    path: () => '/api/v1/members',
    body: (ids: { unique: string; inSubDeptId: string }) => ({
      employeeNo: `N${ids.unique}`,
      name: '新人',
      departmentId: ids.inSubDeptId,
    }),
    allowed: IN_SCOPE,
  },
  {
    name: 'create a member outside the subtree',
    method: 'POST',
    path: () => '/api/v1/members',
    body: (ids: { unique: string; outDeptId: string }) => ({
      employeeNo: `O${ids.unique}`,
      name: '新人',
      departmentId: ids.outDeptId,
    }),
    allowed: OUT_SCOPE,
  },
  {
    name: 'edit a member in the subtree',
    method: 'PATCH',
    path: (ids) => `/api/v1/members/${ids.inMemberId}`,
    body: { phone: '13800138000' },
    allowed: IN_SCOPE,
  },
  {
    name: 'edit a member outside the subtree',
    method: 'PATCH',
    path: (ids) => `/api/v1/members/${ids.outMemberId}`,
    body: { locale: 'en' },
    allowed: OUT_SCOPE,
  },
  {
    name: 'reset the password of a member in the subtree',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.inMemberId}/password`,
    allowed: IN_SCOPE,
  },
  {
    name: 'reset the password of a member outside the subtree',
    method: 'POST',
    path: (ids) => `/api/v1/members/${ids.outMemberId}/password`,
    allowed: OUT_SCOPE,
  },
]);
