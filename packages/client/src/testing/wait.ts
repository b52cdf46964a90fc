// Waiting in tests and story play steps for what the user would see (no test library imported: stories use it too).

/**
 * How long a test waits for something the user would see, on the slowest CI day (issue 23: a loaded machine ran
 * the suite 5× slower than a quiet one). Below mocha's timeout (web-test-runner.config.mjs), so a failure names
 * what never appeared; a passing test never waits for it, as every wait ends on a positive signal.
 */
export const TEST_WAIT_MS = 20_000;

/** Polls until `check` is truthy; `ms` (written for a quiet machine) is raised to {@link TEST_WAIT_MS}. */
export const until = async (check: () => unknown, ms = TEST_WAIT_MS, what = 'condition'): Promise<void> => {
  const end = Date.now() + Math.max(ms, TEST_WAIT_MS);
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
