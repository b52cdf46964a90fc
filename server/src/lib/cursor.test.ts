import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Problem } from '../http/problem.js';
import { decodeCursor, encodeCursor } from './cursor.js';

test('a cursor round-trips its sort key, Chinese text included', () => {
  assert.deepEqual(decodeCursor(encodeCursor(1795531646521, '019a…'), ['number', 'string'] as const), [
    1795531646521,
    '019a…',
  ]);
  assert.deepEqual(decodeCursor(encodeCursor('张三', 'id-1'), ['string', 'string'] as const), ['张三', 'id-1']);
});

test('a cursor that is not one of ours, or of another shape, is a 400 on `cursor`', () => {
  for (const bad of [
    'not-base64-json',
    encodeCursor('a'),
    encodeCursor('1', 'x'),
    Buffer.from('{"a":1}').toString('base64url'),
  ]) {
    assert.throws(
      () => decodeCursor(bad, ['number', 'string'] as const),
      (e: unknown) => e instanceof Problem && e.code === 'validation' && e.extras.errors?.[0]?.path === 'cursor',
    );
  }
});
