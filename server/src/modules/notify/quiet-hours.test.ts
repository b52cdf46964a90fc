// Quiet hours as the local clock sees them (issue 20 item 6): pure time arithmetic, no waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTimeZone, quietUntil } from './quiet-hours.js';

const at = (iso: string) => Date.parse(iso);
const NIGHT = { start: 22 * 60, end: 7 * 60 };

test('issue 20: a notice inside quiet hours past midnight waits until they end, local time', () => {
  const q = { ...NIGHT, timeZone: 'Asia/Shanghai' };
  // 23:10 in Shanghai (UTC+8) is 15:10 UTC; the end is 07:00 the next morning, 23:00 UTC.
  assert.equal(quietUntil(at('2026-12-05T15:10:30Z'), q), at('2026-12-05T23:00:00Z'));
  // 06:59 still waits; 07:00 and noon do not.
  assert.equal(quietUntil(at('2026-12-05T22:59:00Z'), q), at('2026-12-05T23:00:00Z'));
  assert.equal(quietUntil(at('2026-12-05T23:00:00Z'), q), null);
  assert.equal(quietUntil(at('2026-12-06T04:00:00Z'), q), null);
  // 22:00 exactly is inside.
  assert.equal(quietUntil(at('2026-12-05T14:00:00Z'), q), at('2026-12-05T23:00:00Z'));
});

test('issue 20: a window within one day, and an empty one', () => {
  const lunch = { start: 12 * 60, end: 13 * 60 + 30, timeZone: 'UTC' };
  assert.equal(quietUntil(at('2026-12-05T12:45:00Z'), lunch), at('2026-12-05T13:30:00Z'));
  assert.equal(quietUntil(at('2026-12-05T11:59:59Z'), lunch), null);
  assert.equal(quietUntil(at('2026-12-05T12:45:00Z'), { start: 600, end: 600, timeZone: 'UTC' }), null);
});

test('issue 20: the end follows the local clock across a daylight-saving change', () => {
  const q = { start: 0, end: 8 * 60, timeZone: 'Europe/Berlin' };
  // 2026-03-29: clocks go from 02:00 to 03:00. 00:30 CET (23:30 UTC the day before) waits until 08:00 CEST = 06:00 UTC.
  assert.equal(quietUntil(at('2026-03-28T23:30:00Z'), q), at('2026-03-29T06:00:00Z'));
  // 2026-10-25: clocks go from 03:00 back to 02:00. 00:30 CEST (22:30 UTC) waits until 08:00 CET = 07:00 UTC.
  assert.equal(quietUntil(at('2026-10-24T22:30:00Z'), q), at('2026-10-25T07:00:00Z'));
});

test('issue 20: an end time the clock jumps over ends the wait right after the jump', () => {
  const q = { start: 60, end: 2 * 60 + 30, timeZone: 'Europe/Berlin' };
  // 01:30 CET on 2026-03-29 (00:30 UTC); 02:30 does not exist that night, 03:00 CEST (01:00 UTC) comes instead.
  const until = quietUntil(at('2026-03-29T00:30:00Z'), q);
  assert.ok(until !== null && until > at('2026-03-29T00:30:00Z') && until <= at('2026-03-29T01:30:00Z'));
});

test('issue 20: time zones are IANA names the server knows', () => {
  assert.ok(isTimeZone('Asia/Shanghai'));
  assert.ok(isTimeZone('UTC'));
  assert.equal(isTimeZone('Mars/Olympus'), false);
});
