// Issue 22: hostile JSON input — unknown fields, control characters, Unicode forms — is refused or normalised at the
// edge.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { adminBrowser } from '../testing/admin.js';
import { demoApp, textDoc } from '../testing/demo.js';
import { testDeps } from '../testing/deps.js';
import { pgOnly } from '../testing/engine-only.js';
import { captureLog } from '../testing/log-capture.js';
import { body, type Browser } from '../testing/http.js';

type FieldError = { path: string; code: string };
const errorsOf = async (res: Response) => ((await body(res)).errors ?? []) as FieldError[];

describe('issue 22: JSON bodies are strict and their text is normalised once', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let admin: Browser;
  let tech: string;
  before(async () => {
    demo = await demoApp();
    admin = demo.admin;
    const depts = (await body(await admin.request('/api/v1/departments'))).items as Array<{ id: string; name: string }>;
    tech = depts.find((d) => d.name === '技术部')!.id;
  });
  after(() => demo.deps.cleanup());

  const refusesField = async (res: Response, path: string) => {
    assert.equal(res.status, 400, `${path}: ${res.status}`);
    assert.deepEqual(
      (await errorsOf(res)).map((e) => [e.path, e.code]),
      [[path, 'unknown-field']],
    );
  };

  test('issue 22: an unknown field is refused on every kind of route, nested objects included', async () => {
    await refusesField(
      await admin.request('/api/v1/contacts', {
        method: 'POST',
        json: { kind: 'customer', name: '陈', isAdmin: true },
      }),
      'isAdmin',
    );
    await refusesField(
      await admin.request('/api/v1/groups', {
        method: 'POST',
        json: { name: 'g', entries: [{ kind: 'department', targetId: tech, sneaky: 1 }] },
      }),
      'entries.0.sneaky',
    );
    await refusesField(
      await admin.request('/api/v1/imports/nope', { method: 'PATCH', json: { mode: 'add', force: true } }),
      'force',
    );
    await refusesField(
      await admin.request('/api/v1/drafts', { method: 'POST', json: { data: { any: 'thing' }, ownerId: 'x' } }),
      'ownerId',
    );
    await refusesField(
      await admin.request('/api/v1/departments', {
        method: 'POST',
        json: { name: 'X', parentId: null, __proto__x: 1 },
      }),
      '__proto__x',
    );
    const proto = await admin.request('/api/v1/positions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"P1","level":1,"__proto__":{"admin":true}}',
    });
    await refusesField(proto, '__proto__');
    // a draft's data is free-form: its own keys are not fields of the route
    assert.equal(
      (await admin.request('/api/v1/drafts', { method: 'POST', json: { data: { anything: { goes: true } } } })).status,
      201,
    );
  });

  test('issue 22: NUL and other control characters are refused, not cut after the checks passed', async () => {
    const nul = await admin.request('/api/v1/members', {
      method: 'POST',
      json: { employeeNo: 'E9001', name: '王五', departmentId: tech, email: 'zhangsan@example.com\u0000x' },
    });
    assert.equal(nul.status, 400);
    assert.deepEqual(
      (await errorsOf(nul)).map((e) => [e.path, e.code]),
      [['email', 'invalid-format']],
    );
    const dept = await admin.request('/api/v1/departments', {
      method: 'POST',
      json: {
        name: '技术部\u0000二',
        parentId: (await body(await admin.request(`/api/v1/departments`))).items.find(
          (d: { id: string }) => d.id === tech,
        ).parentId,
      },
    });
    assert.equal(dept.status, 400);
    const role = await admin.request('/api/v1/roles', {
      method: 'POST',
      json: { name: 'Super admin\u0000', permissions: [] },
    });
    assert.equal(role.status, 400);
    const twoLines = await admin.request('/api/v1/roles', {
      method: 'POST',
      json: { name: 'Super\nadmin', permissions: [] },
    });
    assert.equal(twoLines.status, 400, 'a name is one line: "Super\\nadmin" would read as "Super admin"');
    for (const bad of ['a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\ud800b']) {
      const res = await admin.request('/api/v1/positions', { method: 'POST', json: { name: bad, level: 3 } });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal((await errorsOf(res))[0]?.code, 'invalid-format');
    }
    const sent = await admin.request('/api/v1/messages', {
      method: 'POST',
      headers: { 'idempotency-key': 'nul-subject' },
      json: {
        kind: 'internal',
        subject: '通知\u0000后半',
        body: textDoc('x'),
        audience: [{ kind: 'department', targetId: tech }],
      },
    });
    assert.equal(sent.status, 400);
    assert.equal((await errorsOf(sent))[0]?.path, 'subject');
    const members = (await body(await admin.request('/api/v1/members?q=zhangsan%40example.com'))).items as unknown[];
    assert.equal(members.length, 1, 'no second member holds that e-mail');
  });

  test('issue 22: text is NFC-normalised before uniqueness checks and storage', async () => {
    const composed = await admin.request('/api/v1/positions', {
      method: 'POST',
      json: { name: 'Caf\u00e9 lead', level: 4 },
    });
    assert.equal(composed.status, 201);
    const decomposed = await admin.request('/api/v1/positions', {
      method: 'POST',
      json: { name: 'Cafe\u0301 lead', level: 5 },
    });
    assert.equal(decomposed.status, 409, 'the decomposed spelling is the same name');
    const made = await admin.request('/api/v1/contacts', {
      method: 'POST',
      json: { kind: 'partner', name: 'Rene\u0301e', tags: ['Re\u0301sume\u0301'] },
    });
    assert.equal(made.status, 201);
    const contact = await body(made);
    assert.equal(contact.name, 'Ren\u00e9e');
    assert.deepEqual(contact.tags, ['R\u00e9sum\u00e9']);
    // tabs and line breaks stay where text allows them; CR LF becomes LF
    const draft = await body(
      await admin.request('/api/v1/drafts', { method: 'POST', json: { data: { note: 'a\r\nb\tc' } } }),
    );
    assert.equal(draft.data.note, 'a\nb\tc');
  });
});

describe('issue 22: query parameters follow the same text rule', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  before(async () => {
    demo = await demoApp();
  });
  after(() => demo.deps.cleanup());

  test('issue 22: a control character in a query value is refused, naming the parameter', async () => {
    for (const path of [
      '/api/v1/members?q=%00zhangsan',
      '/api/v1/contacts?q=a%1Bb',
      '/api/v1/imports?kind=contacts&fileName=a%00.csv',
    ]) {
      const res = await demo.admin.request(
        path,
        path.startsWith('/api/v1/imports')
          ? { method: 'POST', body: 'kind,name\ncustomer,x\n', headers: { 'content-type': 'text/csv' } }
          : {},
      );
      assert.equal(res.status, 400, path);
      const [error] = await errorsOf(res);
      assert.equal(error?.code, 'invalid-format', path);
    }
    assert.equal((await demo.admin.request('/api/v1/members?q=%E5%BC%A0')).status, 200, 'ordinary text passes');
  });
});

describe('issue 18: text PostgreSQL cannot store', pgOnly('the embedded engine stores a NUL'), () => {
  test('a NUL in a path id is 400, logged at warn with the request id and without the text', async () => {
    const deps = await testDeps();
    const { lines, logger } = captureLog();
    try {
      const app = createApp({ ...deps, logger });
      const admin = await adminBrowser(app, deps.db);
      const res = await admin.request('/api/v1/members/secret%00id');
      assert.equal(res.status, 400);
      const requestId = res.headers.get('x-request-id');
      assert.ok(requestId);
      const warned = lines.filter((l) => l.msg === 'request refused: PostgreSQL cannot store a character it holds');
      assert.equal(warned.length, 1);
      assert.equal(warned[0]!.level, 40);
      assert.equal(warned[0]!.requestId, requestId);
      assert.equal(warned[0]!.code, '22021');
      assert.equal(warned[0]!.route, '/api/v1/members/:id', 'the route, not the path');
      assert.doesNotMatch(JSON.stringify(lines), /secret/, 'the text is not in the log');
    } finally {
      deps.cleanup();
    }
  });
});
