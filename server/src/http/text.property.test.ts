// Issue 22: for arbitrary text, what the server checks is what it stores, and uniqueness holds for every spelling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { demoApp, textDoc } from '../testing/demo.js';
import { body, type Browser } from '../testing/http.js';

/** Pieces that have bent the rules before: NUL, controls, combining marks, CR LF, unpaired surrogates, wide letters. */
const tricky = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  'e\u0301',
  '\u00e9',
  '\r\n',
  '\t',
  ' ',
  '\ud800',
  '\udc00',
  'Ａ',
  '技术部',
  'Super admin',
  '\u200b',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), tricky), { maxLength: 6 })
  .map((parts) => parts.join(''));
/** The server's rule, written out independently: refused when it holds a control character or an unpaired surrogate. */
const refused = (s: string) =>
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udfff]/u.test(s.replace(/\r\n?/g, '\n'));
const expected = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
/** Names, subjects and tags are one line: a tab or line break left after trimming is refused. */
const multiLine = (s: string) => /[\t\n]/.test(expected(s));
const RUNS = { numRuns: 40, seed: 22 };

describe('issue 22: stored value == checked value, and uniqueness holds (property-based)', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let admin: Browser;
  let n = 0;
  before(async () => {
    demo = await demoApp();
    admin = demo.admin;
  });
  after(() => demo.deps.cleanup());

  /**
   * Creates with `value` (stored as `stored(value)`), then with its NFD spelling and with a NUL appended: neither may
   * create a second one.
   */
  const checkUnique = async (
    create: (v: string) => Promise<Response>,
    value: string,
    read: (created: Record<string, any>) => string,
    stored = expected,
  ) => {
    const res = await create(value);
    if (refused(value) || multiLine(value)) return assert.equal(res.status, 400, `${JSON.stringify(value)} is refused`);
    // blank, too long, bad format
    if (res.status !== 201) return assert.equal(res.status, 400, `${JSON.stringify(value)}: ${res.status}`);
    assert.equal(read(await body(res)), stored(value), 'stored as checked');
    for (const variant of [value.normalize('NFD'), `${value}\u0000`]) {
      const again = await create(variant);
      assert.ok(
        again.status === 409 || again.status === 400,
        `${JSON.stringify(variant)} made a second one (${again.status})`,
      );
    }
  };

  test('issue 22: position names', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const value = `p${n++}${s}`;
        await checkUnique(
          (v) => admin.request('/api/v1/positions', { method: 'POST', json: { name: v, level: 1 } }),
          value,
          (p) => p.name,
        );
      }),
      RUNS,
    );
  });

  test('issue 22: contact e-mails', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const value = `c${n++}${s}@example.com`;
        await checkUnique(
          (v) => admin.request('/api/v1/contacts', { method: 'POST', json: { kind: 'customer', name: 'C', email: v } }),
          value,
          (c) => c.email,
          (v) => expected(v).toLowerCase(),
        );
      }),
      RUNS,
    );
  });

  test('issue 22: tag names', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const value = `t${n++}${s}`.slice(0, 50);
        await checkUnique(
          (v) => admin.request('/api/v1/tags', { method: 'POST', json: { scope: 'personal', name: v } }),
          value,
          (t) => t.name,
        );
      }),
      RUNS,
    );
  });

  test('issue 22: subjects are stored as checked, never cut', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const value = `s${n++}${s}`;
        const res = await admin.request('/api/v1/messages', {
          method: 'POST',
          headers: { 'idempotency-key': `subject-${n}` },
          json: {
            kind: 'internal',
            subject: value,
            body: textDoc('x'),
            audience: [{ kind: 'member', targetId: demo.ids.E1001 }],
          },
        });
        if (refused(value) || multiLine(value)) return assert.equal(res.status, 400);
        if (res.status !== 201) return assert.equal(res.status, 400);
        const sent = await body(res);
        assert.equal(sent.subject, expected(value));
        assert.equal((await body(await admin.request(`/api/v1/messages/${sent.id}`))).subject, expected(value));
      }),
      RUNS,
    );
  });
});
