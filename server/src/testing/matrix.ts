import assert from 'node:assert/strict';
import type { createApp } from '../app.js';
import { Browser, body } from './http.js';

type App = ReturnType<typeof createApp>;

/**
 * The callers every matrix case runs as. `department-admin` holds the built-in department-admin role scoped
 * to 技术部 (where the fixture's "in scope" things live); `department-admin-out` holds it scoped to 市场部.
 */
export const MATRIX_ROLES = [
  'super-admin',
  'org-admin',
  'department-admin',
  'department-admin-out',
  'sender',
  'external-sender',
  'auditor',
  'member',
] as const;
export type RoleName = (typeof MATRIX_ROLES)[number];

/**
 * Ids of the fixture organisation, plus `unique` (a fresh string for each run, for names and employee numbers)
 * and whatever a case's `prepare` returned.
 *
 * Fixture: 总部 (`rootId`) › 技术部 (`inDeptId`, the in-scope admin's root) › 前端组 (`inSubDeptId`);
 * 总部 › 市场部 (`outDeptId`). Members `inMemberId` (in 前端组) and `outMemberId` (in 市场部), the position
 * `positionId`, the custom role `customRoleId`, the built-in `senderRoleId` and `superRoleId`, an audit entry
 * `auditId`.
 */
export type MatrixIds = {
  rootId: string;
  inDeptId: string;
  inSubDeptId: string;
  outDeptId: string;
  inMemberId: string;
  outMemberId: string;
  positionId: string;
  customRoleId: string;
  senderRoleId: string;
  superRoleId: string;
  auditId: string;
  unique: string;
  [key: string]: string;
};

/** What `prepare` gets: the super admin's browser (to create throw-away things) and the fixture ids. */
export type MatrixContext = { app: App; admin: Browser; ids: MatrixIds };

export type MatrixCase = {
  name: string;
  method: string;
  path: (ids: MatrixIds) => string;
  /** A JSON body, or a function of the ids for bodies that must be unique per run. */
  body?: unknown;
  /** Roles that get a 2xx; every other role must get 403 or 404. */
  allowed: RoleName[];
  /**
   * Runs (as the super admin) before each role's attempt: for cases that consume what they act on (a delete),
   * create a fresh one and return its id under a new key.
   */
  prepare?: (ctx: MatrixContext) => Promise<Record<string, string>>;
};

/** Every role; and the usual groups of allowed roles. */
export const ALL: RoleName[] = [...MATRIX_ROLES];
export const ADMINS: RoleName[] = ['super-admin', 'org-admin'];
/** Org admins and the department admin whose subtree holds the thing. */
export const IN_SCOPE: RoleName[] = ['super-admin', 'org-admin', 'department-admin'];
/** Organisation-wide data.view. */
export const VIEWERS: RoleName[] = ['super-admin', 'org-admin', 'auditor'];

/** The registry: each module adds its cases in its own `matrix.cases.ts` (`export const cases: MatrixCase[]`). */
export const defineCases = (cases: MatrixCase[]): MatrixCase[] => cases;

export const resolveBody = (c: MatrixCase, ids: MatrixIds): unknown =>
  typeof c.body === 'function' ? (c.body as (ids: MatrixIds) => unknown)(ids) : c.body;

/** The password every `memberBrowser` member chooses at its first sign-in. */
export const MEMBER_PASSWORD = 'Quiet-harbour-7301';

/**
 * A member created through the API (as `admin`), signed in and past the forced first password change: a
 * browser acting as that member.
 */
export async function memberBrowser(
  app: App,
  admin: Browser,
  draft: { employeeNo: string; name: string; departmentId: string },
): Promise<{ browser: Browser; id: string }> {
  const res = await admin.request('/api/v1/members', { method: 'POST', json: draft });
  assert.equal(res.status, 201, `create ${draft.employeeNo}: ${await res.clone().text()}`);
  const created = await body<{ id: string; initialPassword: string }>(res);
  const browser = new Browser(app, `198.18.0.${Math.floor(Math.random() * 250) + 1}`);
  assert.equal((await browser.signIn(draft.employeeNo, created.initialPassword)).status, 200);
  const changed = await browser.request('/api/v1/auth/password', {
    method: 'POST',
    json: { currentPassword: created.initialPassword, newPassword: MEMBER_PASSWORD },
  });
  assert.equal(changed.status, 200, await changed.clone().text());
  return { browser, id: created.id };
}

export async function grant(admin: Browser, memberId: string, roleId: string, departmentId?: string) {
  const res = await admin.request(`/api/v1/members/${memberId}/grants`, {
    method: 'POST',
    json: { roleId, ...(departmentId ? { departmentId } : {}) },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return body<{ id: string }>(res);
}
