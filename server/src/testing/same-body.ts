import assert from 'node:assert/strict';

const UTF8 = new TextDecoder();

/**
 * Asserts that two answers have the same body, byte for byte; a difference is shown where it starts, with what is
 * around it. assert's own diff of two long one-line texts (two JSON bodies of an inbox page) ran for minutes before it
 * reported, and comparing decoded text would take two different invalid byte sequences for the same U+FFFD.
 */
export async function assertSameBody(actual: Response, expected: Response, what: string): Promise<void> {
  const [a, b] = [new Uint8Array(await actual.arrayBuffer()), new Uint8Array(await expected.arrayBuffer())];
  if (Buffer.compare(a, b) === 0) return;
  let at = 0;
  while (a[at] === b[at]) at++;
  const around = (bytes: Uint8Array) => JSON.stringify(UTF8.decode(bytes.subarray(Math.max(0, at - 120), at + 120)));
  assert.fail(`${what}: the bodies differ from byte ${at}\n  actual   ${around(a)}\n  expected ${around(b)}`);
}
