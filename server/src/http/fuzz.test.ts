// Issue 22: a bounded, seeded fuzz over every operation of the OpenAPI document — no 5xx, and memory stays bounded.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, test } from 'node:test';
import { demoApp } from '../testing/demo.js';
import { fuzzRequests, type Operation } from '../testing/fuzz.js';
import { body } from '../testing/http.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const MB = 1024 * 1024;

/** Operations that would end the session the fuzz runs in, or never end (the event stream). */
const SKIPPED = new Set(['POST /api/v1/auth/sign-out', 'GET /api/v1/live']);

describe('issue 22: fuzzing every route of the OpenAPI document', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  before(async () => {
    demo = await demoApp();
  });
  after(() => demo.deps.cleanup());

  test('issue 22: malformed bodies, huge strings, control characters and wrong content types never give a \
5xx', async () => {
    const doc = await body(await demo.app.request('/api/v1/openapi.json'));
    const ops: Operation[] = Object.entries<Record<string, object>>(doc.paths)
      .flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
      )
      .filter((o) => !SKIPPED.has(`${o.method} ${o.path}`));
    assert.ok(ops.length > 80, `${ops.length} operations`);
    const requests = fuzzRequests(doc, ops, 4, 22);
    const baseline = heapAfterGc();
    const failures: string[] = [];
    const unauthenticated: string[] = [];
    for (const r of requests) {
      const res = await demo.admin.request(r.url, {
        method: r.method,
        headers: r.headers,
        ...(r.body === undefined ? {} : { body: r.body as BodyInit }),
      });
      if (res.status >= 500) failures.push(`${r.label} → ${res.status} ${(await res.text()).slice(0, 200)}`);
      else await res.arrayBuffer();
      if (res.status === 401) unauthenticated.push(r.label);
    }
    assert.deepEqual(failures, []);
    assert.ok(
      unauthenticated.length < requests.length / 10,
      `the session held: ${unauthenticated.slice(0, 3).join('; ')}`,
    );
    const grown = heapAfterGc() - baseline;
    assert.ok(grown < 48 * MB, `the heap grew by ${(grown / MB).toFixed(1)} MB over ${requests.length} requests`);
  });
});
