import assert from 'node:assert/strict';
import { ADMINS, defineCases, type MatrixContext } from '../../testing/matrix.js';

/**
 * R3 import routes by role. A batch belongs to its creator (here the super admin, in `prepare`) and org admins;
 * everyone else gets 404. `POST /imports` itself takes a raw file, which the matrix runner (JSON bodies only)
 * cannot send: its permissions are tested in imports.test.ts (department admin allowed in scope, sender 403).
 */
const newBatch = async ({ admin, ids }: MatrixContext) => {
  const csv = `工号,姓名,部门\nMX${ids.unique},矩阵测试,总部\n`;
  const res = await admin.request('/api/v1/imports?kind=members&fileName=matrix.csv', {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { importId: ((await res.json()) as { id: string }).id };
};

export const cases = defineCases([
  {
    name: 'member import template',
    method: 'GET',
    path: () => '/api/v1/imports/template?kind=members',
    allowed: ['super-admin', 'org-admin', 'department-admin', 'department-admin-out'],
  },
  {
    name: 'contact import template',
    method: 'GET',
    path: () => '/api/v1/imports/template?kind=contacts',
    allowed: ['super-admin', 'org-admin', 'external-sender'],
  },
  {
    name: 'read an import batch',
    method: 'GET',
    path: (ids) => `/api/v1/imports/${ids.importId}`,
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: "list an import's rows",
    method: 'GET',
    path: (ids) => `/api/v1/imports/${ids.importId}/rows`,
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: 'correct an import row',
    method: 'PATCH',
    path: (ids) => `/api/v1/imports/${ids.importId}/rows/2`,
    body: (ids: Record<string, string>) => ({
      data: { employeeNo: `MY${ids.unique}`, name: '改', department: '总部' },
    }),
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: "switch an import's mode",
    method: 'PATCH',
    path: (ids) => `/api/v1/imports/${ids.importId}`,
    body: { mode: 'upsert' },
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: 'commit an import',
    method: 'POST',
    path: (ids) => `/api/v1/imports/${ids.importId}/commit`,
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: 'discard an import',
    method: 'DELETE',
    path: (ids) => `/api/v1/imports/${ids.importId}`,
    allowed: ADMINS,
    prepare: newBatch,
  },
  {
    name: 'download an import report',
    method: 'GET',
    path: (ids) => `/api/v1/imports/${ids.importId}/report`,
    allowed: ADMINS,
    prepare: newBatch,
  },
]);
