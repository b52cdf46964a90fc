import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from './ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('issue 15: ids from the random pool are UUIDv7, unique, and sort in the order they were made', () => {
  // More than one pool of random bytes (256 ids) and, on any machine, many ids within one millisecond.
  const ids = Array.from({ length: 5000 }, () => newId());
  for (const id of ids) assert.match(id, UUID_V7);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
});
