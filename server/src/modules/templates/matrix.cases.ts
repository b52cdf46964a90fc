import assert from 'node:assert/strict';
import { ADMINS, ALL, defineCases, IN_SCOPE, type MatrixContext } from '../../testing/matrix.js';

const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '{{name}}您好' }] }] };
const fields = { kind: 'internal', subject: '周会通知', body };

/** A template saved by the super admin: its own (personal) or the organisation's, maybe limited to 技术部. */
const saved =
  (scope: 'personal' | 'organisation', limited = false) =>
  async ({ admin, ids }: MatrixContext) => {
    const res = await admin.request('/api/v1/templates', {
      method: 'POST',
      json: { ...fields, scope, name: `模板${ids.unique}`, ...(limited ? { departmentIds: [ids.inDeptId] } : {}) },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return { templateId: ((await res.json()) as { id: string }).id };
  };

/**
 * Issue 19: every member keeps personal templates; organisation ones need `message.manage` over their reach; a limited
 * one is seen by its departments' members (the matrix's callers sit at the root, outside 技术部) and its managers.
 */
export const cases = defineCases([
  { name: 'list templates', method: 'GET', path: () => '/api/v1/templates?q=zhhtz', allowed: ALL },
  {
    name: 'save a personal template',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: (ids: Record<string, string>) => ({ ...fields, scope: 'personal', name: `我的${ids.unique}` }),
    allowed: ALL,
  },
  {
    name: 'save an organisation template for everyone',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: (ids: Record<string, string>) => ({ ...fields, scope: 'organisation', name: `全员${ids.unique}` }),
    allowed: ADMINS,
  },
  {
    name: 'save an organisation template limited to 技术部',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: (ids: Record<string, string>) => ({
      ...fields,
      scope: 'organisation',
      name: `技术部${ids.unique}`,
      departmentIds: [ids.inDeptId],
    }),
    allowed: IN_SCOPE,
  },
  {
    name: "read someone else's personal template",
    method: 'GET',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    allowed: ['super-admin'],
    prepare: saved('personal'),
  },
  {
    name: 'read an organisation template for everyone',
    method: 'GET',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    allowed: ALL,
    prepare: saved('organisation'),
  },
  {
    name: 'read an organisation template limited to 技术部',
    method: 'GET',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    allowed: IN_SCOPE,
    prepare: saved('organisation', true),
  },
  {
    name: 'edit an organisation template limited to 技术部',
    method: 'PATCH',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    body: { priority: 'high' },
    allowed: IN_SCOPE,
    prepare: saved('organisation', true),
  },
  {
    name: 'delete an organisation template for everyone',
    method: 'DELETE',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    allowed: ADMINS,
    prepare: saved('organisation'),
  },
  {
    name: "delete someone else's personal template",
    method: 'DELETE',
    path: (ids) => `/api/v1/templates/${ids.templateId}`,
    allowed: ['super-admin'],
    prepare: saved('personal'),
  },
]);
