import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { FIELD_ERROR_CODES } from './problem.js';

type FieldError = { path: string; code: string; message: string };
const errorsOf = async (res: Response): Promise<Record<string, FieldError>> => {
  const p = await body(res);
  assert.ok(Array.isArray(p.errors), JSON.stringify(p));
  for (const e of p.errors as FieldError[]) {
    assert.ok((FIELD_ERROR_CODES as readonly string[]).includes(e.code), `${e.code} is a documented code`);
    assert.equal(typeof e.message, 'string');
  }
  return Object.fromEntries((p.errors as FieldError[]).map((e) => [e.path, e]));
};

describe('field errors carry a stable code', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let app: ReturnType<typeof createApp>;
  let admin: Browser;
  let hq: string;
  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    admin = await adminBrowser(app, deps.db);
    hq = (
      await body(await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }))
    ).id;
  });
  after(() => deps.cleanup());

  test('request validation: required, too-short, too-long, invalid-type, invalid-value, invalid-format, \
too-small', async () => {
    const signIn = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 42 }),
    });
    const s = await errorsOf(signIn);
    assert.equal(s.password?.code, 'required', 'missing');
    assert.equal(s.login?.code, 'invalid-type', 'present but of the wrong type');

    const res = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'x'.repeat(40), name: '   ', departmentId: hq, locale: 'not a tag!' },
    });
    assert.equal(res.status, 400);
    const e = await errorsOf(res);
    assert.equal(e.employeeNo?.code, 'too-long');
    assert.equal(e.name?.code, 'required', 'blank after trimming');
    assert.equal(e.locale?.code, 'invalid-format');
    assert.ok(e.employeeNo!.message.length > 0, "zod's message is kept");

    const query = await errorsOf(await admin.request('/api/v1/members?status=gone&limit=0'));
    assert.equal(query.status?.code, 'invalid-value');
    assert.equal(query.limit?.code, 'too-small');

    const role = await errorsOf(
      await admin.request('/api/v1/roles', { method: 'POST', json: { name: 'r', permissions: ['no.such'] } }),
    );
    assert.equal(Object.values(role)[0]!.code, 'invalid-value');
  });

  test('services use the same codes: duplicate, invalid-email, invalid-phone, invalid-format, unknown-*', async () => {
    const ok = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'E1', name: '张三', departmentId: hq, email: 'zs@example.com' },
    });
    assert.equal(ok.status, 201);
    const dup = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'e1', name: '李四', departmentId: hq },
    });
    assert.equal(dup.status, 409);
    assert.equal((await errorsOf(dup)).employeeNo?.code, 'duplicate');
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/members', {
            method: 'POST',
            json: { employeeNo: 'E2', name: '李四', departmentId: hq, email: 'nope' },
          }),
        )
      ).email?.code,
      'invalid-email',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/members', {
            method: 'POST',
            json: { employeeNo: 'E2', name: '李四', departmentId: hq, phone: '123' },
          }),
        )
      ).phone?.code,
      'invalid-phone',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/members', {
            method: 'POST',
            json: { employeeNo: 'E 2', name: '李四', departmentId: hq },
          }),
        )
      ).employeeNo?.code,
      'invalid-format',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/members', {
            method: 'POST',
            json: { employeeNo: 'E2', name: '李四', departmentId: 'nowhere' },
          }),
        )
      ).departmentId?.code,
      'unknown-department',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/departments', { method: 'POST', json: { name: '总部', parentId: null } }),
        )
      ).name?.code,
      'duplicate',
    );
    assert.equal(
      (
        await errorsOf(
          await admin
            .request('/api/v1/positions', { method: 'POST', json: { name: 'P', level: 1 } })
            .then(() => admin.request('/api/v1/positions', { method: 'POST', json: { name: 'p', level: 2 } })),
        )
      ).name?.code,
      'duplicate',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/groups', {
            method: 'POST',
            json: { name: 'g', entries: [{ kind: 'member', targetId: 'nobody' }] },
          }),
        )
      )['entries.0.targetId']?.code,
      'unknown-member',
    );
    assert.equal(
      (
        await errorsOf(
          await admin.request('/api/v1/contacts', {
            method: 'POST',
            json: { kind: 'customer', name: '陈', email: 'bad' },
          }),
        )
      ).email?.code,
      'invalid-email',
    );
  });
});
