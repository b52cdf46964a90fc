import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { testDeps } from './deps.js';
import { adminBrowser } from './admin.js';
import { body, type Browser } from './http.js';
import {
  grant,
  MATRIX_ROLES,
  memberBrowser,
  resolveBody,
  type MatrixCase,
  type MatrixIds,
  type RoleName,
} from './matrix.js';
import { cases as orgCases } from '../modules/org/matrix.cases.js';
import { cases as authCases } from '../modules/auth/matrix.cases.js';
import { cases as auditCases } from '../modules/audit/matrix.cases.js';

/**
 * Other modules' cases (`export const cases: MatrixCase[]`), a file each; each a literal import, so that the test's
 * bundle (test-bundled.mjs) carries them.
 */
const MODULE_CASE_FILES: Array<[string, () => Promise<{ cases?: MatrixCase[] }>]> = [
  ['../modules/imports/matrix.cases.ts', () => import('../modules/imports/matrix.cases.js')],
  ['../modules/contacts/matrix.cases.ts', () => import('../modules/contacts/matrix.cases.js')],
  ['../modules/groups/matrix.cases.ts', () => import('../modules/groups/matrix.cases.js')],
  ['../modules/messages/matrix.cases.ts', () => import('../modules/messages/matrix.cases.js')],
  ['../modules/attachments/matrix.cases.ts', () => import('../modules/attachments/matrix.cases.js')],
  ['../modules/mailbox/matrix.cases.ts', () => import('../modules/mailbox/matrix.cases.js')],
  ['../modules/mailbox/batch.matrix.cases.ts', () => import('../modules/mailbox/batch.matrix.cases.js')],
  ['../modules/tags/matrix.cases.ts', () => import('../modules/tags/matrix.cases.js')],
  ['../modules/messages/sender.matrix.cases.ts', () => import('../modules/messages/sender.matrix.cases.js')],
  ['../modules/approvals/matrix.cases.ts', () => import('../modules/approvals/matrix.cases.js')],
  ['../modules/notify/matrix.cases.ts', () => import('../modules/notify/matrix.cases.js')],
  ['../modules/apps/matrix.cases.ts', () => import('../modules/apps/matrix.cases.js')],
  ['../modules/reach/matrix.cases.ts', () => import('../modules/reach/matrix.cases.js')],
  ['../modules/templates/matrix.cases.ts', () => import('../modules/templates/matrix.cases.js')],
  ['../modules/contacts/notes.matrix.cases.ts', () => import('../modules/contacts/notes.matrix.cases.js')],
  // issue 20: /me/notifications, /me/profile
  ['../modules/profile/matrix.cases.ts', () => import('../modules/profile/matrix.cases.js')],
  ['../modules/retention/matrix.cases.ts', () => import('../modules/retention/matrix.cases.js')],
  // issue 20 #1: scheduled send
  ['../modules/messages/schedule.matrix.cases.ts', () => import('../modules/messages/schedule.matrix.cases.js')],
  // issue 20 #4
  ['../modules/messages/forward.matrix.cases.ts', () => import('../modules/messages/forward.matrix.cases.js')],
  ['../modules/knowledge/matrix.cases.ts', () => import('../modules/knowledge/matrix.cases.js')], // issue 19 #7
  // issue 19 item 4: a message's contact links
  ['../modules/links/matrix.cases.ts', () => import('../modules/links/matrix.cases.js')],
  // issue 19 #5: customer-opened conversations
  ['../modules/conversations/matrix.cases.ts', () => import('../modules/conversations/matrix.cases.js')],
];

async function moduleCases(): Promise<Array<{ file: string; cases: MatrixCase[] }>> {
  const found = [];
  for (const [file, load] of MODULE_CASE_FILES) {
    const mod = await load();
    assert.ok(Array.isArray(mod.cases), `${file} must export "cases"`);
    found.push({ file, cases: mod.cases });
  }
  return found;
}

const extraCases = await moduleCases();
/**
 * OpenAPI tags whose every route must have a case (uploads are covered by their own tests: `POST /imports`, `POST
 * /attachments`).
 */
const COVERED_TAGS = [
  'organisation',
  'roles and grants',
  'audit',
  'messages',
  'mailbox',
  'settings',
  'attachments',
  'tags',
  'approvals',
  'notifications',
  'embed apps and API keys',
  'reach',
  'templates',
  'knowledge', // issue 19 #7
  'conversations',
];
const UPLOADS = ['POST /api/v1/attachments'];
const ALL_CASES: Array<{ file: string; cases: MatrixCase[] }> = [
  { file: 'org', cases: orgCases },
  { file: 'auth', cases: authCases },
  { file: 'audit', cases: auditCases },
  ...extraCases,
];

describe('permission matrix: every route as every role (R4)', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let ids: Omit<MatrixIds, 'unique'>;
  const callers = new Map<RoleName, Browser>();
  let counter = 0;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    callers.set('super-admin', admin);
    const post = async (path: string, json: unknown) => {
      const res = await admin.request(`/api/v1${path}`, { method: 'POST', json });
      assert.equal(res.status, 201, `${path}: ${await res.clone().text()}`);
      return (await body(res)).id as string;
    };
    const rootId = await post('/departments', { name: '总部', parentId: null });
    const inDeptId = await post('/departments', { name: '技术部', parentId: rootId });
    const inSubDeptId = await post('/departments', { name: '前端组', parentId: inDeptId });
    const outDeptId = await post('/departments', { name: '市场部', parentId: rootId });
    const positionId = await post('/positions', { name: '经理', level: 3 });
    const inMemberId = await post('/members', {
      employeeNo: 'IN1',
      name: '李四',
      departmentId: inSubDeptId,
      positionId,
    });
    const outMemberId = await post('/members', { employeeNo: 'OUT1', name: 'Alice Chen', departmentId: outDeptId });
    const customRoleId = await post('/roles', { name: 'Reader', permissions: ['data.view'] });
    const { items: roles } = await body<{ items: Array<{ id: string; builtinKey: string | null }> }>(
      await admin.request('/api/v1/roles'),
    );
    const roleId = (key: string) => roles.find((r) => r.builtinKey === key)!.id;
    const [entry] = (await body(await admin.request('/api/v1/audit?limit=1'))).items;
    ids = {
      rootId,
      inDeptId,
      inSubDeptId,
      outDeptId,
      inMemberId,
      outMemberId,
      positionId,
      customRoleId,
      senderRoleId: roleId('sender'),
      superRoleId: roleId('super-admin'),
      auditId: entry.id,
    };

    // One member per role, created and granted through the API, placed at the root where no scoped admin reaches.
    const grants: Array<[RoleName, string | null, string?]> = [
      ['org-admin', 'org-admin'],
      ['department-admin', 'department-admin', inDeptId],
      ['department-admin-out', 'department-admin', outDeptId],
      ['sender', 'sender'],
      ['external-sender', 'external-sender'],
      ['auditor', 'auditor'],
      ['member', null],
    ];
    for (const [name, key, departmentId] of grants) {
      const { browser, id } = await memberBrowser(app, admin, {
        employeeNo: `role-${name}`,
        name: `As ${name}`,
        departmentId: rootId,
      });
      if (key) await grant(admin, id, roleId(key), departmentId);
      callers.set(name, browser);
    }
  });
  after(() => deps.cleanup());

  for (const { file, cases } of ALL_CASES) {
    for (const c of cases) {
      test(`${file}: ${c.name} (${c.method}) — allowed: ${c.allowed.join(', ')}`, async () => {
        const outcome: string[] = [];
        for (const role of MATRIX_ROLES) {
          const run: MatrixIds = { ...ids, unique: `${++counter}x${Date.now() % 100000}` } as MatrixIds;
          if (c.prepare) Object.assign(run, await c.prepare({ app, admin, ids: run }));
          const json = resolveBody(c, run);
          const res = await callers
            .get(role)!
            .request(c.path(run), { method: c.method, ...(json === undefined ? {} : { json }) });
          await res.arrayBuffer();
          const allowed = c.allowed.includes(role);
          const ok = allowed ? res.status >= 200 && res.status < 300 : res.status === 403 || res.status === 404;
          if (!ok) outcome.push(`${role}: ${res.status} (expected ${allowed ? '2xx' : '403/404'})`);
        }
        assert.deepEqual(outcome, [], outcome.join('; '));
      });
    }
  }

  test('every organisation, roles, audit, messaging and attachment route has at least one matrix case', async () => {
    const doc = await body(await app.request('/api/v1/openapi.json'));
    const covered = ALL_CASES.flatMap(({ cases }) => cases);
    const concrete = covered.map(
      (c) => `${c.method.toUpperCase()} ${c.path({ ...ids, unique: 'u' } as MatrixIds).split('?')[0]}`,
    );
    const missing: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.tags?.some((t) => COVERED_TAGS.includes(t))) continue;
        const pattern = new RegExp(`^${method.toUpperCase()} ${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (UPLOADS.includes(`${method.toUpperCase()} ${template}`)) continue;
        if (!concrete.some((k) => pattern.test(k))) missing.push(`${method.toUpperCase()} ${template}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
