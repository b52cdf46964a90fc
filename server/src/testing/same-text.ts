import assert from 'node:assert/strict';

/**
 * Asserts that two texts are the same; a difference is shown where it starts, with what is around it. assert's own
 * diff of two long one-line texts (two JSON bodies of an inbox page) ran for minutes before it reported.
 */
export function assertSameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let at = 0;
  while (actual[at] === expected[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 120), at + 120));
  assert.fail(
    `${what}: they differ from character ${at}\n  actual   ${around(actual)}\n  expected ${around(expected)}`,
  );
}
