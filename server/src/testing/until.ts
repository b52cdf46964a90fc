import assert from 'node:assert/strict';

/**
 * Waits for a positive signal (a row written, a counter moved), looking every 10 ms; fails the test past `ms`. The
 * limit only ends a test that would otherwise hang: what is asserted is the signal, never how long it took.
 */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`${what}: still not after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
