import assert from 'node:assert/strict';
import { ALL, defineCases, type MatrixContext, type MatrixIds, type RoleName } from '../../testing/matrix.js';
import { body } from '../../testing/http.js';

/** Organisation tags: `message.manage` in any scope (both department admins) or `org.admin`. */
const TAG_ADMINS: RoleName[] = ['super-admin', 'org-admin', 'department-admin', 'department-admin-out'];

const newTag =
  (scope: 'organisation' | 'personal') =>
  async ({ admin, ids }: MatrixContext) => {
    const res = await admin.request('/api/v1/tags', {
      method: 'POST',
      json: { scope, name: `矩阵${scope}${ids.unique}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return { tagId: (await body(res)).id as string };
  };

export const cases = defineCases([
  { name: 'list tags with counts', method: 'GET', path: () => '/api/v1/tags', allowed: ALL },
  {
    name: 'create a personal tag',
    method: 'POST',
    path: () => '/api/v1/tags',
    body: (ids: MatrixIds) => ({ scope: 'personal', name: `我的${ids.unique}` }),
    allowed: ALL,
  },
  {
    name: 'create an organisation tag',
    method: 'POST',
    path: () => '/api/v1/tags',
    body: (ids: MatrixIds) => ({ scope: 'organisation', name: `组织${ids.unique}`, color: 'teal' }),
    allowed: TAG_ADMINS,
  },
  {
    name: 'rename an organisation tag',
    method: 'PATCH',
    path: (ids) => `/api/v1/tags/${ids.tagId}`,
    body: (ids: MatrixIds) => ({ name: `改${ids.unique}` }),
    prepare: newTag('organisation'),
    allowed: TAG_ADMINS,
  },
  {
    name: 'delete an organisation tag',
    method: 'DELETE',
    path: (ids) => `/api/v1/tags/${ids.tagId}`,
    prepare: newTag('organisation'),
    allowed: TAG_ADMINS,
  },
  {
    name: "rename the super admin's personal tag",
    method: 'PATCH',
    path: (ids) => `/api/v1/tags/${ids.tagId}`,
    body: { color: 'red' },
    prepare: newTag('personal'),
    allowed: ['super-admin'],
  },
  {
    name: "delete the super admin's personal tag",
    method: 'DELETE',
    path: (ids) => `/api/v1/tags/${ids.tagId}`,
    prepare: newTag('personal'),
    allowed: ['super-admin'],
  },
]);
