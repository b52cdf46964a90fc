// Issue 22 (and 15: the walk is linear): what normaliseJson gives zod, and where it says a string is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FieldError } from './problem.js';
import { MAX_DEPTH, normaliseJson } from './text.js';

test('issue 22: every string and key is NFC with \\n line breaks; the input is left as it was', () => {
  const input = { 'cafe\u0301': ['e\u0301', { note: 'a\r\nb\rc' }], plain: 'ascii', n: 1, t: true, z: null };
  const before = structuredClone(input);
  const errors: FieldError[] = [];
  assert.deepEqual(normaliseJson(input, errors), {
    'caf\u00e9': ['\u00e9', { note: 'a\nb\nc' }],
    plain: 'ascii',
    n: 1,
    t: true,
    z: null,
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(input, before);
});

test('issue 22: a refused string or key is named by its full path, siblings after it keep theirs', () => {
  const errors: FieldError[] = [];
  normaliseJson(
    { body: { content: [{ text: 'ok' }, { text: 'bad\u0000' }], ['k\u0007']: 'x' }, after: 'y\u001b' },
    errors,
  );
  assert.deepEqual(
    errors.map((e) => [e.path, e.code]),
    [
      ['body.content.1.text', 'invalid-format'],
      ['body.k\u0007', 'invalid-format'],
      ['after', 'invalid-format'],
    ],
  );
});

test("issue 22: a JSON '__proto__' key stays an own field (the unknown-field check sees it), not a prototype", () => {
  const input = JSON.parse('{"name":"P1","__proto__":{"admin":true}}') as object;
  const out = normaliseJson(input, []) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.ok(Object.hasOwn(out, '__proto__'));
  assert.deepEqual(Object.keys(out), ['name', '__proto__']);
  assert.equal((out as { admin?: boolean }).admin, undefined);
});

test('issue 22: nesting deeper than MAX_DEPTH is one too-big error, not a stack overflow', () => {
  let deep: unknown = 'leaf';
  for (let i = 0; i < 10_000; i++) deep = [deep];
  const errors: FieldError[] = [];
  normaliseJson({ deep }, errors);
  assert.deepEqual(
    errors.map((e) => [e.code, e.path.split('.').length]),
    [['too-big', MAX_DEPTH + 1]],
  );
});
