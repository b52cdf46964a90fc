// A web-test-runner reporter (HERALD_WTR_TIMES=1): at the end, the test files that took longest, each with the time
// its tests took by mocha's clock and the time since the file before it reported (one file at a time: its page's set-up
// and its tests), to see where the step's minutes go.
export function fileTimesReporter({ top = 25 } = {}) {
  const started = new Map(); // file → its tests' own time and when its results came
  let runStarted = Date.now();
  return {
    onTestRunStarted() {
      runStarted = Date.now();
      started.clear();
    },
    reportTestFileResults({ sessionsForTestFile, testFile }) {
      const sum = (suite) =>
        (suite?.tests ?? []).reduce((t, r) => t + (r.duration ?? 0), 0) +
        (suite?.suites ?? []).reduce((t, s) => t + sum(s), 0);
      const tests = sessionsForTestFile.reduce((t, s) => t + sum(s.testResults), 0);
      started.set(testFile, { tests, end: Date.now() });
    },
    onTestRunFinished() {
      const rows = [...started].sort((a, b) => a[1].end - b[1].end);
      let previous = runStarted; // the first file carries the browser's launch
      const timed = rows.map(([file, { tests, end }]) => {
        const wall = end - previous;
        previous = end;
        return { file, tests, wall };
      });
      const total = timed.reduce((t, r) => t + r.tests, 0);
      console.log(
        `\nTest files by time between their results (tests' own time in all: ${(total / 1000).toFixed(0)} s)`,
      );
      for (const r of timed
        .sort((a, b) => b.wall - a.wall)
        .slice(0, process.env.HERALD_WTR_TIMES === 'all' ? undefined : top)) {
        const s = (ms) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
        console.log(`  ${s(r.wall)}  tests ${s(r.tests)}  ${r.file}`);
      }
    },
  };
}
